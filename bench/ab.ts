// Two builds of the app side by side in one process, their requests interleaved, for a noisy
// machine. bench/run.ts measures a server under load, one build after another; on a machine
// shared with others the same build has run the same page at a third of its speed a minute
// later (bench/README.md, "Search on PostgreSQL without planning…"), and such a swing falls on
// whichever build runs then. Here each round asks both builds for each path, one after the
// other and in alternating order, so a slow moment costs both alike. What it measures is one
// request at a time in-process (routing, database, rendering; no HTTP, no concurrency): the
// median milliseconds a request, per path and build. The page cache is off.
//
//   npm run build                      # and a second build, e.g. of an older commit:
//   git worktree add /tmp/old <rev> && ln -s "$PWD/node_modules" /tmp/old/ && (cd /tmp/old && node scripts/build.mjs)
//   npx tsx bench/ab.ts --a /tmp/old/dist --b dist [--rounds 200] [--database postgres://…]
//   npx tsx bench/ab.ts --a dist --b dist --b-env CINELOG_SQLITE_CACHE_SIZE=4MB   # one setting
//   npx tsx bench/ab.ts --a /tmp/old/dist --b dist --path '/search?q=the+and' --path /tag/x  # paths of one's own
import path from "node:path";
import { parseArgs } from "node:util";
import type { Hono } from "hono";
import type * as ConfigModule from "../src/config.ts";
import { connect } from "../src/db/connect.ts";
import type * as RuntimeModule from "../src/runtime.ts";
import type * as AppModule from "../src/web/app.tsx";
import { scenarioPaths } from "./scenarios.ts";

const { values } = parseArgs({
  options: {
    a: { type: "string", default: "dist" },
    b: { type: "string", default: "dist" },
    /** Settings for one build only, KEY=VALUE, repeatable. */
    "a-env": { type: "string", multiple: true, default: [] },
    "b-env": { type: "string", multiple: true, default: [] },
    database: { type: "string", default: "sqlite:bench/data/bench.db" },
    data: { type: "string", default: "bench/data" },
    rounds: { type: "string", default: "200" },
    /** Paths to ask for instead of the scenarios' (repeatable), e.g. a search of many words. */
    path: { type: "string", multiple: true, default: [] },
  },
});

interface Side {
  label: string;
  app: Hono;
  /** Milliseconds of each request, by path. */
  times: Map<string, number[]>;
}

function settings(pairs: string[]): Record<string, string> {
  return Object.fromEntries(
    pairs.map((pair) => {
      const at = pair.indexOf("=");
      if (at < 1) throw new Error(`Not KEY=VALUE: ${pair}`);
      return [pair.slice(0, at), pair.slice(at + 1)];
    }),
  );
}

/** The app of the compiled build in `build`, opened on the bench database. */
async function openSide(label: string, build: string, env: string[], paths: string[]) {
  const root = path.resolve(build);
  // The compiled build's modules have the sources' shapes.
  const { loadConfig } = (await import(path.join(root, "config.js"))) as typeof ConfigModule;
  const { openRuntime } = (await import(path.join(root, "runtime.js"))) as typeof RuntimeModule;
  const { createApp } = (await import(path.join(root, "web/app.js"))) as typeof AppModule;
  const config = loadConfig({
    DATABASE_URL: values.database,
    CINELOG_DATA_DIR: values.data,
    CINELOG_PAGE_CACHE: "off",
    CINELOG_DEMO: "false",
    // Every request is in-process: no address, but no budget either.
    CINELOG_SEARCH_RATE_LIMITS: "off",
    LOG_LEVEL: "silent",
    ...settings(env),
  });
  const { db, logger } = await openRuntime(config, undefined, { logMigrations: false });
  const app: Hono = createApp({ db, config, logger });
  const side: Side = { label, app, times: new Map(paths.map((p) => [p, [] as number[]])) };
  return side;
}

async function ask(side: Side, url: string): Promise<number> {
  const started = performance.now();
  const response = await side.app.request(url);
  await response.arrayBuffer();
  const ms = performance.now() - started;
  if (response.status !== 200) throw new Error(`${side.label} ${url}: ${response.status}`);
  return ms;
}

const labelOf = (name: string, build: string, env: string[]) =>
  `${name} (${[build, ...env].join(", ")})`;

async function allScenarioPaths(): Promise<string[]> {
  const db = connect(values.database);
  const scenarios = await scenarioPaths(db).finally(() => db.close());
  return [...new Set(Object.values(scenarios).flat())];
}

const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[xs.length >> 1] ?? NaN;

async function main() {
  const paths = values.path.length > 0 ? values.path : await allScenarioPaths();
  const sides = [
    await openSide(labelOf("A", values.a, values["a-env"]), values.a, values["a-env"], paths),
    await openSide(labelOf("B", values.b, values["b-env"]), values.b, values["b-env"], paths),
  ];
  // Warm-up: the JIT, SQLite's page cache, PostgreSQL's prepared statements.
  for (let round = 0; round < 20; round++) {
    for (const side of sides) for (const url of paths) await ask(side, url);
  }
  const rounds = Number(values.rounds);
  for (let round = 0; round < rounds; round++) {
    for (const url of paths) {
      const order = round % 2 === 0 ? sides : [...sides].reverse();
      for (const side of order) side.times.get(url)!.push(await ask(side, url));
    }
  }
  console.log(`${rounds} rounds, median ms a request; ${values.database}`);
  const width = Math.max(...paths.map((p) => p.length));
  console.log(`${"path".padEnd(width)}  ${sides.map((s) => s.label).join("  ")}  B ÷ A`);
  for (const url of paths) {
    const [a, b] = sides.map((side) => median(side.times.get(url)!));
    console.log(
      `${url.padEnd(width)}  ${a!.toFixed(3).padStart(sides[0]!.label.length)}  ` +
        `${b!.toFixed(3).padStart(sides[1]!.label.length)}  ${(b! / a!).toFixed(2)}`,
    );
  }
  process.exit(0);
}

await main();
