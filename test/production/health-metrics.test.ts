// /healthz, /readyz and /metrics through the real Node server (the page cache's fast path
// included): health answers, and the metrics move with the requests made between scrapes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dialects, openTestDb, type TestDb } from "../support/databases.ts";
import { serveForTest } from "../support/server.ts";
import { enqueueMail } from "../../src/domain/mail-outbox.ts";

const token = "metrics-token-for-the-test-0123";

/** The value of one sample line (`name{labels} value`), 0 when it is absent. */
function sample(text: string, prefix: string): number {
  const line = text.split("\n").find((l) => l.startsWith(prefix));
  return line ? Number(line.slice(line.lastIndexOf(" ") + 1)) : 0;
}

describe.each(dialects)("health and metrics on %s", (dialect) => {
  let db: TestDb;
  let site: Awaited<ReturnType<typeof serveForTest>>;
  let closed: Awaited<ReturnType<typeof serveForTest>>;
  beforeAll(async () => {
    db = await openTestDb(dialect, { demo: true });
    site = await serveForTest(db, { metricsToken: token });
    closed = await serveForTest(db);
  }, 120_000);
  afterAll(async () => {
    await Promise.all([site?.close(), closed?.close()]);
    await db?.dispose();
  });

  const scrape = async () => {
    const response = await fetch(`${site.base}/metrics`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain/);
    expect(response.headers.get("cache-control")).toBe("no-store");
    return response.text();
  };

  it("answers /healthz and /readyz, never cached", async () => {
    const health = await fetch(`${site.base}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.text()).toBe("ok\n");
    const ready = await fetch(`${site.base}/readyz`);
    expect(ready.status).toBe(200);
    expect(ready.headers.get("cache-control")).toBe("no-store");
    const body = (await ready.json()) as {
      ready: boolean;
      checks: Record<string, { ok: boolean }>;
    };
    expect(body.ready).toBe(true);
    expect(Object.keys(body.checks).sort()).toEqual(["database", "mediaDisk", "migrations"]);
  });

  it("keeps /metrics behind the token, and serves none without one configured", async () => {
    const [none, wrong, unconfigured] = await Promise.all([
      fetch(`${site.base}/metrics`),
      fetch(`${site.base}/metrics`, { headers: { authorization: "Bearer nope" } }),
      fetch(`${closed.base}/metrics`, { headers: { authorization: `Bearer ${token}` } }),
    ]);
    expect(none.status).toBe(401);
    expect(none.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect(wrong.status).toBe(401);
    expect(unconfigured.status).toBe(404);
  });

  it("counts requests by route and status, cache answers and queue figures", async () => {
    const before = await scrape();
    // The first asks render the home page (a miss), the next ones are page-cache hits.
    for (let i = 0; i < 3; i += 1) expect((await fetch(`${site.base}/`)).status).toBe(200);
    expect((await fetch(`${site.base}/no-such-page-here`)).status).toBe(404);
    expect((await fetch(`${site.base}/healthz`)).status).toBe(200);
    const after = await scrape();

    const healthz = 'cinelog_http_requests_total{method="GET",route="/healthz",status="200"}';
    expect(sample(after, healthz) - sample(before, healthz)).toBe(1);
    const answered = (text: string) =>
      text
        .split("\n")
        .filter((l) => l.startsWith("cinelog_http_requests_total{") && /status="200"/.test(l))
        .reduce((sum, l) => sum + Number(l.slice(l.lastIndexOf(" ") + 1)), 0);
    // Three pages and one /healthz, plus the first scrape itself.
    expect(answered(after) - answered(before)).toBe(5);
    const notFound = (text: string) =>
      text
        .split("\n")
        .filter((l) => l.startsWith("cinelog_http_requests_total{") && /status="404"/.test(l))
        .reduce((sum, l) => sum + Number(l.slice(l.lastIndexOf(" ") + 1)), 0);
    expect(notFound(after) - notFound(before)).toBe(1);
    const hits = 'cinelog_page_cache_answers_total{result="hit"}';
    expect(sample(after, hits) - sample(before, hits)).toBeGreaterThanOrEqual(2);
    // The pages rendered above are held: the cache's own byte count says so, within its budget.
    const held = sample(after, 'cinelog_page_cache_bytes{cache="page"}');
    expect(held).toBeGreaterThan(1000);
    expect(held).toBeLessThanOrEqual(sample(after, 'cinelog_page_cache_max_bytes{cache="page"}'));
    expect(after).toMatch(
      /^cinelog_http_render_seconds_bucket\{le="0.005",route="\/healthz"\} \d+/m,
    );
    expect(after).toMatch(/^cinelog_queue_length\{queue="mail"\} \d+$/m);
    expect(after).toMatch(/^cinelog_queue_oldest_seconds\{queue="imports"\} [\d.]+$/m);
    expect(after).toMatch(/^cinelog_db_pool_connections\{state="total"\} \d+$/m);
    // No render is under way or waiting while the scrape itself is answered.
    expect(sample(after, 'cinelog_renders{state="running"}')).toBe(0);
    expect(sample(after, 'cinelog_renders{state="waiting"}')).toBe(0);
  });

  it("shows the mail, import and federation queues' length and age move with their backlog", async () => {
    await db.kysely.updateTable("mail_outbox").set({ sent_at: new Date().toISOString() }).execute();
    const before = await scrape();
    expect(sample(before, 'cinelog_queue_length{queue="mail"}')).toBe(0);
    expect(sample(before, 'cinelog_queue_oldest_seconds{queue="mail"}')).toBe(0);

    const hourAgo = new Date(Date.now() - 3600_000).toISOString();
    const minutesAgo = new Date(Date.now() - 120_000).toISOString();
    await enqueueMail(db, {
      kind: "confirmation",
      to: "a@example.com",
      payload: {},
      queuedAt: hourAgo,
    });
    await enqueueMail(db, { kind: "confirmation", to: "b@example.com", payload: {} });
    await db.kysely
      .insertInto("import_jobs")
      .values({
        kind: "letterboxd",
        original_name: "export.zip",
        stored_path: null,
        status: "queued",
        active_lock: "active",
        summary: null,
        error: null,
        created_by: null,
        created_at: minutesAgo,
        started_at: null,
        finished_at: null,
        heartbeat_at: null,
      })
      .execute();
    await db.kysely
      .insertInto("federation_queue")
      .values({ message: "{}", ordering_key: null, created_at: minutesAgo, due_at: minutesAgo })
      .execute();
    const queued = await scrape();
    expect(sample(queued, 'cinelog_queue_length{queue="mail"}')).toBe(2);
    expect(sample(queued, 'cinelog_queue_oldest_seconds{queue="mail"}')).toBeGreaterThanOrEqual(
      3600,
    );
    expect(sample(queued, 'cinelog_queue_oldest_seconds{queue="mail"}')).toBeLessThan(3700);
    expect(sample(queued, 'cinelog_queue_length{queue="imports"}')).toBe(
      sample(before, 'cinelog_queue_length{queue="imports"}') + 1,
    );
    expect(sample(queued, 'cinelog_queue_oldest_seconds{queue="imports"}')).toBeGreaterThanOrEqual(
      120,
    );

    expect(sample(before, 'cinelog_queue_length{queue="federation"}')).toBe(0);
    expect(sample(queued, 'cinelog_queue_length{queue="federation"}')).toBe(1);
    expect(
      sample(queued, 'cinelog_queue_oldest_seconds{queue="federation"}'),
    ).toBeGreaterThanOrEqual(120);

    // The work done, the queues empty again.
    await db.kysely.updateTable("mail_outbox").set({ sent_at: new Date().toISOString() }).execute();
    await db.kysely.updateTable("import_jobs").set({ status: "done", active_lock: null }).execute();
    await db.kysely.deleteFrom("federation_queue").execute();
    const done = await scrape();
    expect(sample(done, 'cinelog_queue_length{queue="mail"}')).toBe(0);
    expect(sample(done, 'cinelog_queue_length{queue="imports"}')).toBe(0);
    expect(sample(done, 'cinelog_queue_oldest_seconds{queue="imports"}')).toBe(0);
    expect(sample(done, 'cinelog_queue_length{queue="federation"}')).toBe(0);
  });

  it("shows queries waiting for a database connection while every one is busy", async () => {
    const pool = (text: string, state: string) =>
      sample(text, `cinelog_db_pool_connections{state="${state}"}`);
    const calm = await scrape();
    expect(pool(calm, "waiting")).toBe(0);
    // Take every connection (PostgreSQL's test pool has 4; SQLite has its one), queue two more
    // queries behind them, and scrape while they wait; let go a moment later.
    const connections = dialect === "postgres" ? 4 : 1;
    let letGo!: () => void;
    const released = new Promise<void>((resolve) => (letGo = resolve));
    let held = 0;
    const holders = Array.from({ length: connections }, () =>
      db.kysely.connection().execute(() => {
        held += 1;
        return released;
      }),
    );
    const queuedQueries: Promise<unknown>[] = [];
    for (let i = 0; i < 200 && held < connections; i++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(held).toBe(connections);
    queuedQueries.push(...[1, 2].map(() => db.kysely.selectFrom("films").select("id").execute()));
    const scraping = scrape();
    setTimeout(letGo, 300);
    const busy = await scraping;
    await Promise.all([...holders, ...queuedQueries]);
    expect(pool(busy, "total")).toBe(connections);
    expect(pool(busy, "idle")).toBe(0);
    expect(pool(busy, "waiting")).toBeGreaterThanOrEqual(2);
    const after = await scrape();
    expect(pool(after, "waiting")).toBe(0);
    expect(pool(after, "idle")).toBeGreaterThanOrEqual(1);
  });
});
