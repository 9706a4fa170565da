// How long each stats page takes to render with no page cache, on the bench site (2,000
// reviews, 20,000 comments; bench/generate.ts), on SQLite and on PostgreSQL. In-process
// (app.request), so the figure is the page's own work: the queries, the figures, the SVG.
// The admin dashboard's numbers are timed through their domain function (the page needs a
// signed-in owner). Goal: each page ≤ 50 ms.
//
// Besides wall time, each line gives this process's CPU time per request (user + system,
// process.cpuUsage): less disturbed by other work on a shared machine. On PostgreSQL the
// server's own CPU is not in it (it is another process), so read the wall time there too.
//
//   npx tsx bench/stats.ts [--runs 20] [--warmup 5] [--comments 20000]
//       [--sqlite bench/data/stats-bench.db] [--postgres postgres://postgres@127.0.0.1:5432/postgres]
//
// Each database is generated once and reused on the next run (delete the file, or the
// `cinelog_stats_bench` database, to start over). Pass --postgres off to skip PostgreSQL.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { sql } from "kysely";
import pg from "pg";
import pino from "pino";
import { loadConfig } from "../src/config.ts";
import { connect, type Db } from "../src/db/connect.ts";
import { migrateToLatest } from "../src/db/migrate.ts";
import { dashboardNumbers } from "../src/domain/stats/dashboard-numbers.ts";
import { createApp } from "../src/web/app.tsx";
import { generateSite } from "./generate.ts";

const { values } = parseArgs({
  options: {
    runs: { type: "string", default: "20" },
    // Unmeasured runs after the first, so the median is of warmed-up code, as in a server
    // that has been up a while (0 gives the figures of the earlier bench runs).
    warmup: { type: "string", default: "5" },
    comments: { type: "string", default: "20000" },
    sqlite: { type: "string", default: "bench/data/stats-bench.db" },
    postgres: { type: "string", default: "postgres://postgres@127.0.0.1:5432/postgres" },
  },
});
const media = path.resolve("bench/data/media");
const benchDatabase = "cinelog_stats_bench";

async function filled(db: Db): Promise<void> {
  await migrateToLatest(db);
  const row = await db.kysely
    .selectFrom("reviews")
    .select((eb) => eb.fn.countAll().as("n"))
    .executeTakeFirstOrThrow();
  if (Number(row.n) === 0) {
    console.log("  generating the bench site (once)…");
    fs.mkdirSync(media, { recursive: true });
    await generateSite(db, media, 2000, 900, Number(values.comments));
  }
  // A settled site: PostgreSQL's autovacuum would have gathered statistics and marked pages
  // all-visible (index-only scans need that); the test server runs with autovacuum off.
  if (db.dialect === "postgres") await sql`vacuum analyze`.execute(db.kysely);
}

async function postgresUrl(adminUrl: string): Promise<string> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const known = await admin.query("select 1 from pg_database where datname = $1", [
      benchDatabase,
    ]);
    if (known.rowCount === 0) await admin.query(`create database ${benchDatabase}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${benchDatabase}`;
  return url.toString();
}

function median(sorted: number[]): number {
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function measure(label: string, url: string): Promise<void> {
  console.log(`${label}:`);
  const db = connect(url);
  try {
    await filled(db);
    const config = {
      ...loadConfig({ HOST: "127.0.0.1", PORT: "4000", CINELOG_DATA_DIR: os.tmpdir() }),
      mediaDir: media,
      pageCache: false,
    };
    const app = createApp({ db, config, logger: pino({ level: "silent" }) });
    const years = await db.kysely
      .selectFrom("reviews")
      .select("published_at")
      .orderBy("published_at", "desc")
      .limit(1)
      .executeTakeFirstOrThrow();
    const last = Number(years.published_at!.slice(0, 4));
    const paths = ["/stats", `/stats/${last}`, `/stats/${last - 5}`, `/stats/${last}/card.png`];
    const requests: [string, () => Promise<unknown>][] = paths.map((p) => [
      p,
      async () => {
        const response = await app.request(p);
        await response.arrayBuffer();
        if (response.status !== 200) throw new Error(`${p}: ${response.status}`);
      },
    ]);
    const now = `${last}-12-31T12:00:00.000Z`;
    requests.push(["dashboard numbers", () => dashboardNumbers(db, now)]);
    for (const [label, once] of requests) {
      const first = performance.now();
      await once();
      const firstMs = performance.now() - first;
      for (let i = 0; i < Number(values.warmup); i++) await once();
      const times: number[] = [];
      const cpu: number[] = [];
      for (let i = 0; i < Number(values.runs); i++) {
        const began = performance.now();
        const cpuBefore = process.cpuUsage();
        await once();
        const used = process.cpuUsage(cpuBefore);
        times.push(performance.now() - began);
        cpu.push((used.user + used.system) / 1000);
      }
      times.sort((a, b) => a - b);
      cpu.sort((a, b) => a - b);
      const ms = (n: number) => n.toFixed(1).padStart(6);
      console.log(
        `  ${label.padEnd(22)} first ${ms(firstMs)} ms   median ${ms(median(times))} ms   max ${ms(times.at(-1)!)} ms   CPU median ${ms(median(cpu))} ms`,
      );
    }
  } finally {
    await db.close();
  }
}

console.log(
  `load average: ${os
    .loadavg()
    .map((n) => n.toFixed(2))
    .join(" ")}`,
);
fs.mkdirSync(path.dirname(values.sqlite), { recursive: true });
await measure("SQLite", `sqlite:${values.sqlite}`);
if (values.postgres !== "off") await measure("PostgreSQL", await postgresUrl(values.postgres));
console.log(
  `load average: ${os
    .loadavg()
    .map((n) => n.toFixed(2))
    .join(" ")}`,
);
