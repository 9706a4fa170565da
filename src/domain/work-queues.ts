// The background queues' backlog, for /metrics: how much work waits and since when. Each
// queue is one entry in `workQueues`; a new background loop adds its own entry here and the
// gauges pick it up with no other change.
import type { Db } from "../db/connect.ts";

export interface QueueBacklog {
  /** Items not yet done (being worked on included). */
  waiting: number;
  /** When the oldest of them was queued (ISO), or null when none waits. */
  oldestAt: string | null;
}

type Backlog = (db: Db) => Promise<QueueBacklog>;

const backlog = (row: { n: string | number | bigint; oldest: string | null }): QueueBacklog => ({
  waiting: Number(row.n),
  oldestAt: row.oldest ?? null,
});

/** Mail in the outbox: neither sent nor given up. */
const mail: Backlog = async (db) =>
  backlog(
    await db.kysely
      .selectFrom("mail_outbox")
      .select((eb) => [
        eb.fn.countAll().as("n"),
        eb.fn.min<string | null>("created_at").as("oldest"),
      ])
      .where("sent_at", "is", null)
      .where("failed_at", "is", null)
      .executeTakeFirstOrThrow(),
  );

/** Imports started from the admin and not finished (queued or running). */
const imports: Backlog = async (db) =>
  backlog(
    await db.kysely
      .selectFrom("import_jobs")
      .select((eb) => [
        eb.fn.countAll().as("n"),
        eb.fn.min<string | null>("created_at").as("oldest"),
      ])
      .where("status", "in", ["queued", "running"])
      .executeTakeFirstOrThrow(),
  );

/** Fediverse deliveries and inbox work waiting (a message is deleted once done). */
const federation: Backlog = async (db) =>
  backlog(
    await db.kysely
      .selectFrom("federation_queue")
      .select((eb) => [
        eb.fn.countAll().as("n"),
        eb.fn.min<string | null>("created_at").as("oldest"),
      ])
      .executeTakeFirstOrThrow(),
  );

/** Every background queue by name. */
const workQueues: Record<string, Backlog> = { mail, imports, federation };

/** Each queue's backlog, read together (one scrape). */
export async function queueBacklogs(db: Db): Promise<Record<string, QueueBacklog>> {
  const entries = await Promise.all(
    Object.entries(workQueues).map(async ([name, read]) => [name, await read(db)] as const),
  );
  return Object.fromEntries(entries);
}

/** How many of the admin's import jobs are in each status, for the /metrics gauge. */
export async function importJobsByStatus(db: Db): Promise<{ status: string; count: number }[]> {
  const rows = await db.kysely
    .selectFrom("import_jobs")
    .select((eb) => ["status", eb.fn.countAll().as("n")])
    .groupBy("status")
    .execute();
  return rows.map((row) => ({ status: row.status, count: Number(row.n) }));
}
