// The loop every background worker runs (mail, Webmentions, fediverse publishing): a round
// of work, then a pause, never two rounds at once; stopping waits for the round in hand. The
// round is given the stop signal, so a worker that can stop part-way (the mail sender hands
// back what it had not started) does.

export interface RepeatingRounds {
  stop(): Promise<void>;
}

interface RoundOptions {
  /** The pause between the end of one round and the start of the next. */
  intervalMs: number;
  /** The first round starts after this (or the interval, if shorter). */
  firstAfterMs: number;
  /** Told of a round that failed; the loop goes on. */
  onError: (error: unknown) => void;
}

export function startRepeatingRounds(
  round: (stopped: AbortSignal) => Promise<unknown>,
  options: RoundOptions,
): RepeatingRounds {
  const stopping = new AbortController();
  const stopped = stopping.signal;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  const next = () => {
    running = round(stopped)
      .catch(options.onError)
      .finally(() => {
        if (!stopped.aborted) {
          timer = setTimeout(next, options.intervalMs);
          timer.unref();
        }
      });
  };
  timer = setTimeout(next, Math.min(options.firstAfterMs, options.intervalMs));
  timer.unref();
  return {
    async stop() {
      stopping.abort();
      clearTimeout(timer);
      await running;
    },
  };
}
