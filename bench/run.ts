// Load scenarios against a real `cinelog serve` process on loopback, with autocannon.
// Bounded: each scenario runs for --duration seconds (default 20) with --connections (32).
// The server runs from the compiled JavaScript (dist/), as production does; its resident
// memory (peak and at the end) is read from /proc after each page cache mode.
//
//   npx tsx bench/generate.ts                 # once: 2,000 reviews of 900 words
//   npm run build                             # the server under test is dist/
//   npx tsx bench/run.ts [--cache both|on|off] [--duration 20] [--only home,review,feed,search]
import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";
import autocannon from "autocannon";
// @ts-expect-error: a plain ES module script without type declarations
import { distIsFresh } from "../scripts/build-freshness.mjs";
import { cpuMsOf, minorFaultsOf, processTree } from "./process-tree.ts";
import { cpuBetween, PostgresBackendCpu } from "./postgres-cpu.ts";
import { connect } from "../src/db/connect.ts";
import { scenarioPaths } from "./scenarios.ts";

const { values } = parseArgs({
  options: {
    database: { type: "string", default: "sqlite:bench/data/bench.db" },
    data: { type: "string", default: "bench/data" },
    duration: { type: "string", default: "20" },
    connections: { type: "string", default: "32" },
    cache: { type: "string", default: "both" },
    /** Another compiled copy to run instead of ./dist (a build of an older commit, to compare). */
    build: { type: "string", default: "dist" },
    /** `cinelog serve --workers N`: processes sharing the port (CPU and memory summed over all). */
    workers: { type: "string" },
    only: { type: "string", default: allScenarios().join(",") },
    /** Node or V8 flags for the server only (its NODE_OPTIONS), to compare a setting A-B. */
    "server-node-options": { type: "string" },
  },
});

interface ScenarioResult {
  scenario: string;
  cache: string;
  requestsPerSecond: number;
  p50ms: number;
  p99ms: number;
  non2xx: number;
  errors: number;
  /** The server's CPU time (user + system) per answered request: steadier than req/s on a loaded machine. */
  cpuMsPerRequest: number;
  /** The server's minor page faults per answered request (process-tree.ts, minorFaultsOf). */
  faultsPerRequest: number;
  /** On PostgreSQL: the CPU time of the server's database backends per answered request. */
  dbCpuMsPerRequest?: number;
  /**
   * With the cache on: how many times the scenario's pages were rendered when as many
   * requests as connections asked for them at once, cold (page-cache misses in /metrics).
   */
  coldRenders?: number;
}

function allScenarios() {
  return ["home", "review", "review200", "feed", "search", "tag", "year", "director"];
}

interface Memory {
  cache: string;
  /** Resident set at its highest since the server started (VmHWM), MB. */
  peakMB: number;
  /** Resident set when the last scenario ended (VmRSS), MB. */
  afterMB: number;
  /** All processes together (the primary and its workers), MB. */
  totalMB: number;
}

/**
 * The server's resident memory from /proc (Linux), in MB: that of its largest process (the
 * one serving; with workers, the largest worker: the goal is per worker) and the total of all
 * its processes (with the thin parent that started it again with its heap flags).
 */
function memoryOf(pid: number): { peakMB: number; afterMB: number; totalMB: number } {
  const figures = processTree(pid).map((p) => {
    const status = fs.readFileSync(`/proc/${p}/status`, "utf8");
    const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
    return { peak: kb("VmHWM"), now: kb("VmRSS") };
  });
  const mb = (kb: number) => Math.round(kb / 1024);
  return {
    peakMB: mb(Math.max(...figures.map((f) => f.peak))),
    afterMB: mb(Math.max(...figures.map((f) => f.now))),
    totalMB: mb(figures.reduce((sum, f) => sum + f.now, 0)),
  };
}

/** On PostgreSQL, what reads the CPU of the server's database backends. */
let backendCpu: PostgresBackendCpu | undefined;

const metricsToken = "bench-metrics-token-0123456789";

