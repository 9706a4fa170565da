// Where the comment form leaves a reader, in Chromium (issue 16): a refused comment lands on
// the form's error summary — scrolled to and focused, with and without JavaScript — with every
// word kept; the form's script swaps the cached page's token for the reader's own; and a held
// comment is not announced as "No replies yet". axe finds nothing, light and dark.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { issueFormToken, issuePageToken } from "../../src/domain/comment-tokens.ts";
import { axeViolations } from "../support/axe.ts";
import { browserSite } from "../support/browser-site.ts";
import { buildFixture } from "../support/fixture.ts";

describe("the comment form in a real browser", () => {
  let reviewId: number;
  const path = "/review/leaving-las-vegas-1995";
  const site = browserSite({
    prepare: async (db) => {
      reviewId = (await buildFixture(db)).reviews.vegasReview.id;
    },
    config: { commentRateLimits: false },
  });

  /** Where the summary is and what has focus, as the reader's screen shows it. */
  const landing = (page: Page) =>
    page.locator("#comment-problems").evaluate((summary) => {
      const box = summary.getBoundingClientRect();
      return {
        focused: document.activeElement === summary,
        inView: box.top > -1 && box.top < window.innerHeight && box.height > 0,
        scrolled: window.scrollY > 0,
      };
    });

  for (const javaScriptEnabled of [true, false]) {
    it(`lands a refused comment on its focused summary (JavaScript ${javaScriptEnabled ? "on" : "off"})`, async () => {
      const { context, page } = await site.newPage({
        javaScriptEnabled,
        viewport: { width: 1280, height: 800 },
      });
      await page.goto(`${site.base}${path}`);
      await page.fill("#comment-comment", "Kept after a refusal, <b>word</b> for word.");
      // Spaces pass the browser's own check; the server reads them as no name at all.
      await page.fill("#comment-name", "   ");
      await page.fill("#comment-email", "kept@example.com");
      await page.fill("#comment-url", "kept.example");
      await page.check("#comment-save");
      await Promise.all([page.waitForNavigation(), page.click("#commentform .form-submit button")]);

      expect(new URL(page.url()).hash).toBe("#comment-problems");
      expect(await landing(page)).toEqual({ focused: true, inView: true, scrolled: true });
      const summary = page.locator("#respond > #comment-problems");
      expect(await summary.getAttribute("role")).toBe("alert");
      expect(await summary.locator("h2").innerText()).toBe("There is a problem");
      const link = summary.locator('a[href="#comment-name"]');
      expect(await link.innerText()).toContain("Give a name");
      expect(await page.getAttribute("#comment-name", "aria-invalid")).toBe("true");
      expect(await page.getAttribute("#comment-name", "aria-describedby")).toBe("name-error");
      expect(await page.inputValue("#comment-comment")).toBe(
        "Kept after a refusal, <b>word</b> for word.",
      );
      expect(await page.inputValue("#comment-email")).toBe("kept@example.com");
      expect(await page.inputValue("#comment-url")).toBe("https://kept.example");
      expect(await page.isChecked("#comment-save")).toBe(true);
      // The summary's link takes the reader to the field.
      await link.click();
      expect(await page.evaluate(() => document.activeElement?.id)).toBe("comment-name");
      await context.close();
    }, 60_000);
  }

  it("without JavaScript, confirms a comment from a page cached hours ago in one click", async () => {
    const { context, page } = await site.newPage({ javaScriptEnabled: false });
    await page.goto(`${site.base}${path}`);
    // What a page rendered two hours ago and served from the cache carries.
    const old = await issuePageToken(site.db, reviewId, Date.now() - 2 * 3600_000);
    await page.locator('#commentform input[name="token"]').evaluate((input, value) => {
      (input as HTMLInputElement).value = value;
    }, old);
    await page.fill("#comment-comment", "Written with no script at all.");
    await page.fill("#comment-name", "Plain Reader");
    await page.fill("#comment-email", "plain@example.com");
    await page.fill("#comment-url", "www.plain.example/about");
    await Promise.all([page.waitForNavigation(), page.click("#commentform .form-submit button")]);
    expect(await landing(page)).toEqual({ focused: true, inView: true, scrolled: true });
    expect(await page.innerText("#comment-problems h2")).toBe("Confirm your comment");
    expect(await page.inputValue("#comment-comment")).toBe("Written with no script at all.");
    expect(await page.inputValue("#comment-name")).toBe("Plain Reader");
    expect(await page.inputValue("#comment-email")).toBe("plain@example.com");
    expect(await page.inputValue("#comment-url")).toBe("https://www.plain.example/about");
    expect(await page.inputValue('#commentform input[name="token"]')).toMatch(/^confirm\./);
    await context.close();
  }, 60_000);

  it("has no axe violations on a refused form or the confirmation, light and dark", async () => {
    for (const colorScheme of ["light", "dark"] as const) {
      const { context, page } = await site.newPage({ colorScheme });
      await page.goto(`${site.base}${path}`);
      await page.fill("#comment-comment", "Axe, please.");
      await page.fill("#comment-name", "   ");
      await page.fill("#comment-email", "axe@example.com");
      await Promise.all([page.waitForNavigation(), page.click("#commentform .form-submit button")]);
      expect(await page.isVisible("#comment-problems")).toBe(true);
      expect(await axeViolations(page)).toEqual([]);
      // The confirmation step too: a page token hours old, put in after the script's swap.
      await page.goto(`${site.base}${path}`);
      await page.focus("#comment-comment");
      const token = page.locator('#commentform input[name="token"]');
      await expect.poll(() => token.inputValue()).toMatch(/^\d/);
      const old = await issuePageToken(site.db, reviewId, Date.now() - 2 * 3600_000);
      await token.evaluate((input, value) => {
        (input as HTMLInputElement).value = value;
      }, old);
      await page.fill("#comment-comment", "Confirm me.");
      await page.fill("#comment-name", "Axe Reader");
      await page.fill("#comment-email", "axe@example.com");
      await Promise.all([page.waitForNavigation(), page.click("#commentform .form-submit button")]);
      expect(await page.innerText("#comment-problems h2")).toBe("Confirm your comment");
      expect(await axeViolations(page)).toEqual([]);
      await context.close();
    }
  }, 120_000);

  it("asks for the reader's own token when the form is first touched", async () => {
    const { context, page } = await site.newPage();
    await page.goto(`${site.base}${path}`);
    expect(await page.inputValue('#commentform input[name="token"]')).toMatch(/^page\./);
    await page.focus("#comment-comment");
    await expect
      .poll(() => page.inputValue('#commentform input[name="token"]'))
      .toMatch(/^\d+\.[\w-]{43}$/);
    await context.close();
  }, 60_000);

  it("says a held comment awaits moderation instead of “No replies yet”", async () => {
    for (const colorScheme of ["light", "dark"] as const) {
      const { context, page } = await site.newPage({ colorScheme });
      await page.goto(`${site.base}/review/bob-le-flambeur-1956`);
      expect(await page.innerText("#comments-title")).toMatch(/^No replies yet to /);
      // A reader who began writing a minute ago (their token is set before the script's swap).
      const token = await issueFormToken(site.db, await bobId(), Date.now() - 60_000);
      await page.locator('#commentform input[name="token"]').evaluate((input, value) => {
        (input as HTMLInputElement).value = value;
      }, token);
      await page.fill("#comment-comment", `Held for now (${colorScheme}).`);
      await page.fill("#comment-name", "First Timer");
      await page.fill("#comment-email", `first-${colorScheme}@example.com`);
      await Promise.all([
        page.waitForURL(/comment=/),
        page.click("#commentform .form-submit button"),
      ]);
      expect(await page.innerText("#comments-title")).toBe("Your comment is awaiting moderation");
      expect(await page.innerText("#comments")).not.toContain("No replies yet");
      expect(await page.innerText(".comment-awaiting")).toBe(
        "Your comment is awaiting moderation.",
      );
      expect(await page.innerText(".comment-content")).toContain(`Held for now (${colorScheme}).`);
      expect(await axeViolations(page)).toEqual([]);
      await context.close();
    }
  }, 120_000);

  async function bobId(): Promise<number> {
    const row = await site.db.kysely
      .selectFrom("reviews")
      .select("id")
      .where("slug", "=", "bob-le-flambeur-1956")
      .executeTakeFirstOrThrow();
    return row.id;
  }

  it("kept the reader's pages on this host", () => {
    expect(site.foreignRequests).toEqual([]);
    expect(reviewId).toBeGreaterThan(0);
  });
});
