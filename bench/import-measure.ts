// What the import benchmarks share: an empty migrated database with an owner (imports give
// reviews an author), and one measured run — wall time, CPU time, and the peak resident
// memory sampled every 20 ms.
import { connect, type Db } from "../src/db/connect.ts";
import { migrateToLatest } from "../src/db/migrate.ts";

export async function openBenchDb(url: string): Promise<Db> {
  const db = connect(url);
  await migrateToLatest(db);
  await db.kysely
    .insertInto("users")
    .values({
      email: "owner@example.org",
      display_name: "Owner",
      role: "owner",
      password_hash: null,
      created_at: new Date().toISOString(),
    })
    .execute();
  return db;
}

export interface Measured<T> {
  result: T;
  seconds: number;
  cpuSeconds: number;
  /** Resident memory before the run and its peak during it, in bytes. */
  before: number;
  peak: number;
}

export async function measure<T>(run: () => Promise<T>): Promise<Measured<T>> {
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const cpuBefore = process.cpuUsage();
  const began = performance.now();
  try {
    const result = await run();
    const seconds = (performance.now() - began) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    peak = Math.max(peak, process.memoryUsage().rss);
    return { result, seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, before, peak };
  } finally {
    clearInterval(sampler);
  }
}

export const megabytes = (n: number) => (n / 1024 / 1024).toFixed(1);
