// Each page links the base stylesheet and only the page families' sheets it uses
// (src/web/assets/assets.ts). Checked in Chromium on the demo site, page type by page type:
// no rule of a sheet a page does NOT link matches anything on it, so leaving that sheet out
// changes nothing the reader sees; and a page that shows a family's markup links its sheet.
// A new kind of markup put on a page of another family fails here until the page links it.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { createUser } from "../../src/domain/users.ts";
import { stylesheets } from "../../src/web/assets/assets.ts";
import { browserSite, signInThroughForm } from "../support/browser-site.ts";

/** The selectors of a sheet's style rules (inside @media too) that match an element here. */
async function matchingSelectors(page: Page, css: string): Promise<string[]> {
  return page.evaluate((text) => {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(text);
    const found: string[] = [];
    const walk = (rules: CSSRuleList) => {
      for (const rule of Array.from(rules)) {
        if (rule instanceof CSSStyleRule) {
          for (const selector of rule.selectorText.split(/,(?![^(]*\))/)) {
            // States and pseudo-elements apply to an element that is there: test the element.
            const element = selector
              .replace(/::?[a-z-]+(\([^)]*\))?/g, (m) =>
                /^:(not|is|where|has|nth|first|last|only|root|checked|empty)/.test(m) ? m : "",
              )
              .trim();
            if (document.querySelector(element || "*")) found.push(selector.trim());
          }
        } else if ("cssRules" in rule) walk((rule as CSSGroupingRule).cssRules);
      }
    };
    walk(sheet.cssRules);
    return found;
  }, css);
}

const text = (asset: { identity: Buffer }) => asset.identity.toString("utf8");
const { base, listings, comments, stats, admin, adminEditors } = stylesheets;
/** The sheets a public page may link, and an admin page (the site's base, then its own). */
const publicSheets = [base, listings, comments, stats];
const adminSheets = [...publicSheets, admin, adminEditors];

describe("stylesheets by page family", () => {
  const site = browserSite({
    demo: true,
    prepare: (db) =>
      createUser(db, {
        email: "sheets-owner@example.com",
        displayName: "Sheets Owner",
        role: "owner",
        password: "correct horse battery",
      }),
  });

  async function checkPages(page: Page, sheets: (typeof base)[], paths: string[]) {
    const problems: string[] = [];
    for (const path of paths) {
      const response = await page.goto(`${site.base}${path}`);
      expect(response?.status(), path).toBeLessThan(500);
      const linked = await page.$$eval('link[rel="stylesheet"]', (links) =>
        links.map((l) => l.getAttribute("href")!),
      );
      expect(linked[0], path).toBe(stylesheets.base.href);
      // A sheet of another family once laid out the admin's sign-in providers table as a
      // flex row (a class shared with the comment form's provider list): tables stay tables.
      const tableDisplays = await page.$$eval("table", (tables) =>
        tables.map((t) => getComputedStyle(t).display),
      );
      for (const display of tableDisplays) expect(display, path).toBe("table");
      for (const sheet of sheets) {
        const { href } = sheet;
        if (linked.includes(href)) continue;
        const matching = await matchingSelectors(page, text(sheet));
        if (matching.length)
          problems.push(`${path} needs ${href}: ${matching.slice(0, 3).join(", ")}`);
      }
    }
    expect(problems).toEqual([]);
  }

  it("leaves out of each public page only sheets with nothing to style there", async () => {
    const { context, page } = await site.newPage();
    await page.goto(`${site.base}/`);
    const reviewPath = await page.getAttribute(".review-card h2 a", "href");
    const seriesPath = await page.$$eval('a[href^="/series/"]', (a) => a[0]?.getAttribute("href"));
    await page.goto(`${site.base}/tags`);
    const tagPath = await page.getAttribute('a[href^="/tag/"]', "href");
    await page.goto(`${site.base}/stats`);
    const yearPath = await page.getAttribute('a[href^="/stats/"]', "href");
    expect([reviewPath, tagPath, yearPath]).not.toContain(null);
    await checkPages(page, publicSheets, [
      "/",
      "/archive",
      "/directors",
      "/years",
      "/tags",
      tagPath!,
      "/series",
      ...(seriesPath ? [seriesPath] : []),
      "/search?q=the",
      reviewPath!,
      "/stats",
      yearPath!,
      "/no-such-page",
    ]);
    await context.close();
  });

  it("links on a review page the base sheet and the comments' only", async () => {
    const { context, page } = await site.newPage();
    await page.goto(`${site.base}/`);
    await page.click(".review-card h2 a");
    const linked = await page.$$eval('link[rel="stylesheet"]', (links) =>
      links.map((l) => l.getAttribute("href")),
    );
    expect(linked).toEqual([base.href, comments.href]);
    await context.close();
  });

  it("leaves out of each admin page only sheets with nothing to style there", async () => {
    const { context, page } = await site.newPage();
    await signInThroughForm(page, site.base, { email: "sheets-owner@example.com" });
    await checkPages(page, adminSheets, [
      "/admin",
      "/admin/reviews",
      "/admin/reviews/new",
      "/admin/reviews/1/edit",
      "/admin/reviews/1/stills",
      "/admin/series",
      "/admin/series/1",
      "/admin/comments",
      "/admin/settings",
      "/admin/settings/comments",
      "/admin/settings/stats",
      "/admin/settings/sign-in",
      "/admin/imports",
      "/admin/users",
      "/admin/posts/new",
    ]);
    await context.close();
  });
});
