// Fedify's message queue over our own database (table federation_queue, migration 028): every
// activity to deliver, and every inbox activity to handle, is a row first, so nothing is lost
// when a remote server or this process goes down. Workers claim due rows with a lease, as the
// mail outbox does (src/domain/mail-outbox.ts): several app instances share the queue and a
// row is handled once; a worker that dies leaves its rows to another when the lease runs out.
// A failed message is retried with backoff (Fedify re-enqueues failed deliveries itself, with
// its own backoff; a handler that throws past it is retried here). A message that takes
// longer than its deadline (an inbox that accepts the connection and never answers) counts as
// failed, so no hung server can hold a worker's batch. Pages come first: after each round the
// worker rests in proportion to how busy the event loop was (deliveries and pages together),
// so a fan-out to thousands of inboxes takes at most a share of the process from the pages it
// serves (bench/federation.ts). An aborted `listen` stops once the messages in hand are done
// (the serve command's graceful stop).
import { performance } from "node:perf_hooks";
import type {
  MessageQueue,
  MessageQueueDepth,
  MessageQueueEnqueueOptions,
  MessageQueueListenOptions,
} from "@fedify/fedify";
import type { Selectable } from "kysely";
import type { Db } from "../db/connect.ts";
import type { FederationQueueTable } from "../db/schema.ts";
import { durationMs } from "./duration.ts";

export type QueueRow = Selectable<FederationQueueTable>;

interface QueueOptions {
  /** How long a claimed row is left to its worker before another may take it. */
  leaseMs?: number;
  /** How often an idle worker looks for due rows. */
  pollMs?: number;
  /** How many messages one worker handles at once. */
  batchSize?: number;
  /** A message failing this many times is dropped (its error logged by the caller). */
  maxAttempts?: number;
  /** A message not handled within this long counts as failed and is retried later. */
  deadlineMs?: number;
  /**
   * The share of the event loop's busy time the worker may take (0–1): after a round that kept
   * the loop busy for B ms, it rests B × (1 / share − 1) ms. 1: no rest.
   */
  busyShare?: number;
  clock?: () => number;
  onError?: (row: QueueRow, error: unknown) => void;
}

/** Retry delay after `attempts` failures: 30 s, 1, 2, 4 … minutes, at most six hours. */
function queueRetryDelayMs(attempts: number): number {
  return Math.min(6 * 60 * 60_000, 30_000 * 2 ** Math.max(0, attempts - 1));
}

function delayMs(options: MessageQueueEnqueueOptions | undefined): number {
  return Math.max(0, durationMs(options?.delay));
}

export class DatabaseMessageQueue implements MessageQueue {
  readonly nativeRetrial = false;
  private readonly leaseMs: number;
  private readonly pollMs: number;
  private readonly batchSize: number;
  private readonly maxAttempts: number;
  private readonly deadlineMs: number;
  private readonly busyShare: number;
  private readonly clock: () => number;

  constructor(
    private readonly db: Db,
    private readonly options: QueueOptions = {},
  ) {
    this.leaseMs = options.leaseMs ?? 5 * 60_000;
    this.pollMs = options.pollMs ?? 1000;
    this.batchSize = options.batchSize ?? 8;
    this.maxAttempts = options.maxAttempts ?? 12;
    this.deadlineMs = options.deadlineMs ?? 60_000;
    this.busyShare = Math.min(1, Math.max(0.05, options.busyShare ?? 0.5));
    this.clock = options.clock ?? Date.now;
  }

  async enqueue(message: unknown, options?: MessageQueueEnqueueOptions): Promise<void> {
    await this.enqueueMany([message], options);
  }

  async enqueueMany(
    messages: readonly unknown[],
    options?: MessageQueueEnqueueOptions,
  ): Promise<void> {
    if (messages.length === 0) return;
    const now = this.clock();
    const created_at = new Date(now).toISOString();
    const due_at = new Date(now + delayMs(options)).toISOString();
    const rows = messages.map((message) => ({
      message: JSON.stringify(message),
      ordering_key: options?.orderingKey ?? null,
      created_at,
      due_at,
    }));
    // In chunks: SQLite allows at most 32,766 bound values in one statement.
    for (let i = 0; i < rows.length; i += 500) {
      await this.db.kysely
        .insertInto("federation_queue")
        .values(rows.slice(i, i + 500))
        .execute();
    }
  }

