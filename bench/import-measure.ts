// What the import benchmarks share: an empty migrated database with an owner (imports give
// reviews an author), and one measured run — wall time, CPU time, and the peak resident
// memory sampled every 20 ms. An import runs in a child process (src/importers/worker), so
// both count this process and its children: their CPU once they have ended (Linux's cutime
// and cstime), their memory added to this process's at each sample.
import fs from "node:fs";
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
  /** The peak of the children alone: the import's own process, as the server would fork it. */
  childrenPeak: number;
}

/** CPU seconds of this process's children that have ended and been waited for. */
function endedChildrenCpuSeconds(): number {
  // Fields 16 and 17 of /proc/self/stat, counted after the command's closing parenthesis.
  const fields = fs.readFileSync("/proc/self/stat", "utf8").split(") ")[1]!.split(" ");
  return (Number(fields[13]) + Number(fields[14])) / 100; // clock ticks, 100 a second
}

/** Resident memory of this process's running children, in bytes. */
function residentOfChildren(): number {
  let total = 0;
  for (const pid of fs.readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
    try {
      const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
      if (Number(/^PPid:\s+(\d+)/m.exec(status)?.[1]) !== process.pid) continue;
      total += Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? 0) * 1024;
    } catch {
      // The process ended while it was being read.
    }
  }
  return total;
}

export async function measure<T>(run: () => Promise<T>): Promise<Measured<T>> {
  let childrenPeak = 0;
  const residentWithChildren = () => {
    const children = residentOfChildren();
    childrenPeak = Math.max(childrenPeak, children);
    return process.memoryUsage().rss + children;
  };
  const before = residentWithChildren();
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, residentWithChildren())), 20);
  const cpuBefore = process.cpuUsage();
  const childrenBefore = endedChildrenCpuSeconds();
  const began = performance.now();
  try {
    const result = await run();
    const seconds = (performance.now() - began) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    const childrenCpu = endedChildrenCpuSeconds() - childrenBefore;
    peak = Math.max(peak, residentWithChildren());
    const cpuSeconds = (cpu.user + cpu.system) / 1e6 + childrenCpu;
    return { result, seconds, cpuSeconds, before, peak, childrenPeak };
  } finally {
    clearInterval(sampler);
  }
}

export const megabytes = (n: number) => (n / 1024 / 1024).toFixed(1);
