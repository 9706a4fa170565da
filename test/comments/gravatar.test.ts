// Gravatar is the owner's choice, off by default. Off, a review page with comments points at
// no other host and its policy forbids every other host; on, commenters' pictures come from
// gravatar.com (SHA-256 of the address, sized for 1x and 2x screens, the local pattern behind)
// and the policy lets that one host in. Checked on both databases, through the app and
// through the Node server's cache fast path, turning the setting on and off in the admin.
import { createHash } from "node:crypto";
import { parseHTML } from "linkedom";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createComment } from "../../src/domain/comments.ts";
import { addAccount, csrfToken, postForm, signIn, type App } from "../admin/admin-client.ts";
import { appFor } from "../support/app.ts";
import { dialects, openTestDb, type TestDb } from "../support/databases.ts";
import { buildFixture } from "../support/fixture.ts";
import { serveForTest } from "../support/server.ts";

const site = "http://127.0.0.1:4000";

/** Every address the page makes a browser load: images, scripts, styles, icons, CSS url(). */
function loadedUrls(html: string): string[] {
  const { document } = parseHTML(html);
  const urls: string[] = [];
  for (const el of document.querySelectorAll("img[src], script[src], iframe[src], source[src]")) {
    urls.push(el.getAttribute("src")!);
  }
  for (const el of document.querySelectorAll("[srcset]")) {
    for (const candidate of el.getAttribute("srcset")!.split(",")) {
      urls.push(candidate.trim().split(/\s+/)[0]!);
    }
  }
  for (const el of document.querySelectorAll("link[href]")) {
    const rel = el.getAttribute("rel") ?? "";
    if (/stylesheet|icon|preload|prefetch|preconnect|dns-prefetch|manifest/.test(rel)) {
      urls.push(el.getAttribute("href")!);
    }
  }
  for (const el of document.querySelectorAll("[style]")) {
    for (const m of el.getAttribute("style")!.matchAll(/url\(([^)]*)\)/g)) urls.push(m[1]!);
  }
  return urls;
}

/** Hosts other than this site's that the page loads from. */
function foreignHosts(html: string): string[] {
  return [
    ...new Set(
      loadedUrls(html)
        .map((u) => new URL(u, site))
        .filter((u) => u.protocol !== "data:" && u.origin !== site)
        .map((u) => u.host),
    ),
  ];
}

/** The sources each CSP directive allows. */
function policy(header: string | null): Record<string, string[]> {
  const directives: Record<string, string[]> = {};
  for (const part of (header ?? "").split(";")) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) directives[name] = sources;
  }
  return directives;
}

describe.each(dialects)("Gravatar, the owner's choice, on %s", (dialect) => {
  let db: TestDb;
  let app: App;
  let owner: string;
  let token: string;
  let server: Awaited<ReturnType<typeof serveForTest>>;
  let reviewPath: string;
  const email = "  Gilda.Gravatar@Example.COM ";
  const hash = createHash("sha256").update("gilda.gravatar@example.com").digest("hex");

  beforeAll(async () => {
    db = await openTestDb(dialect);
    const f = await buildFixture(db);
    reviewPath = `/review/${f.reviews.vegasReview.slug}`;
    await createComment(db, {
      reviewId: f.reviews.vegasReview.id,
      name: "Gilda",
      email,
      body: "Seen it twice.",
      status: "approved",
    });
    await addAccount(db, "owner", "boss");
    app = appFor(db);
    server = await serveForTest(db);
    owner = await signIn(app, "boss@example.com");
    token = await csrfToken(app, owner);
  });
  afterAll(async () => {
    await server.close();
    await db.dispose();
  });

  const setGravatar = async (on: boolean) => {
    const response = await postForm(
      app,
      "/admin/settings/comments",
      {
        _csrf: token,
        commentThreadDepth: "5",
        closeCommentsAfterDays: "0",
        holdFirstComment: "on",
        holdLinkCount: "2",
        moderationWords: "",
        disallowedWords: "",
        ...(on ? { showGravatar: "on" } : {}),
      },
      { cookie: owner },
    );
    expect(response.status).toBe(303);
  };

  /**
   * The review page through the app and through the Node server, each until it comes from its
   * cache (rendered, then kept). Two page caches on one database in one process each see the
   * other's changes as foreign when they poll, so a kept page may be dropped once more.
   */
  async function reviewPageEveryWay() {
    const pages: { via: string; html: string; csp: string | null; cache: string | null }[] = [];
    const ways: [string, () => Promise<Response>][] = [
      ["app", () => Promise.resolve(app.request(reviewPath))],
      ["node", () => fetch(`${server.base}${reviewPath}`)],
    ];
    for (const [via, get] of ways) {
      for (let i = 0; i < 5; i++) {
        const response = await get();
        const cache = response.headers.get("x-cache");
        const csp = response.headers.get("content-security-policy");
        pages.push({ via: `${via} ${i}`, html: await response.text(), csp, cache });
        if (cache === "HIT") break;
      }
      // Both ways were checked on a rendered page and on a kept one.
      expect(pages.filter((p) => p.via.startsWith(via)).map((p) => p.cache)).toContain("HIT");
    }
    return pages;
  }

  it("is off by default: no other host on the page, and the policy allows none", async () => {
    for (const page of await reviewPageEveryWay()) {
      expect(foreignHosts(page.html), page.via).toEqual([]);
      expect(page.html, page.via).not.toContain("gravatar");
      expect(page.html, page.via).not.toContain(hash);
      const csp = policy(page.csp);
      expect(csp["default-src"], page.via).toEqual(["'self'"]);
      expect(csp["img-src"], page.via).toEqual(["'self'", "data:"]);
      const avatar = parseHTML(page.html).document.querySelector("img.avatar");
      expect(avatar?.getAttribute("src"), page.via).toMatch(/^data:image\/svg\+xml;base64,/);
    }
  });

  it("when turned on, shows Gravatar images and lets in that one host", async () => {
    await setGravatar(true);
    for (const page of await reviewPageEveryWay()) {
      expect(foreignHosts(page.html), page.via).toEqual(["gravatar.com"]);
      const avatar = parseHTML(page.html).document.querySelector("img.avatar");
      expect(avatar?.getAttribute("src"), page.via).toBe(
        `https://gravatar.com/avatar/${hash}?s=40&d=blank&r=g`,
      );
      expect(avatar?.getAttribute("srcset"), page.via).toBe(
        `https://gravatar.com/avatar/${hash}?s=80&d=blank&r=g 2x`,
      );
      // The local pattern stays behind, for commenters Gravatar does not know.
      expect(avatar?.getAttribute("style"), page.via).toMatch(
        /^background-image:url\(data:image\/svg\+xml;base64,/,
      );
      const csp = policy(page.csp);
      expect(csp["img-src"], page.via).toEqual(["'self'", "data:", "https://gravatar.com"]);
      // Only images: scripts, styles and everything else stay with this site.
      expect(csp["default-src"], page.via).toEqual(["'self'"]);
      expect(csp["script-src"], page.via).toEqual(["'self'"]);
    }
  });

  it("when turned off again, goes back to local avatars and the strict policy", async () => {
    await setGravatar(false);
    for (const page of await reviewPageEveryWay()) {
      expect(foreignHosts(page.html), page.via).toEqual([]);
      expect(page.html, page.via).not.toContain("gravatar");
      expect(policy(page.csp)["img-src"], page.via).toEqual(["'self'", "data:"]);
    }
  });
});
