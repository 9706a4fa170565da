// The stats pages in headless Chromium on the demo site: /stats and a year in review, light
// and dark, at 1280 and 390 pixels wide: no axe violations, no sideways scrolling on a phone,
// charts drawn at a readable size, no request to another host. Screenshots for people to see
// (the README's picture is one of them).
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { nowIso } from "../../src/domain/time.ts";
import { axeChecker } from "../support/axe.ts";
import { browserSite } from "../support/browser-site.ts";

const screenshotDir = path.resolve("test-output/screenshots");

describe("the stats pages in a real browser", () => {
  const site = browserSite({ demo: true });
  beforeAll(() => {
    fs.mkdirSync(screenshotDir, { recursive: true });
  });
  const year = nowIso().slice(0, 4);

  for (const scheme of ["light", "dark"] as const) {
    for (const width of [1280, 390]) {
      it(`reads cleanly in ${scheme} at ${width} px`, async () => {
        const { context, page } = await site.newPage({
          colorScheme: scheme,
          viewport: { width, height: 900 },
        });
        const { problems, check } = axeChecker(page);
        for (const url of ["/stats", `/stats/${year}`]) {
          const response = await page.goto(`${site.base}${url}`, { waitUntil: "load" });
          expect(response?.status(), url).toBe(200);
          await check(`${url} ${scheme} ${width}`);
          const overflow = await page.evaluate(
            () => document.documentElement.scrollWidth - window.innerWidth,
          );
          expect(overflow, `${url} scrolls sideways`).toBeLessThanOrEqual(0);
          // Each chart fills its column: never a sliver, never wider than the screen.
          const chartWidths = await page.$$eval(".stats-chart svg", (svgs) =>
            svgs.map((s) => s.getBoundingClientRect().width),
          );
          expect(chartWidths.length).toBeGreaterThan(3);
          for (const w of chartWidths) {
            expect(w).toBeGreaterThan(width > 600 ? 400 : 300);
            expect(w).toBeLessThanOrEqual(width);
          }
          await page.screenshot({
            path: path.join(
              screenshotDir,
              `stats${url.replace(/\//g, "-")}-${scheme}-${width}.png`,
            ),
            fullPage: true,
          });
        }
        await context.close();
        expect(problems).toEqual([]);
        expect(site.foreignRequests).toEqual([]);
      }, 120_000);
    }
  }
});
