// Keeps the page cache honest: changes made by other processes (polled from the
// content_changes table), and scheduled reviews falling due.
import type { Db } from "../../db/connect.ts";
import { followChanges, type ChangeFeed } from "../../domain/changes.ts";
import { nowIso } from "../../domain/time.ts";
import type { PageCache } from "./page-cache.ts";

export interface FreshnessTiming {
  /** Milliseconds since the epoch; tests drive it instead of sleeping. */
  clock?: () => number;
  /** How often to look for changes made by other processes. */
  pollIntervalMs?: number;
}

export class Freshness {
  generation = 0;
  #feed: Promise<ChangeFeed> | undefined;
  #lastPoll = 0;
  #polling: Promise<void> | undefined;
  /** Publication time of the next scheduled review; undefined = unknown, null = none. */
  #nextDue: string | null | undefined;
  #nextDueMs = Number.POSITIVE_INFINITY;
  #dueCheck: Promise<void> | undefined;

  readonly #clock: () => number;
  readonly #pollIntervalMs: number;

  constructor(
    private readonly db: Db,
    private readonly caches: PageCache[],
    timing: FreshnessTiming = {},
  ) {
    this.#clock = timing.clock ?? Date.now;
    this.#pollIntervalMs = timing.pollIntervalMs ?? 1000;
  }

  invalidate(tags: readonly string[]): void {
    this.generation++;
    for (const cache of this.caches) cache.invalidate(tags);
    if (tags.includes("public-set") || tags.includes("site")) this.#nextDue = undefined;
  }

  /**
   * Undefined when the cache may be used at once — the usual case, kept free of promises
   * because it runs on every request; otherwise a promise to wait for first.
   */
  ensure(): Promise<void> | undefined {
    if (this.#nextDue && this.#nextDueMs <= this.#clock()) this.invalidate(["public-set"]);
    if (this.#clock() - this.#lastPoll < this.#pollIntervalMs && this.#nextDue !== undefined) {
      return undefined;
    }
    return this.#refresh();
  }

  async #refresh(): Promise<void> {
    if (this.#clock() - this.#lastPoll >= this.#pollIntervalMs) {
      this.#polling ??= this.#poll().finally(() => (this.#polling = undefined));
      await this.#polling;
    }
    if (this.#nextDue === undefined) {
      this.#dueCheck ??= this.#findNextDue().finally(() => (this.#dueCheck = undefined));
      await this.#dueCheck;
    }
  }

  async #poll(): Promise<void> {
    this.#feed ??= followChanges(this.db);
    const tags = await (await this.#feed).poll();
    this.#lastPoll = this.#clock();
    // Through the process's own change bus, so whatever else it keeps for a while (the
    // site-wide reads, src/web/cache/site-reads.ts) hears of other instances' changes too;
    // the page cache layer passes them back to `invalidate`.
    if (tags.length) this.db.changes.emit([...new Set(tags)]);
  }

  async #findNextDue(): Promise<void> {
    const now = nowIso();
    const row = await this.db.kysely
      .selectFrom("reviews")
      .select((eb) => eb.fn.min("published_at").as("next"))
      .where("status", "in", ["published", "scheduled"])
      .where("published_at", ">", now)
      .executeTakeFirst();
    // Posts and pages fall due the same way, and the sitemap and the footer list them.
    const post = await this.db.kysely
      .selectFrom("posts")
      .select((eb) => eb.fn.min("published_at").as("next"))
      .where("status", "in", ["published", "scheduled"])
      .where("published_at", ">", now)
      .executeTakeFirst();
    const times = [row?.next, post?.next].filter((t): t is string => !!t);
    this.#nextDue = times.length ? times.reduce((a, b) => (a < b ? a : b)) : null;
    this.#nextDueMs = this.#nextDue ? Date.parse(this.#nextDue) : Number.POSITIVE_INFINITY;
  }
}
