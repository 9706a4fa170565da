// Load scenarios against a real `cinelog serve` process on loopback, with autocannon.
// Bounded: each scenario runs for --duration seconds (default 20) with --connections (32).
//
//   npx tsx bench/generate.ts                 # once: 2,000 reviews of 900 words
//   npx tsx bench/run.ts [--cache both|on|off] [--duration 20] [--only home,review,feed,search]
import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";
import autocannon from "autocannon";
import { connect } from "../src/db/connect.ts";
import { benchSearchTerms } from "./review-text.ts";

const { values } = parseArgs({
  options: {
    database: { type: "string", default: "sqlite:bench/data/bench.db" },
    data: { type: "string", default: "bench/data" },
    duration: { type: "string", default: "20" },
    connections: { type: "string", default: "32" },
    cache: { type: "string", default: "both" },
    only: { type: "string", default: "home,review,feed,search" },
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
  const child = spawn(process.execPath, ["bin/cinelog.js", "serve"], {
    env: {
      ...process.env,
      PORT: String(port),
      DATABASE_URL: values.database,
      CINELOG_DATA_DIR: values.data,
      CINELOG_PAGE_CACHE: cache,
      CINELOG_DEMO: "false",
      LOG_LEVEL: "warn",
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
    stop: () =>
      new Promise<void>((resolve) => {
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

async function load(
  base: string,
  scenario: string,
  cache: string,
  paths: string[],
  seconds: number,
): Promise<ScenarioResult> {
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
  return {
    scenario,
    cache,
    requestsPerSecond: Math.round(result.requests.average),
    p50ms: result.latency.p50,
    p99ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

async function pageWeight(base: string, reviewPath: string) {
  const html = Buffer.from(await (await fetch(`${base}${reviewPath}`)).arrayBuffer());
  const cssHref = /<link rel="stylesheet" href="([^"]+)"/.exec(html.toString())?.[1] ?? "";
  const css = Buffer.from(await (await fetch(`${base}${cssHref}`)).arrayBuffer());
  const htmlGzip = gzipSync(html, { level: 9 }).length;
  const cssGzip = gzipSync(css, { level: 9 }).length;
  return { htmlBytes: html.length, htmlGzip, cssGzip, totalGzip: htmlGzip + cssGzip };
}

async function main() {
  const db = connect(values.database);
  const reviews = await db.kysely
    .selectFrom("reviews")
    .select("slug")
    .where("status", "=", "published")
    .orderBy("id")
    .execute();
  await db.close();
  if (reviews.length === 0) throw new Error("No reviews: run `npx tsx bench/generate.ts` first.");
  const middle = reviews[Math.floor(reviews.length / 2)]!.slug;
  const scenarios: Record<string, string[]> = {
    home: ["/"],
    review: [`/review/${middle}`],
    feed: ["/feed.xml"],
    search: benchSearchTerms.map((q) => `/search?q=${encodeURIComponent(q)}`),
  };
  const wanted = values.only.split(",");
  const modes = values.cache === "both" ? (["on", "off"] as const) : [values.cache as "on" | "off"];
  const seconds = Number(values.duration);
  const results: ScenarioResult[] = [];
  let weight;
  for (const cache of modes) {
    const server = await startServer(cache);
    try {
      weight ??= await pageWeight(server.base, `/review/${middle}`);
      for (const name of wanted) {
        const paths = scenarios[name];
        if (!paths) throw new Error(`Unknown scenario ${name}`);
        await load(server.base, name, cache, paths, 2); // warm up caches and the JIT
        const r = await load(server.base, name, cache, paths, seconds);
        results.push(r);
        console.log(
          `${name.padEnd(7)} cache ${cache.padEnd(3)}  ${String(r.requestsPerSecond).padStart(6)} req/s  p50 ${r.p50ms} ms  p99 ${r.p99ms} ms  non-2xx ${r.non2xx}  errors ${r.errors}`,
        );
      }
    } finally {
      await server.stop();
    }
  }
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
      { date: new Date().toISOString(), reviews: reviews.length, weight, results },
      null,
      2,
    ),
  );
  console.log(`Saved ${file}`);
}

await main();
