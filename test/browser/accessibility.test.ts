// Every page type a reader can reach, in headless Chromium: zero axe-core violations in light
// and dark mode, and no request to any other host. The admin's account and series pages, and
// reading without JavaScript, are the other test/browser/accessibility-*.test.ts files.
import { describe, expect, it } from "vitest";
import { axeChecker } from "../support/axe.ts";
import { accessibilitySite } from "../support/accessibility-site.ts";

// One URL of every page type a reader can reach.
const pages = [
  "/",
  "/review/leaving-las-vegas-1995",
  "/review/house-of-games-1987",
  "/film/leaving-las-vegas-1995",
  "/person/jean-pierre-melville",
  "/series",
  "/series/long-odds",
  "/tag/gambling",
  "/archive",
  "/directors",
  "/years",
  "/ratings",
  "/tags",
  "/search?q=vegas",
  "/search?q=zzzz-nothing",
  "/no-such-page",
];

describe("in a real browser", () => {
  const { site, open } = accessibilitySite();

  for (const scheme of ["light", "dark"] as const) {
    it(`has no axe violations on any page type (${scheme})`, async () => {
      const { page, context } = await open("/", { colorScheme: scheme });
      const { problems, check } = axeChecker(page);
      for (const url of pages) {
        const response = await page.goto(`${site.base}${url}`, { waitUntil: "load" });
        expect(response?.status(), url).toBe(url === "/no-such-page" ? 404 : 200);
        await check(url);
      }
      await context.close();
      expect(problems).toEqual([]);
      expect(site.foreignRequests).toEqual([]);
    }, 120_000);
  }
});
