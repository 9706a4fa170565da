// How long each stats page takes to render with no page cache, on the bench site (2,000
// reviews, 20,000 comments; bench/generate.ts), on SQLite and on PostgreSQL. In-process
// (app.request), so the figure is the page's own work: the queries, the figures, the SVG.
// Goal: each page ≤ 50 ms.
//
//   npx tsx bench/stats.ts [--runs 20] [--comments 20000]
//       [--sqlite bench/data/stats-bench.db] [--postgres postgres://postgres@127.0.0.1:5432/postgres]
//
// Each database is generated once and reused on the next run (delete the file, or the
// `cinelog_stats_bench` database, to start over). Pass --postgres off to skip PostgreSQL.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import pino from "pino";
import { loadConfig } from "../src/config.ts";
import { connect, type Db } from "../src/db/connect.ts";
import { migrateToLatest } from "../src/db/migrate.ts";
import { createApp } from "../src/web/app.tsx";
import { generateSite } from "./generate.ts";

const { values } = parseArgs({
  options: {
    runs: { type: "string", default: "20" },
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
  if (Number(row.n) > 0) return;
  console.log("  generating the bench site (once)…");
  fs.mkdirSync(media, { recursive: true });
  await generateSite(db, media, 2000, 900, Number(values.comments));
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
    for (const p of paths) {
      const first = performance.now();
      const response = await app.request(p);
      await response.arrayBuffer();
      const firstMs = performance.now() - first;
      if (response.status !== 200) throw new Error(`${p}: ${response.status}`);
      const times: number[] = [];
      for (let i = 0; i < Number(values.runs); i++) {
        const began = performance.now();
        await (await app.request(p)).arrayBuffer();
        times.push(performance.now() - began);
      }
      times.sort((a, b) => a - b);
      console.log(
        `  ${p.padEnd(22)} first ${firstMs.toFixed(1).padStart(6)} ms   median ${median(times).toFixed(1).padStart(6)} ms   max ${times.at(-1)!.toFixed(1).padStart(6)} ms`,
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
