// A lock that is handed to its waiters in the order they asked for it, one at a time: a
// release wakes only the next waiter, and a newcomer never overtakes those already waiting.
export class FifoLock {
  #held = false;
  readonly #waiters: (() => void)[] = [];

  lock(): Promise<void> {
    if (!this.#held) {
      this.#held = true;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  /** Passes the lock straight to the longest waiter, or frees it. */
  unlock(): void {
    const next = this.#waiters.shift();
    if (next) next();
    else this.#held = false;
  }

  /** Callers waiting now (for tests and metrics). */
  get waiting(): number {
    return this.#waiters.length;
  }
}
