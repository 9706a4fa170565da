// Every route Hono has declares what it is where it is registered (src/web/route-facts.ts):
// who may use it, whether the page cache keeps it, whether a failed form token keeps what was
// typed, whether the static copy holds it. The walk fails on a route without a declaration;
// the rest checks that the declarations act: a role the route does not allow is refused, a
// route declared never cached is never cached (and a cached one is), and the static export
// writes exportable pages and leaves live-only addresses to a live server.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { inspectRoutes } from "hono/dev";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig, type Config } from "../../src/config.ts";
import { createPost } from "../../src/domain/posts.ts";
import { can } from "../../src/domain/roles.ts";
import { exportStaticSite } from "../../src/exporters/static-site/export-static-site.ts";
import type { StaticExportSummary } from "../../src/exporters/static-site/export-summary.ts";
import { factsOf, type RouteFacts } from "../../src/web/route-facts.ts";
import { addAccount, getAs, signIn } from "../admin/admin-client.ts";
import { fileFor } from "../exporters/static-site-host.ts";
import { appFor } from "../support/app.ts";
import { dialects, openTestDb, type TestDb } from "../support/databases.ts";
import { buildFixture } from "../support/fixture.ts";

interface DeclaredRoute {
  method: string;
  path: string;
  facts: RouteFacts[];
  /** A handler that answers (Hono's own test: a handler taking no `next`), not only middleware. */
  answers: boolean;
}

// Middleware-only paths that answer nothing themselves: the guards every request or every admin
// request passes, and the old WordPress query addresses (`/?p=12`), redirected ahead of home.
const passThrough = new Set(["ALL /*", "ALL /admin/*", "ALL /"]);

function declaredRoutes(app: ReturnType<typeof appFor>): DeclaredRoute[] {
  const shapes = inspectRoutes(app);
  const byRoute = new Map<string, DeclaredRoute>();
  app.routes.forEach((route, index) => {
    const key = `${route.method} ${route.path}`;
    const entry = byRoute.get(key) ?? {
      method: route.method,
      path: route.path,
      facts: [],
      answers: false,
    };
    const facts = factsOf(route.handler);
    if (facts) entry.facts.push(facts);
    if (!shapes[index]!.isMiddleware) entry.answers = true;
    byRoute.set(key, entry);
  });
  return [...byRoute.values()];
}

const hasParams = (route: DeclaredRoute) => route.path.includes(":") || route.path.includes("*");

