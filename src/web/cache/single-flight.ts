// One render for concurrent misses of the same page: the first request to miss a key renders
// it, and the requests that miss the same key meanwhile wait for that render's result instead
// of each rendering the page again (a cold cache under load would otherwise render a popular
// page once per connection). The wait is bounded: past it, a waiter renders on its own, so a
// slow or stuck render never holds its followers for long.

/** How long a waiter waits for another request's render before rendering itself. */
const defaultRenderWaitMs = 5_000;

export class SingleFlight<T> {
  readonly #inFlight = new Map<string, Promise<T | undefined>>();

  constructor(private readonly waitMs = defaultRenderWaitMs) {}

  /** The render under way for this key, if any; resolves to undefined past the bound. */
  waitFor(key: string): Promise<T | undefined> | undefined {
    const running = this.#inFlight.get(key);
    if (!running) return undefined;
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(undefined), this.waitMs);
      timer.unref?.();
      void running.then(
        (value) => {
          clearTimeout(timer);
          resolve(value);
        },
        () => {
          clearTimeout(timer);
          resolve(undefined);
        },
      );
    });
  }

  /**
   * Runs `render` as the key's one render: requests calling `waitFor` meanwhile receive what
   * `share` returns for its outcome (undefined: nothing to share, each renders on its own).
   */
  async lead<R>(key: string, render: () => Promise<R>, share: (result: R) => T | undefined) {
    let settle!: (value: T | undefined) => void;
    const shared = new Promise<T | undefined>((resolve) => (settle = resolve));
    this.#inFlight.set(key, shared);
    try {
      const result = await render();
      settle(share(result));
      return result;
    } finally {
      settle(undefined);
      if (this.#inFlight.get(key) === shared) this.#inFlight.delete(key);
    }
  }

  /** Renders under way (for tests and metrics). */
  get size(): number {
    return this.#inFlight.size;
  }
}
