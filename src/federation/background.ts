// The fediverse's share of `cinelog serve`'s background work: publishing due reviews and
// working the delivery queue. Neither loads Fedify until there is something to do (federation
// turned on, or deliveries still queued from before it was turned off); until then a cheap
// check every few seconds is all it costs. Stopping stops the publisher before the queue
// that sends what it queued.
import type { Logger } from "pino";
import type { Db } from "../db/connect.ts";
import { startRepeatingRounds, type RepeatingRounds } from "../domain/repeating-rounds.ts";
import { loadSettings } from "../domain/settings.ts";
import type { LoadFederation } from "./federation-loader.ts";

/** How often to look for work while Fedify is not loaded, and to publish once it is. */
const defaultTiming = { checkEveryMs: 5_000, publishEveryMs: 10_000 };

interface Running {
  publisher: RepeatingRounds;
  stopQueue: () => Promise<unknown>;
}

export function startFederationWork(
  loadFederation: LoadFederation,
  db: Db,
  siteUrl: string,
  logger: Logger,
  timing = defaultTiming,
): RepeatingRounds {
  let running: Running | undefined;
  const watcher = startRepeatingRounds(
    async (stopped) => {
      if (running || !(await hasWork(db))) return;
      const blog = await loadFederation();
      const { startPublisher } = await import("./publish.ts");
      if (stopped.aborted) return;
      // An abort lets the messages in hand finish (src/federation/message-queue.ts).
      const queueStop = new AbortController();
      const queueDone = blog.federation
        .startQueue(undefined, { signal: queueStop.signal })
        .catch((error: unknown) => logger.error({ err: error }, "federation queue stopped"));
      running = {
        publisher: startPublisher(blog, siteUrl, logger, timing.publishEveryMs),
        stopQueue: () => {
          queueStop.abort();
          return queueDone;
        },
      };
    },
    {
      intervalMs: timing.checkEveryMs,
      firstAfterMs: 500,
      onError: (error) => logger.error({ err: error }, "fediverse work could not start"),
    },
  );
  return {
    async stop() {
      await watcher.stop();
      if (!running) return;
      await running.publisher.stop();
      await running.stopQueue();
    },
  };
}

async function hasWork(db: Db): Promise<boolean> {
  if ((await loadSettings(db)).federationEnabled) return true;
  const queued = await db.kysely
    .selectFrom("federation_queue")
    .select("id")
    .limit(1)
    .executeTakeFirst();
  return queued !== undefined;
}