describe.each(dialects)("route declarations on %s", (dialect) => {
  let db: TestDb;
  let app: ReturnType<typeof appFor>;
  let routes: DeclaredRoute[];
  let reviewSlug: string;
  let authorId: number;

  beforeAll(async () => {
    db = await openTestDb(dialect);
    const f = await buildFixture(db);
    reviewSlug = f.reviews.vegasReview.slug;
    authorId = f.author.id;
    app = appFor(db, { pageCache: true });
    routes = declaredRoutes(app);
  });
  afterAll(() => db.dispose());

  it("finds a declaration on every route that answers, and on every middleware that may", () => {
    expect(routes.filter((r) => r.answers).length).toBeGreaterThan(100);
    const undeclared = routes
      .filter((r) => r.facts.length === 0)
      .filter((r) => r.answers || !passThrough.has(`${r.method} ${r.path}`))
      .map((r) => `${r.method} ${r.path}`);
    expect(undeclared).toEqual([]);
    const twice = routes.filter((r) => r.facts.length > 1).map((r) => `${r.method} ${r.path}`);
    expect(twice).toEqual([]);
  });

  it("declares every fact in full, and tags for every page the cache keeps", () => {
    for (const route of routes) {
      for (const facts of route.facts) {
        const name = `${route.method} ${route.path}`;
        expect(typeof facts.keepInput, name).toBe("boolean");
        expect(typeof facts.staticExport, name).toBe("boolean");
        expect(
          ["public", "open", "signed-in"].includes(facts.access as string) ||
            typeof facts.access === "object",
          name,
        ).toBe(true);
        if (facts.cache === "never") continue;
        const tags =
          typeof facts.cache.tags === "function"
            ? facts.cache.tags(() => "a-slug")
            : facts.cache.tags;
        expect(tags, name).toContain("site");
      }
    }
  });

  it("keeps admin routes signed-in or open, never cached, never exported; the rest public", () => {
    for (const route of routes) {
      const name = `${route.method} ${route.path}`;
      for (const facts of route.facts) {
        if (route.path.startsWith("/admin")) {
          expect(facts.access, name).not.toBe("public");
          expect(facts.cache, name).toBe("never");
          expect(facts.staticExport, name).toBe(false);
        } else {
          expect(facts.access, name).toBe("public");
          expect(facts.keepInput, name).toBe(false);
        }
      }
    }
  });

  it("refuses an editor every page whose declared capability the role lacks; lets the owner in", async () => {
    const ownerOnly = routes.filter((r) => {
      const access = r.facts[0]?.access;
      return (
        r.method === "GET" &&
        !hasParams(r) &&
        typeof access === "object" &&
        !can({ id: 0, role: "editor" }, access.capability)
      );
    });
    expect(ownerOnly.map((r) => r.path)).toContain("/admin/settings");
    await addAccount(db, "editor");
    await addAccount(db, "owner", "boss");
    const editor = await signIn(app, "editor@example.com");
    const owner = await signIn(app, "boss@example.com");
    for (const route of ownerOnly) {
      const refused = await getAs(app, route.path, editor);
      expect(refused.response.status, route.path).toBe(403);
      expect(refused.html, route.path).toContain("Your role does not allow this");
      expect((await getAs(app, route.path, owner)).response.status, route.path).toBe(200);
    }
  });

  it("never caches a route declared so, and caches a page declared cached", async () => {
    const asked = routes
      .filter((r) => r.method === "GET" && r.answers && !hasParams(r))
      .map((r) => ({ path: r.path, facts: r.facts[0]! }));
    // Routes with parameters too: a review (cached) and its comment form's token (never).
    const review = routes.find((r) => r.method === "GET" && r.path === "/review/:slug");
    const token = routes.find(
      (r) => r.method === "GET" && r.path === "/review/:slug/comments/token",
    );
    asked.push({ path: `/review/${reviewSlug}`, facts: review!.facts[0]! });
    asked.push({ path: `/review/${reviewSlug}/comments/token`, facts: token!.facts[0]! });
    let cachedSeen = 0;
    let neverSeen = 0;
    for (const { path: address, facts } of asked) {
      const first = await app.request(address);
      await first.body?.cancel();
      const second = await app.request(address);
      await second.body?.cancel();
      if (facts.cache === "never") {
        expect(first.headers.get("x-cache"), address).toBeNull();
        expect(second.headers.get("x-cache"), address).toBeNull();
        if (second.status === 200) neverSeen++;
      } else if (
        second.status === 200 &&
        /^(text|application)\//.test(second.headers.get("content-type") ?? "")
      ) {
        expect(second.headers.get("x-cache"), address).toBe("HIT");
        cachedSeen++;
      }
    }
    expect(cachedSeen).toBeGreaterThan(10);
    expect(neverSeen).toBeGreaterThan(2);
  });

  describe("in the static export", () => {
    let dir: string;
    let summary: StaticExportSummary;
    const liveAddresses = ["/admin/settings", "/unsubscribe/some-token"];

    beforeAll(async () => {
      const links = liveAddresses.map((a) => `[a live address](${a})`).join(" and ");
      await createPost(db, {
        kind: "page",
        title: "Where things are",
        body: `Some addresses need the live site: ${links}.`,
        status: "published",
        authorId,
      });
      dir = fs.mkdtempSync(path.join(os.tmpdir(), "cinelog-declared-export-"));
      const config: Config = {
        ...loadConfig({ HOST: "127.0.0.1", PORT: "4000", CINELOG_DATA_DIR: db.mediaDir }),
        mediaDir: db.mediaDir,
        dataDir: path.dirname(db.mediaDir),
      };
      ({ summary } = await exportStaticSite(
        { db, config, logger: pino({ level: "silent" }) },
        { dir },
      ));
    }, 180_000);
    afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("writes the pages declared exportable, and leaves live-only addresses to a live server", async () => {
      const exportable = routes.filter(
        (r) =>
          r.method === "GET" &&
          r.answers &&
          !hasParams(r) &&
          r.facts[0]?.staticExport === true &&
          r.facts[0].cache !== "never",
      );
      expect(exportable.length).toBeGreaterThan(10);
      for (const route of exportable) {
        const live = await app.request(route.path);
        await live.body?.cancel();
        if (live.status !== 200) continue;
        expect(fileFor(dir, route.path), route.path).toBeDefined();
      }
      for (const address of liveAddresses) {
        expect(summary.missed, address).toContainEqual(
          expect.objectContaining({ path: address, why: "needs a live server" }),
        );
        expect(fileFor(dir, address), address).toBeUndefined();
      }
    });
  });
});
