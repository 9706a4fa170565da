// Uncached renders take turns (src/web/cache/render-slots.ts): never more than the setting at
// once, the rest served in the order they came, a failed render's turn passed on; and in the
// app, readers asking for uncached pages all at once get the same pages as one by one.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";
import { PageCacheLayer } from "../../src/web/cache/cache-middleware.ts";
import { RenderSlots } from "../../src/web/cache/render-slots.ts";
import { appFor } from "../support/app.ts";
import { dialects, openTestDb, type TestDb } from "../support/databases.ts";
import { buildFixture } from "../support/fixture.ts";

/** A render that ends when the test says so. */
function heldRender(log: string[], name: string) {
  let finish!: () => void;
  let fail!: (error: Error) => void;
  const done = new Promise<void>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  const render = async () => {
    log.push(`start ${name}`);
    await done;
    log.push(`end ${name}`);
    return name;
  };
  return { render, finish, fail };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe("render slots", () => {
  it("runs at most their number at once, and the rest in the order they came", async () => {
    const slots = new RenderSlots(2);
    const log: string[] = [];
    const renders = ["a", "b", "c", "d", "e"].map((name) => heldRender(log, name));
    const results = renders.map((r) => slots.run(r.render));
    await settle();
    expect(log).toEqual(["start a", "start b"]);
    expect(slots.stats()).toEqual({ size: 2, active: 2, waiting: 3, mostActive: 2 });

    renders[1]!.finish();
    await settle();
    expect(log).toEqual(["start a", "start b", "end b", "start c"]);
    // A failed render passes its turn on like any other, and its caller sees the failure.
    renders[0]!.fail(new Error("the database went away"));
    await expect(results[0]).rejects.toThrow("the database went away");
    await settle();
    expect(log.slice(4)).toEqual(["start d"]);
    for (const r of renders.slice(2)) r.finish();
    expect(await Promise.all(results.slice(1))).toEqual(["b", "c", "d", "e"]);
    expect(log.filter((line) => line.startsWith("start"))).toEqual(
      ["a", "b", "c", "d", "e"].map((name) => `start ${name}`),
    );
    expect(slots.stats()).toEqual({ size: 2, active: 0, waiting: 0, mostActive: 2 });
  });

  it("refuses a number that is not a whole number of at least one", () => {
    expect(() => new RenderSlots(0)).toThrow(RangeError);
    expect(() => new RenderSlots(1.5)).toThrow(RangeError);
  });

  it("is set by CINELOG_RENDERS_AT_ONCE, 8 unless said, and refuses nonsense", () => {
    const base = { HOST: "127.0.0.1", PORT: "4000" };
    expect(loadConfig(base).rendersAtOnce).toBe(8);
    expect(loadConfig({ ...base, CINELOG_RENDERS_AT_ONCE: "3" }).rendersAtOnce).toBe(3);
    expect(() => loadConfig({ ...base, CINELOG_RENDERS_AT_ONCE: "0" })).toThrow(/rendersAtOnce/);
    expect(() => loadConfig({ ...base, CINELOG_RENDERS_AT_ONCE: "many" })).toThrow(/rendersAtOnce/);
  });
});

describe.each(dialects)("uncached pages asked for all at once on %s", (dialect) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await openTestDb(dialect);
    await buildFixture(db);
  });
  afterAll(async () => {
    await db.dispose();
  });

  const pages = ["/", "/review/leaving-las-vegas-1995", "/search?q=vegas", "/feed.xml"];

  /** Each page asked for `times` times at once, with the cache off; the answers and the slots. */
  async function askTogether(rendersAtOnce: number, times: number) {
    const pageCache = new PageCacheLayer(db, { enabled: false, rendersAtOnce });
    const app = appFor(db, {}, pageCache);
    const answers = await Promise.all(
      pages.flatMap((path) =>
        Array.from({ length: times }, async () => {
          const response = await app.request(path);
          return { path, status: response.status, body: await response.text() };
        }),
      ),
    );
    return { answers, slots: pageCache.renderSlots() };
  }

  it("renders no more at once than the setting, and every reader gets the page", async () => {
    const alone = await askTogether(1, 1);
    const together = await askTogether(2, 6);
    // On PostgreSQL renders wait for their statements, so two are under way at once (and
    // more without the limit: it is the limit that holds them); on SQLite a render seldom
    // waits at all.
    if (dialect === "postgres") {
      expect(together.slots.mostActive).toBe(2);
      expect((await askTogether(100, 6)).slots.mostActive).toBeGreaterThan(2);
    } else {
      expect(together.slots.mostActive).toBeGreaterThanOrEqual(1);
    }
    expect(together.slots.mostActive).toBeLessThanOrEqual(2);
    expect(together.slots).toMatchObject({ active: 0, waiting: 0 });
    expect(together.answers.map((a) => a.status)).toEqual(Array(24).fill(200));
    for (const { path, body } of alone.answers) {
      const same = together.answers.filter((a) => a.path === path);
      // The comment form's signed token and its time differ from render to render.
      const masked = (html: string) => html.replace(/name="token" value="[^"]*"/g, "");
      expect(new Set(same.map((a) => masked(a.body)))).toEqual(new Set([masked(body)]));
    }
  });
});
