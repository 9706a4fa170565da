// Every admin page, found from the routes the app registers, passes axe-core with zero
// violations in light and dark. A new admin page is walked without anyone listing it; a
// new kind of id in a route fails here until the walk knows a sample of it.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createComment } from "../../src/domain/comments.ts";
import { finishImportJob, queueImportJob } from "../../src/importers/jobs/import-jobs.ts";
import { createPost } from "../../src/domain/posts.ts";
import { createUser } from "../../src/domain/users.ts";
import { axeViolations } from "../support/axe.ts";
import { releaseContexts, sharedBrowser } from "../support/browser.ts";
import { openTestDb, type TestDb } from "../support/databases.ts";
import { serveForTest } from "../support/server.ts";
import { appFor } from "../support/app.ts";

/** Pages the walk leaves to another test, and why. */
const walkedElsewhere: Record<string, string> = {
  "/admin/sign-in": "seen signed out in admin.test.ts",
  "/admin/setup/:token": "needs a site without an owner: admin.test.ts",
  "/admin/sign-in/link/:token": "needs a mailed token: test/admin/sign-in-link.test.ts",
  "/admin/sign-in/reset/:token": "needs a mailed token: test/admin/password-reset.test.ts",
  "/admin/sign-in/forgot": "offered only once mail is set up: test/admin/password-reset.test.ts",
  "/admin/films/search": "a JSON endpoint for the editor's type-ahead: review-film-picker.test.ts",
};

describe("every admin page in a real browser", () => {
  let db: TestDb;
  let server: Awaited<ReturnType<typeof serveForTest>>;
  let browser: Browser;
  let page: Page;
  const samples = new Map<string, number | string>();

  beforeAll(async () => {
    db = await openTestDb("sqlite", { demo: true });
    const owner = await createUser(db, {
      email: "axe-owner@example.com",
      displayName: "Axe Owner",
      role: "owner",
      password: "correct horse battery",
    });
    const editor = await createUser(db, {
      email: "axe-editor@example.com",
      displayName: "Axe Editor",
      role: "editor",
      password: "correct horse battery",
    });
    const comment = (status: "pending" | "trash") =>
      createComment(db, {
        reviewId: 1,
        name: `Axe Reader (${status})`,
        email: "axe@example.com",
        body: "A *comment* with a [link](https://example.com/).",
        status,
        ip: "203.0.113.1",
      });
    const pending = await comment("pending");
    const trashed = await comment("trash");
    const passkey = await db.kysely
      .insertInto("passkeys")
      .values({
        user_id: owner.id,
        credential_id: "Y3JlZGVudGlhbA",
        public_key: "cHVibGljLWtleQ",
        counter: 0,
        transports: "internal",
        name: "Laptop",
        backed_up: 0,
        created_at: new Date().toISOString(),
        last_used_at: null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const entry = await db.kysely
      .selectFrom("series_entries")
      .select(["id", "series_id"])
      .orderBy("id")
      .executeTakeFirstOrThrow();
    const still = await db.kysely
      .selectFrom("stills")
      .select(["id", "review_id"])
      .orderBy("id")
      .executeTakeFirstOrThrow();
    // A sample for each kind of id, named by the path segment before it.
    samples.set("reviews", still.review_id);
    samples.set("stills", still.id);
    samples.set("comments", pending.id);
    // Only a comment in the trash (or spam) can be deleted for good.
    samples.set("comments/delete", trashed.id);
    samples.set("series", entry.series_id);
    samples.set("entries", entry.id);
    samples.set("users", editor.id);
    samples.set("passkeys", passkey.id);
    const aboutPage = await createPost(db, {
      kind: "page",
      title: "About",
      body: "Why this journal exists.",
      status: "published",
      authorId: owner.id,
      tags: ["Site"],
    });
    samples.set("posts", aboutPage.id);
    // Sign-in providers are named by preset; "oidc" shows the most fields.
    samples.set("sign-in", "oidc");
    // A finished import: its page shows the most (summary, skipped, links).
    const importJob = (await queueImportJob(db, {
      kind: "wordpress",
      originalName: "old-site.xml",
      storedPath: "/nowhere/old-site.xml",
      createdBy: owner.id,
    }))!;
    await db.kysely
      .updateTable("import_jobs")
      .set({ status: "running", started_at: new Date().toISOString(), progress_total: 100 })
      .where("id", "=", importJob.id)
      .execute();
    await finishImportJob(db, importJob.id, {
      counts: [
        ["reviews", 12],
        ["comments approved", 40],
      ],
      skipped: [{ why: "post in the WordPress trash", count: 2, examples: ['post 7 "Old"'] }],
    });
    samples.set("imports", importJob.id);

    server = await serveForTest(db);
    browser = await sharedBrowser();
    const context = await browser.newContext({ bypassCSP: true });
    page = await context.newPage();
    await page.goto(`${server.base}/admin/sign-in`);
    await page.fill("#email", "axe-owner@example.com");
    await page.fill("#password", "correct horse battery");
    await Promise.all([page.waitForURL(`${server.base}/admin`), page.click("button.primary")]);
  }, 120_000);
  afterAll(async () => {
    await releaseContexts(browser);
    await server?.close();
    await db?.dispose();
  });

  function adminPages(): string[] {
    const app = appFor(db);
    const patterns = new Set(
      app.routes
        .filter((r) => r.method === "GET" && r.path.startsWith("/admin"))
        .map((r) => r.path)
        .filter((path) => !(path in walkedElsewhere)),
    );
    return [...patterns].map((pattern) =>
      pattern.replace(/\/([a-z-]+)\/:[A-Za-z]+(\{[^}]*\})?/g, (_, segment: string) => {
        const action = pattern.split("/").at(-1);
        const id = samples.get(`${segment}/${action}`) ?? samples.get(segment);
        if (id === undefined) throw new Error(`No sample id after /${segment}/ in ${pattern}`);
        return `/${segment}/${id}`;
      }),
    );
  }

  it("finds the admin's pages from its routes", () => {
    const pages = adminPages();
    expect(pages).toContain("/admin/reviews/new");
    expect(pages.length).toBeGreaterThanOrEqual(20);
  });

  it.each(["light", "dark"] as const)(
    "passes axe on each page in %s",
    async (scheme) => {
      await page.emulateMedia({ colorScheme: scheme });
      const failures: string[] = [];
      for (const path of adminPages()) {
        const response = await page.goto(`${server.base}${path}`);
        expect(response?.status(), path).toBe(200);
        expect(new URL(page.url()).pathname, path).toBe(path.split("?")[0]);
        for (const violation of await axeViolations(page)) failures.push(`${path}: ${violation}`);
      }
      expect(failures).toEqual([]);
    },
    120_000,
  );
});
