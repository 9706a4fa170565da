// Publishing one review to 10,000 fediverse followers on 500 simulated servers, against a real
// `cinelog serve` on loopback: how long the fan-out takes, that every inbox is served exactly
// once (shared inboxes preferred: 400 servers offer one, 100 do not and get one delivery per
// follower, so 400 + 100 × 20 = 2,400 deliveries), that a sample of the deliveries carries a
// signature that verifies against the actor's key, and what the fan-out costs the cached
// review page (autocannon, 32 connections, with and without a fan-out running).
//
//   npx tsx bench/federation.ts                    # SQLite, in a temporary directory
//   npx tsx bench/federation.ts --database postgres://postgres@127.0.0.1:5432/test
//   npx tsx bench/federation.ts --followers 2000 --servers 100 --unshared 20
//
// The simulated servers are plain HTTP servers in this process, on 127.0.0.2–127.0.0.51; they
// count what arrives and answer 202. The server under test's CPU time is read from /proc.
import { randomBytes } from "node:crypto";
import { spawn, type ChildProcess } from "node:child_process";
import { cpuMsOf } from "./process-tree.ts";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import pg from "pg";
import { connect } from "../src/db/connect.ts";
import { createReview } from "../src/domain/reviews.ts";
import { saveSetting } from "../src/domain/settings.ts";
import { countingInboxes, type InboxServer } from "../test/support/counting-inboxes.ts";

const { values } = parseArgs({
  options: {
    database: { type: "string", default: "sqlite" },
    followers: { type: "string", default: "10000" },
    servers: { type: "string", default: "500" },
    unshared: { type: "string", default: "100" },
    duration: { type: "string", default: "5" },
    connections: { type: "string", default: "32" },
    "verify-one-in": { type: "string", default: "100" },
  },
});
const followerCount = Number(values.followers);
const serverCount = Number(values.servers);
const unsharedCount = Number(values.unshared);
const page = "/review/leaving-las-vegas-1995";

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("port")),
      );
    });
  });
}

/** An empty database of its own: a SQLite file, or a new PostgreSQL database. */
async function freshDatabase() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "cinelog-bench-federation-"));
  if (!values.database.startsWith("postgres")) {
    return {
      url: `sqlite:${path.join(dataDir, "bench.db")}`,
      dataDir,
      drop: () => Promise.resolve(fs.rmSync(dataDir, { recursive: true, force: true })),
    };
  }
  const name = `cinelog_bench_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: values.database });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(values.database);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    dataDir,
    drop: async () => {
      const cleaner = new pg.Client({ connectionString: values.database });
      await cleaner.connect();
      await cleaner.query(`drop database ${name} with (force)`);
      await cleaner.end();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function startServer(url: string, dataDir: string) {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, ["bin/cinelog.js", "serve"], {
    env: {
      ...process.env,
      PORT: String(port),
      DATABASE_URL: url,
      CINELOG_DATA_DIR: dataDir,
      CINELOG_DEMO: "true",
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (output += d.toString()));
  await new Promise<void>((resolve, reject) => {
    const timer = setInterval(() => {
      if (output.includes("Cinelog is serving")) {
        clearInterval(timer);
        resolve();
      }
    }, 100);
    child.on("exit", (code) => {
      clearInterval(timer);
      reject(new Error(`server exited (${code}): ${output}`));
    });
  });
  return {
    base: `http://127.0.0.1:${port}`,
    output: () => output,
    /** User plus system CPU seconds the server has used so far, over its process tree. */
    cpuSeconds: () => cpuMsOf(child.pid!) / 1000,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

