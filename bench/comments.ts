// Comment load: 200 concurrent guests posting comments for 60 s against a real `cinelog
// serve` on loopback, then a check that nothing was lost — stored comments equal successful
// (303) responses, no 5xx, and no "database is locked" in the server's output.
//
//   npx tsx bench/comments.ts                                   # SQLite, in a temporary dir
//   npx tsx bench/comments.ts --database postgres://postgres@127.0.0.1:5432/test
//   npx tsx bench/comments.ts --connections 50 --duration 10
//
// Rate limits are switched off for the server under test (CINELOG_COMMENT_RATE_LIMITS=off):
// every guest comes from 127.0.0.1, and the point is to load the write path.
import { randomBytes } from "node:crypto";
import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import pg from "pg";
import { connect } from "../src/db/connect.ts";

const { values } = parseArgs({
  options: {
    database: { type: "string", default: "sqlite" },
    duration: { type: "string", default: "60" },
    connections: { type: "string", default: "200" },
  },
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("port")),
      );
    });
  });
}

/** A fresh, empty database: a SQLite file, or a new schema in the given PostgreSQL database. */
async function freshDatabase(): Promise<{
  url: string;
  dataDir: string;
  drop: () => Promise<void>;
}> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "cinelog-bench-comments-"));
  if (!values.database.startsWith("postgres")) {
    return {
      url: `sqlite:${path.join(dataDir, "bench.db")}`,
      dataDir,
      drop: () => Promise.resolve(fs.rmSync(dataDir, { recursive: true, force: true })),
    };
  }
  // A database of its own, not a schema: the migrator must not find another schema's tables.
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
  const child = spawn(process.execPath, ["bin/cinelog.js", "serve"], {
    env: {
      ...process.env,
      PORT: String(port),
      DATABASE_URL: url,
      CINELOG_DATA_DIR: dataDir,
      CINELOG_DEMO: "true",
      CINELOG_COMMENT_RATE_LIMITS: "off",
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const collect = (d: Buffer) => (output += d.toString());
  child.stdout.on("data", collect);
  child.stderr.on("data", collect);
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
    stop: () =>
      new Promise<void>((resolve) => {
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

const db = await freshDatabase();
const server = await startServer(db.url, db.dataDir);
const slug = "leaving-las-vegas-1995";
try {
  // The token the form's script asks for when a reader starts typing; the one in the (cached)
  // page only proves a post too fast, so a no-JavaScript post with it meets a confirm step.
  const answer = await fetch(`${server.base}/review/${slug}/comments/token`);
  const { token } = (await answer.json()) as { token?: string };
  if (!token) throw new Error(`no comment token for /review/${slug}: ${answer.status}`);
  // A person takes a few seconds to write; posts sooner are filed as spam (still stored).
  await new Promise((r) => setTimeout(r, 3500));

  let n = 0;
  const result = await autocannon({
    url: server.base,
    connections: Number(values.connections),
    duration: Number(values.duration),
    requests: [
      {
        method: "POST",
        path: `/review/${slug}/comments`,
        headers: { "content-type": "application/x-www-form-urlencoded" },
        setupRequest: (req) => {
          const i = n++;
          const body = new URLSearchParams({
            comment: `Guest comment ${i}: the *long* take at the motel, again.`,
            name: `Guest ${i % 1000}`,
            email: `guest${i % 1000}@example.com`,
            url: "",
            token,
          }).toString();
          return { ...req, body };
        },
      },
    ],
  });

  const check = connect(db.url);
  const stored = await check.kysely
    .selectFrom("comments")
    .select((eb) => eb.fn.countAll().as("n"))
    .executeTakeFirstOrThrow();
  await check.close();
  const byStatus = Object.fromEntries(
    Object.entries(result.statusCodeStats ?? {}).map(([code, s]) => [code, s.count ?? 0]),
  ) as Record<string, number>;
  const accepted = byStatus["303"] ?? 0;
  const serverErrors = Object.entries(byStatus)
    .filter(([code]) => Number(code) >= 500)
    .reduce((sum, [, count]) => sum + count, 0);
  const locked = (server.output().match(/database is locked/g) ?? []).length;
  const summary = {
    database: values.database.startsWith("postgres") ? "postgres" : "sqlite",
    connections: Number(values.connections),
    durationSeconds: Number(values.duration),
    requestsPerSecond: Math.round(result.requests.average),
    p50ms: result.latency.p50,
    p99ms: result.latency.p99,
    statusCodes: byStatus,
    socketErrors: result.errors,
    timeouts: result.timeouts,
    accepted,
    stored: Number(stored.n),
    serverErrors,
    databaseLocked: locked,
  };
  console.log(JSON.stringify(summary, null, 2));
  fs.mkdirSync("bench/results", { recursive: true });
  fs.writeFileSync(
    `bench/results/comments-${summary.database}-${new Date().toISOString().replace(/[:.]/g, "-")}.json`,
    JSON.stringify(summary, null, 2),
  );
  // Every answered post was stored. A few more may be stored than answered: posts still in
  // flight when the run ended (at most one per connection) and posts the client gave up on.
  const extra = summary.stored - accepted;
  const ok =
    extra >= 0 &&
    extra <= summary.connections + result.timeouts + result.errors &&
    serverErrors === 0 &&
    locked === 0;
  console.log(
    ok
      ? `OK: ${accepted} comments accepted, ${summary.stored} stored (${extra} in flight at the end or given up on), no 5xx, no lock errors.`
      : "FAILED: see above.",
  );
  process.exitCode = ok ? 0 : 1;
} finally {
  await server.stop();
  await db.drop();
}
