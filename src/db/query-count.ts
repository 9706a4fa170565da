// Counts the statements a connection runs, through Kysely's own log hook, so a test can hold
// each page to a ceiling of queries and an N+1 (a query per row shown) cannot come back.
// One increment per statement: cheap enough to stay on in production.
import type { LogEvent } from "kysely";

export class QueryCount {
  #count = 0;

  /** Statements run (or failed) since this connection opened. */
  get count(): number {
    return this.#count;
  }

  /** Kysely's `log` option. */
  readonly log = (event: LogEvent): void => {
    if (event.level === "query" || event.level === "error") this.#count++;
  };

  /** How many statements `work` ran; only meaningful when nothing else runs meanwhile. */
  async during(work: () => Promise<unknown>): Promise<number> {
    const before = this.#count;
    await work();
    return this.#count - before;
  }
}
