// The requests a server is still working on, counted from their arrival until the app's
// answer settles, whether or not their reader is still connected. A graceful stop waits for
// them before it closes the database: Node's `server.close()` waits only for connections, and
// a reader who hangs up (a closed tab, a load tester at its end) closes theirs while the app is
// still reading the database for them; each such request then failed against the closed
// database and logged an error (test/production/graceful-stop-cli.test.ts).
export class RequestsInFlight {
  #count = 0;
  #waiting: (() => void)[] = [];

  /** Counts `work` as one request until it settles. */
  track(work: Promise<unknown>): void {
    this.#count++;
    const done = () => {
      this.#count--;
      if (this.#count === 0) for (const resolve of this.#waiting.splice(0)) resolve();
    };
    work.then(done, done);
  }

  /** Resolves once no request is left. */
  settled(): Promise<void> {
    return this.#count === 0
      ? Promise.resolve()
      : new Promise((resolve) => this.#waiting.push(resolve));
  }
}