  /**
   * Takes up to `limit` due rows for this worker in one UPDATE, so two workers never take the
   * same row (PostgreSQL skips rows another worker is claiming at that moment). A row with an
   * ordering key waits while an earlier row with the same key is still in the queue.
   */
  async claimDue(limit = this.batchSize): Promise<QueueRow[]> {
    const now = this.clock();
    const at = new Date(now).toISOString();
    const db = this.db;
    return db.kysely
      .updateTable("federation_queue")
      .set({ claimed_until: new Date(now + this.leaseMs).toISOString() })
      .where("id", "in", (eb) => {
        const due = eb
          .selectFrom("federation_queue as q")
          .select("q.id")
          .where("q.due_at", "<=", at)
          .where((w) => w.or([w("q.claimed_until", "is", null), w("q.claimed_until", "<", at)]))
          .where((w) =>
            w.or([
              w("q.ordering_key", "is", null),
              w.not(
                w.exists(
                  w
                    .selectFrom("federation_queue as earlier")
                    .select("earlier.id")
                    .whereRef("earlier.ordering_key", "=", "q.ordering_key")
                    .whereRef("earlier.id", "<", "q.id"),
                ),
              ),
            ]),
          )
          .orderBy("q.due_at")
          .orderBy("q.id")
          .limit(limit);
        return db.dialect === "postgres" ? due.forUpdate().skipLocked() : due;
      })
      .returningAll()
      .execute();
  }

  /** Handles one claimed row: gone when done, put back with a delay when it failed. */
  async handle(row: QueueRow, handler: (message: unknown) => Promise<void> | void): Promise<void> {
    try {
      await withDeadline(handler(JSON.parse(row.message)), this.deadlineMs);
      await this.db.kysely.deleteFrom("federation_queue").where("id", "=", row.id).execute();
    } catch (error) {
      this.options.onError?.(row, error);
      const attempts = row.attempts + 1;
      if (attempts >= this.maxAttempts) {
        await this.db.kysely.deleteFrom("federation_queue").where("id", "=", row.id).execute();
        return;
      }
      await this.db.kysely
        .updateTable("federation_queue")
        .set({
          attempts,
          claimed_until: null,
          last_error: String(error).slice(0, 1000),
          due_at: new Date(this.clock() + queueRetryDelayMs(attempts)).toISOString(),
        })
        .where("id", "=", row.id)
        .execute();
    }
  }

  /** One round: claims what is due and handles it; returns how many rows it handled. */
  async runDue(handler: (message: unknown) => Promise<void> | void): Promise<number> {
    const rows = await this.claimDue();
    await Promise.all(rows.map((row) => this.handle(row, handler)));
    return rows.length;
  }

  async listen(
    handler: (message: unknown) => Promise<void> | void,
    options?: MessageQueueListenOptions,
  ): Promise<void> {
    const signal = options?.signal;
    while (!signal?.aborted) {
      let handled = 0;
      const loopBefore = performance.eventLoopUtilization();
      try {
        handled = await this.runDue(handler);
      } catch (error) {
        // The database is away for a moment: wait and look again.
        this.options.onError?.({ id: 0 } as QueueRow, error);
      }
      if (handled === 0) await pause(this.pollMs, signal);
      else if (this.busyShare < 1) {
        const busyMs = performance.eventLoopUtilization(loopBefore).active;
        await pause(busyMs * (1 / this.busyShare - 1), signal);
      }
    }
  }

  async getDepth(): Promise<MessageQueueDepth> {
    const at = new Date(this.clock()).toISOString();
    const row = await this.db.kysely
      .selectFrom("federation_queue")
      .select([
        (eb) => eb.fn.count<string | number>("id").as("queued"),
        (eb) => eb.fn.count<string | number>("id").filterWhere("due_at", "<=", at).as("ready"),
      ])
      .executeTakeFirstOrThrow();
    const queued = Number(row.queued);
    const ready = Number(row.ready);
    return { queued, ready, delayed: queued - ready };
  }
}

/**
 * The work's result, or a failure once `ms` have passed. Fedify gives its deliveries no
 * signal, so the request itself is left to end on its own (Node's fetch gives up on headers
 * after five minutes); the queue has moved on by then.
 */
async function withDeadline(work: Promise<void> | void, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`not done within ${ms} ms`)), ms);
  });
  try {
    await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** Waits `ms`, or less when the signal aborts. */
function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", done, { once: true });
  });
}
