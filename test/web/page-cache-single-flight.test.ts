// One render for concurrent misses: twenty requests for a page nobody has cached yet run the
// queries of one render, not twenty, and all get the same page. A render that never ends
// holds its waiters only for the bound, after which they render on their own.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PageCacheLayer } from "../../src/web/cache/cache-middleware.ts";
import { SingleFlight } from "../../src/web/cache/single-flight.ts";
import { appFor } from "../support/app.ts";
import { dialects, openTestDb, type TestDb } from "../support/databases.ts";
import { buildFixture } from "../support/fixture.ts";

const page = "/review/leaving-las-vegas-1995";

describe.each(dialects)("concurrent misses of one page on %s", (dialect) => {
  let db: TestDb;
  let app: ReturnType<typeof appFor>;
  beforeAll(async () => {
    db = await openTestDb(dialect);
    await buildFixture(db);
    // No polling for other processes' changes during the count: only the render's queries.
    app = appFor(db, {}, new PageCacheLayer(db, { enabled: true, pollIntervalMs: 1e12 }));
    await (await app.request("/")).text();
  });
  afterAll(async () => {
    await db.dispose();
  });

  /** Drops the page from the cache, as a change to its review would. */
  const forget = () => db.changes.emit(["review:leaving-las-vegas-1995"]);

  it("renders once for twenty requests that miss together", async () => {
    // A first render in a process does some work once (settings read and kept): not counted.
    await (await app.request(page)).text();
    let alone = "";
    let oneRender = 0;
    let together = 0;
    let answers: { cache: string | null; status: number; body: string }[] = [];
    // The site settings are kept for a second (src/web/cache/site-reads.ts): on a loaded machine a
    // measurement that spans that second reads them again, two queries more. Twenty renders
    // would be twenty times the queries in every attempt, so three attempts still catch it.
    for (let attempt = 0; attempt < 3 && (together === 0 || together !== oneRender); attempt++) {
      forget();
      oneRender = await db.queries.during(async () => {
        const response = await app.request(page);
        expect(response.headers.get("x-cache")).toBe("MISS");
        alone = await response.text();
      });
      expect(oneRender).toBeGreaterThan(0);

      forget();
      answers = [];
      together = await db.queries.during(async () => {
        await Promise.all(
          Array.from({ length: 20 }, async () => {
            const response = await app.request(page);
            answers.push({
              cache: response.headers.get("x-cache"),
              status: response.status,
              body: await response.text(),
            });
          }),
        );
      });
    }
    expect(together).toBe(oneRender);
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
    expect(answers.filter((a) => a.cache === "MISS")).toHaveLength(1);
    expect(new Set(answers.map((a) => a.body)).size).toBe(1);
    expect(answers[0]!.body).toContain("Leaving Las Vegas (1995)");
    expect(answers[0]!.body.length).toBe(alone.length);
  });

  it("does not share a page that a change overtook while it rendered", async () => {
    forget();
    const responses = await Promise.all(
      Array.from({ length: 5 }, async (_, i) => {
        const response = app.request(page);
        // The change lands while the first render is under way.
        if (i === 0) queueMicrotask(forget);
        return response;
      }),
    );
    for (const response of responses) expect(response.status).toBe(200);
    const cacheStates = responses.map((r) => r.headers.get("x-cache"));
    // Nobody got the overtaken render from the others: each one that waited rendered itself.
    expect(cacheStates.filter((c) => c === "HIT")).toHaveLength(0);
  });
});

describe("the wait for another request's render", () => {
  it("ends at the bound when the render does not", async () => {
    const flights = new SingleFlight<string>(20);
    let finish!: (value: string) => void;
    const render = flights.lead(
      "k",
      () => new Promise<string>((resolve) => (finish = resolve)),
      (v) => v,
    );
    const waited = await flights.waitFor("k");
    expect(waited).toBeUndefined();
    finish("page");
    expect(await render).toBe("page");
    expect(flights.size).toBe(0);
    expect(flights.waitFor("k")).toBeUndefined();
  });

  it("hands the render's result to every waiter, and nothing when the render fails", async () => {
    const flights = new SingleFlight<string>(10_000);
    let finish!: (value: string) => void;
    const render = flights.lead(
      "k",
      () => new Promise<string>((resolve) => (finish = resolve)),
      (v) => `shared ${v}`,
    );
    const waiters = [flights.waitFor("k")!, flights.waitFor("k")!];
    finish("page");
    await render;
    expect(await Promise.all(waiters)).toEqual(["shared page", "shared page"]);

    const failing = flights.lead(
      "k",
      () => Promise.reject(new Error("render failed")),
      (v: string) => v,
    );
    const waiter = flights.waitFor("k");
    await expect(failing).rejects.toThrow("render failed");
    expect(await waiter).toBeUndefined();
  });
});