async function pageThroughput(base: string) {
  const result = await autocannon({
    url: `${base}${page}`,
    connections: Number(values.connections),
    duration: Number(values.duration),
  });
  return {
    requestsPerSecond: Math.round(result.requests.average),
    p50ms: result.latency.p50,
    p99ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

const until = async (check: () => boolean, timeoutMs: number) => {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error("gave up waiting");
    await new Promise((r) => setTimeout(r, 20));
  }
};

const database = await freshDatabase();
const server = await startServer(database.url, database.dataDir);
const db = connect(database.url);
const inboxes = countingInboxes();
let failed = false;
try {
  // Federation on, starting now: the demo's reviews are the back catalogue, never sent.
  await db.kysely
    .insertInto("settings")
    .values({ key: "federation.since", value: new Date().toISOString() })
    .execute();
  await saveSetting(db, "federationEnabled", true);

  const servers: InboxServer[] = [];
  for (let i = 0; i < serverCount; i++) {
    servers.push(
      await inboxes.start(`127.0.0.${2 + (i % 50)}`, {
        verifyOneIn: Number(values["verify-one-in"]),
      }),
    );
  }
  const expected = new Set<string>();
  const rows = [];
  const createdAt = new Date().toISOString();
  for (let n = 0; n < followerCount; n++) {
    const server = servers[n % serverCount]!;
    const shared = n % serverCount < serverCount - unsharedCount;
    const actor = `${server.origin}/users/f${n}`;
    rows.push({
      actor_uri: actor,
      host: new URL(actor).hostname,
      handle: null,
      name: null,
      inbox_uri: `${actor}/inbox`,
      shared_inbox_uri: shared ? `${server.origin}/inbox` : null,
      follow_id: null,
      status: "accepted" as const,
      created_at: createdAt,
    });
    expected.add(shared ? `${server.origin}/inbox` : `${actor}/inbox`);
  }
  for (let i = 0; i < rows.length; i += 500) {
    await db.kysely
      .insertInto("federation_followers")
      .values(rows.slice(i, i + 500))
      .execute();
  }

  await fetch(`${server.base}${page}`); // the page in the cache
  const cpuBefore = server.cpuSeconds();
  const quiet = await pageThroughput(server.base);
  const quietCpu = server.cpuSeconds() - cpuBefore;

  const film = await db.kysely
    .selectFrom("films")
    .select("id")
    .orderBy("id")
    .executeTakeFirstOrThrow();
  const author = await db.kysely
    .selectFrom("users")
    .select("id")
    .orderBy("id")
    .executeTakeFirstOrThrow();
  const publishedAt = Date.now();
  await createReview(db, {
    filmId: film.id,
    authorId: author.id,
    body: "A review for ten thousand followers.",
    status: "published",
  });
  // The publisher looks every ten seconds; the fan-out starts with the first delivery.
  await until(() => inboxes.posts.length > 0, 60_000);
  const fanOutStart = Date.now();
  const serverCpuAtStart = server.cpuSeconds();
  const ownCpuAtStart = process.cpuUsage();
  const during = await pageThroughput(server.base);
  const deliveredDuringLoad = inboxes.posts.length;
  // The server's CPU per delivery, from the deliveries made after the page load stopped.
  const cpuAfterLoad = server.cpuSeconds();
  await until(() => inboxes.posts.length >= expected.size, 20 * 60_000);
  const fanOutEnd = Date.now();
  const serverCpu = server.cpuSeconds() - serverCpuAtStart;
  const cpuPerDeliveryMs =
    ((server.cpuSeconds() - cpuAfterLoad) * 1000) / (expected.size - deliveredDuringLoad);
  const ownCpu = process.cpuUsage(ownCpuAtStart);
  // Time for a second delivery to any inbox to show, were there one.
  await new Promise((r) => setTimeout(r, 3000));

  const served = new Map<string, number>();
  for (const post of inboxes.posts) served.set(post.inbox, (served.get(post.inbox) ?? 0) + 1);
  const twice = [...served].filter(([, n]) => n > 1).length;
  const unexpected = [...served.keys()].filter((inbox) => !expected.has(inbox)).length;
  const missing = [...expected].filter((inbox) => !served.has(inbox)).length;
  const sample = inboxes.posts.filter((p) => p.signedBy !== undefined);
  const badSignatures = sample.filter((p) => p.signedBy === null).length;

  const summary = {
    database: values.database.startsWith("postgres") ? "postgres" : "sqlite",
    followers: followerCount,
    servers: serverCount,
    inboxes: expected.size,
    deliveries: inboxes.posts.length,
    secondsFromPublishToLastDelivery: (fanOutEnd - publishedAt) / 1000,
    fanOutSeconds: (fanOutEnd - fanOutStart) / 1000,
    deliveriesPerSecond: Math.round(expected.size / ((fanOutEnd - fanOutStart) / 1000)),
    serverCpuSecondsDuringFanOut: serverCpu,
    serverCpuMsPerDeliveryWithoutPageLoad: Math.round(cpuPerDeliveryMs * 10) / 10,
    benchCpuSecondsDuringFanOut: (ownCpu.user + ownCpu.system) / 1e6,
    deliveredWhileMeasuringPage: deliveredDuringLoad,
    cachedPageQuiet: { ...quiet, serverCpuSeconds: quietCpu },
    cachedPageDuringFanOut: during,
    signaturesChecked: sample.length,
    badSignatures,
    servedTwice: twice,
    missing,
    unexpected,
    loadAverage: os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(" "),
  };
  console.log(JSON.stringify(summary, null, 2));
  fs.mkdirSync("bench/results", { recursive: true });
  fs.writeFileSync(
    `bench/results/federation-${summary.database}-${new Date().toISOString().replace(/[:.]/g, "-")}.json`,
    JSON.stringify(summary, null, 2),
  );
  failed = twice > 0 || missing > 0 || unexpected > 0 || badSignatures > 0 || sample.length === 0;
  console.log(
    failed
      ? "FAILED: an inbox was missed, served twice, or a signature did not verify."
      : `OK: ${expected.size} inboxes served exactly once; ${sample.length} signatures verified.`,
  );
} finally {
  await db.close();
  await server.stop();
  await inboxes.close();
  await database.drop();
}
process.exitCode = failed ? 1 : 0;