/** Pages rendered into the cache so far (the page-cache misses /metrics reports). */
async function renders(base: string): Promise<number> {
  const text = await (
    await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${metricsToken}` } })
  ).text();
  return Number(
    /cinelog_page_cache_answers_total\{[^}]*result="miss"[^}]*\} (\d+)/.exec(text)?.[1] ?? 0,
  );
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address
          ? resolve(address.port)
          : reject(new Error("no port")),
      );
    });
  });
}

async function startServer(cache: "on" | "off") {
  const port = await freePort();
  const args = [path.join(values.build, "cli/main.js"), "serve"];
  if (values.workers) args.push("--workers", values.workers);
  const child = spawn(process.execPath, args, {
    env: {
      ...process.env,
      CINELOG_METRICS_TOKEN: metricsToken,
      PORT: String(port),
      DATABASE_URL: values.database,
      CINELOG_DATA_DIR: values.data,
      CINELOG_PAGE_CACHE: cache,
      // Its PostgreSQL backends, told apart from anyone else's (bench/postgres-cpu.ts).
      PGAPPNAME: backendCpu?.applicationName ?? "",
      CINELOG_DEMO: "false",
      // Every request comes from 127.0.0.1: the per-address search budget would answer 429.
      CINELOG_SEARCH_RATE_LIMITS: "off",
      LOG_LEVEL: "warn",
      ...(values["server-node-options"] ? { NODE_OPTIONS: values["server-node-options"] } : {}),
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  await new Promise<void>((resolve, reject) => {
    let output = "";
    child.stdout.on("data", (d: Buffer) => {
      output += d.toString();
      if (output.includes("Cinelog is serving")) resolve();
    });
    child.on("exit", (code) => reject(new Error(`server exited (${code}): ${output}`)));
  });
  return {
    base: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

async function load(
  server: { base: string; pid: number },
  scenario: string,
  cache: string,
  paths: string[],
  seconds: number,
): Promise<ScenarioResult> {
  const base = server.base;
  const cpuBefore = cpuMsOf(server.pid);
  const faultsBefore = minorFaultsOf(server.pid);
  const dbBefore = await backendCpu?.sample();
  let n = 0;
  // A single path goes in the URL: a per-request callback costs the client time that the
  // server's figure would otherwise be blamed for.
  const result = await autocannon({
    url: paths.length === 1 ? `${base}${paths[0]}` : base,
    connections: Number(values.connections),
    duration: seconds,
    headers: { "accept-encoding": "br, gzip" },
    ...(paths.length > 1
      ? { requests: [{ setupRequest: (req) => ({ ...req, path: paths[n++ % paths.length] }) }] }
      : {}),
  });
  const dbMs = dbBefore && backendCpu ? cpuBetween(dbBefore, await backendCpu.sample()) : undefined;
  const perRequest = (ms: number) =>
    Math.round((ms / Math.max(1, result.requests.total)) * 100) / 100;
  return {
    scenario,
    cache,
    requestsPerSecond: Math.round(result.requests.average),
    p50ms: result.latency.p50,
    p99ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    cpuMsPerRequest: perRequest(cpuMsOf(server.pid) - cpuBefore),
    faultsPerRequest: Math.round(
      (minorFaultsOf(server.pid) - faultsBefore) / Math.max(1, result.requests.total),
    ),
    ...(dbMs === undefined ? {} : { dbCpuMsPerRequest: perRequest(dbMs) }),
  };
}

/**
 * Renders for a cold page: as many requests as connections, all at once, to pages nobody has
 * asked for yet; the page-cache misses /metrics counts meanwhile. One render a page is ideal.
 * (With several workers, /metrics answers for one of them: read it with --workers 1.)
 */
async function coldStart(base: string, paths: string[]): Promise<number> {
  const before = await renders(base);
  await Promise.all(
    Array.from({ length: Number(values.connections) }, async (_, i) => {
      const response = await fetch(`${base}${paths[i % paths.length]}`);
      await response.arrayBuffer();
    }),
  );
  return (await renders(base)) - before;
}

async function pageWeight(base: string, reviewPath: string) {
  const html = Buffer.from(await (await fetch(`${base}${reviewPath}`)).arrayBuffer());
  // Every sheet the page links (a base sheet and its families'), each gzipped on its own.
  const cssHrefs = [...html.toString().matchAll(/<link rel="stylesheet" href="([^"]+)"/g)];
  let cssGzip = 0;
  for (const [, href] of cssHrefs) {
    const css = Buffer.from(await (await fetch(`${base}${href}`)).arrayBuffer());
    cssGzip += gzipSync(css, { level: 9 }).length;
  }
  const htmlGzip = gzipSync(html, { level: 9 }).length;
  return { htmlBytes: html.length, htmlGzip, cssGzip, totalGzip: htmlGzip + cssGzip };
}

async function main() {
  if (values.build === "dist" && !(distIsFresh as (root: string) => boolean)(process.cwd())) {
    throw new Error("dist/ is missing or older than src/: run `npm run build` first.");
  }
  const db = connect(values.database);
  let scenarios: Record<string, string[]>;
  let reviewCount: number;
  try {
    scenarios = await scenarioPaths(db);
    reviewCount = Number(
      (
        await db.kysely
          .selectFrom("reviews")
          .select((eb) => eb.fn.countAll().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
  } finally {
    await db.close();
  }
  const middle = scenarios.review![0]!;
  const wanted = values.only.split(",");
  if (values.database.startsWith("postgres")) {
    backendCpu = new PostgresBackendCpu(values.database, `cinelog-bench-${process.pid}`);
    await backendCpu.open();
  }
  const modes = values.cache === "both" ? (["on", "off"] as const) : [values.cache as "on" | "off"];
  const seconds = Number(values.duration);
  console.log(
    `load average at the start: ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(", ")}`,
  );
  const results: ScenarioResult[] = [];
  const memory: Memory[] = [];
  let weight;
  for (const cache of modes) {
    const server = await startServer(cache);
    try {
      weight ??= await pageWeight(server.base, middle);
      for (const name of wanted) {
        const paths = scenarios[name];
        if (!paths) throw new Error(`Unknown scenario ${name}`);
        const coldRenders = cache === "on" ? await coldStart(server.base, paths) : undefined;
        await load(server, name, cache, paths, 2); // warm up caches and the JIT
        const r = { ...(await load(server, name, cache, paths, seconds)), coldRenders };
        results.push(r);
        console.log(
          `${name.padEnd(9)} cache ${cache.padEnd(3)}  ${String(r.requestsPerSecond).padStart(6)} req/s  p50 ${r.p50ms} ms  p99 ${r.p99ms} ms  CPU ${r.cpuMsPerRequest} ms/req` +
            (r.dbCpuMsPerRequest === undefined
              ? ""
              : ` + PostgreSQL ${r.dbCpuMsPerRequest} ms/req`) +
            `  faults ${r.faultsPerRequest}/req  non-2xx ${r.non2xx}  errors ${r.errors}` +
            (coldRenders === undefined ? "" : `  cold: ${coldRenders} renders`),
        );
      }
      const m = { cache, ...memoryOf(server.pid) };
      memory.push(m);
      console.log(
        `server memory, cache ${cache}: peak ${m.peakMB} MB, after ${m.afterMB} MB ` +
          `(largest process; all processes ${m.totalMB} MB)`,
      );
    } finally {
      await server.stop();
    }
  }
  await backendCpu?.close();
  console.log(
    `load average at the end: ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(", ")}`,
  );
  console.log(
    `review page: ${weight?.htmlBytes} B HTML; gzip HTML ${weight?.htmlGzip} B + CSS ${weight?.cssGzip} B = ${weight?.totalGzip} B`,
  );
  fs.mkdirSync("bench/results", { recursive: true });
  const file = path.join(
    "bench/results",
    `run-${new Date().toISOString().replace(/[:.]/g, "-")}.json`,
  );
  fs.writeFileSync(
    file,
    JSON.stringify(
      {
        date: new Date().toISOString(),
        database: values.database.replace(/\/\/[^@/]*@/, "//"),
        workers: Number(values.workers ?? 1),
        load: os.loadavg(),
        reviews: reviewCount,
        weight,
        results,
        memory,
      },
      null,
      2,
    ),
  );
  console.log(`Saved ${file}`);
}

await main();
