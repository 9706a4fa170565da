// `cinelog serve --workers 2`: two processes share the port, each with its own page cache. A
// comment posted through one of them reaches the page the other serves from memory (through
// the change feed in the database), /metrics answers per worker with its label, and SIGTERM
// finishes a request still arriving before every worker stops and the server exits 0.
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { minimumFillMs } from "../../src/domain/moderation/rules.ts";
import { saveSetting } from "../../src/domain/settings.ts";
import { dialects, openTestDb, type TestDb } from "../support/databases.ts";
import { buildFixture } from "../support/fixture.ts";
import { freePort, startServer } from "../support/cli.ts";

const slug = "leaving-las-vegas-1995";
const metricsToken = "workers-test-metrics-token";

/** A GET on a connection of its own, so the cluster hands it to the next worker in turn. */
function getFresh(url: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; cache: string; body: string }>((resolve, reject) => {
    const request = http.get(url, { agent: false, headers }, (response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (body += chunk));
      response.on("end", () =>
        resolve({
          status: response.statusCode ?? 0,
          cache: String(response.headers["x-cache"] ?? ""),
          body,
        }),
      );
    });
    request.on("error", reject);
  });
}

describe.each(dialects)("serve --workers 2 on %s", (dialect) => {
  let db: TestDb;
  let base = "";
  let server: ReturnType<typeof startServer>;
  beforeAll(async () => {
    db = await openTestDb(dialect);
    await buildFixture(db);
    // A guest's comment appears at once, so the page changes when it is posted.
    await saveSetting(db, "holdFirstComment", false);
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    server = startServer(
      {
        DATABASE_URL: db.url,
        CINELOG_DATA_DIR: db.mediaDir,
        CINELOG_DEMO: "false",
        PORT: String(port),
        SITE_URL: base,
        CINELOG_COMMENT_RATE_LIMITS: "off",
        CINELOG_METRICS_TOKEN: metricsToken,
      },
      ["--workers", "2"],
    );
    await server.ready;
  }, 200_000);
  afterAll(async () => {
    await server.stop();
    await db.dispose();
  });

  it("says it serves with two workers, and each answers /metrics with its own label", async () => {
    expect(server.output()).toMatch(/Cinelog is serving .*2 workers/);
    const seen = new Set<string>();
    for (let i = 0; i < 20 && seen.size < 2; i++) {
      const metrics = await getFresh(`${base}/metrics`, {
        authorization: `Bearer ${metricsToken}`,
      });
      expect(metrics.status).toBe(200);
      for (const [, worker] of metrics.body.matchAll(
        /cinelog_http_requests_total\{[^}]*worker="(\d+)"/g,
      )) {
        seen.add(worker!);
      }
      const own = /process_cpu_user_seconds_total\{worker="(\d+)"\}/.exec(metrics.body);
      expect(own).not.toBeNull();
      seen.add(own![1]!);
    }
    expect([...seen].sort()).toEqual(["0", "1"]);
  });

  it("shows a comment posted through one worker on the page the other has cached", async () => {
    const page = `${base}/review/${slug}`;
    // Both workers render the page once, then answer it from memory.
    const warm = [];
    for (let i = 0; i < 8; i++) warm.push(await getFresh(page));
    expect(warm.every((answer) => answer.status === 200)).toBe(true);
    expect(warm.filter((answer) => answer.cache === "HIT").length).toBeGreaterThanOrEqual(4);

    const { token } = (await (await fetch(`${page}/comments/token`)).json()) as { token: string };
    await new Promise((resolve) => setTimeout(resolve, minimumFillMs + 200));
    const words = `Seen by both workers ${dialect} ${Date.now()}`;
    const posted = await fetch(`${page}/comments`, {
      method: "POST",
      body: new URLSearchParams({
        comment: words,
        name: "Worker Reader",
        email: "worker.reader@example.com",
        url: "",
        token,
      }),
      redirect: "manual",
    });
    expect(posted.status).toBe(303);

    // Every answer shows it once each worker has caught up (bounded: the feed is polled
    // about once a second).
    let fresh = false;
    for (let round = 0; round < 40 && !fresh; round++) {
      const answers = await Promise.all(Array.from({ length: 4 }, () => getFresh(page)));
      fresh = answers.every((answer) => answer.body.includes(words));
      if (!fresh) await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(fresh).toBe(true);
    // And from memory again afterwards, on both.
    const after = await Promise.all(Array.from({ length: 4 }, () => getFresh(page)));
    expect(after.every((answer) => answer.body.includes(words))).toBe(true);
  }, 60_000);

  it("finishes a request in flight on SIGTERM, then every worker stops and it exits 0", async () => {
    const { token } = (await (await fetch(`${base}/review/${slug}/comments/token`)).json()) as {
      token: string;
    };
    await new Promise((resolve) => setTimeout(resolve, minimumFillMs + 200));
    const body = new URLSearchParams({
      comment: "Sent half before the stop and half after it.",
      name: "Slow Reader",
      email: "slow.reader@example.com",
      url: "",
      token,
    }).toString();
    const request = http.request(`${base}/review/${slug}/comments`, {
      method: "POST",
      agent: false,
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        "content-length": Buffer.byteLength(body),
      },
    });
    const status = new Promise<number>((resolve, reject) => {
      request.on("response", (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      });
      request.on("error", reject);
    });
    request.write(body.slice(0, 30));
    // The first bytes reached a worker before the stop begins.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const stopped = server.stop();
    for (let i = 0; i < 200 && !/Stopping \(SIGTERM\)/.test(server.output()); i++) {
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(server.output()).toMatch(/Stopping \(SIGTERM\)/);
    await new Promise((resolve) => setTimeout(resolve, 300));
    request.end(body.slice(30));
    expect(await status).toBe(303);
    await stopped;
    expect(server.exitCode()).toBe(0);
    expect(server.output()).toMatch(/Stopping \(SIGTERM\)…[\s\S]*Cinelog stopped\./);
    const stored = await db.kysely
      .selectFrom("comments")
      .select("body_md")
      .where("body_md", "=", "Sent half before the stop and half after it.")
      .execute();
    expect(stored).toHaveLength(1);
  }, 60_000);
});
