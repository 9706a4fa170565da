// Listings with stills in Chromium at a phone's and a desktop's width, light and dark: every
// card's picture is lazy, described, sized before it loads (no layout shift) and not broken;
// a review without a still has no empty box; axe finds nothing. Screenshots for people.
import fs from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { axeChecker } from "../support/axe.ts";
import { browserSite } from "../support/browser-site.ts";
import { buildListingSite, listingTag } from "../listings/listing-site.ts";

const screenshotDir = path.resolve("test-output/screenshots");

interface CardImage {
  alt: string | null;
  loading: string | null;
  /** Height of the image's box as laid out, before and after it has loaded. */
  boxHeight: number;
  naturalWidth: number;
  complete: boolean;
  placeholder: string;
}

function cardImages(page: Page): Promise<CardImage[]> {
  return page.$$eval(".review-card .card-still img", (images) =>
    images.map((img) => ({
      alt: img.getAttribute("alt"),
      loading: img.getAttribute("loading"),
      boxHeight: Math.round(img.getBoundingClientRect().height),
      naturalWidth: (img as HTMLImageElement).naturalWidth,
      complete: (img as HTMLImageElement).complete,
      placeholder: getComputedStyle(img).backgroundImage,
    })),
  );
}

describe("listings with stills in a real browser", () => {
  const site = browserSite({
    prepare: (db) => buildListingSite(db, { count: 12, withoutStill: [11], ownStills: true }),
  });

  for (const width of [390, 1280]) {
    for (const scheme of ["light", "dark"] as const) {
      it(`shows lazy, described, unbroken stills on the home and tag pages at ${width} px (${scheme})`, async () => {
        fs.mkdirSync(screenshotDir, { recursive: true });
        const { context, page } = await site.newPage({
          colorScheme: scheme,
          viewport: { width, height: 800 },
        });
        const { problems, check } = axeChecker(page);
        for (const url of ["/", `/tag/${listingTag.slug}`]) {
          await page.goto(`${site.base}${url}`, { waitUntil: "load" });
          const before = await cardImages(page);
          // Ten cards, one without a still: nine pictures, and no empty box for the tenth.
          expect(before, url).toHaveLength(9);
          expect(await page.locator(".review-card:not(.has-still) .card-still").count()).toBe(0);
          expect(await page.locator(".review-card:not(.has-still)").count()).toBe(1);
          for (const image of before) {
            expect(image.loading).toBe("lazy");
            expect(image.alt).toMatch(/^A rain-streaked street at night in Night Film \d+$/);
            expect(image.placeholder).toMatch(/^url\("data:image\/png;base64,/);
          }
          // Scrolled through, every picture arrives whole, in the box kept for it.
          for (const card of await page.locator(".card-still img").all()) {
            await card.scrollIntoViewIfNeeded();
          }
          await page.waitForFunction(() =>
            [...document.querySelectorAll<HTMLImageElement>(".card-still img")].every(
              (img) => img.complete,
            ),
          );
          const after = await cardImages(page);
          for (const [i, image] of after.entries()) {
            expect(image.naturalWidth, `${url} image ${i}`).toBeGreaterThan(0);
            expect(image.boxHeight, `${url} image ${i}`).toBe(before[i]!.boxHeight);
            expect(image.boxHeight).toBeGreaterThan(0);
          }
          await check(`${url} at ${width} px, ${scheme}`);
          await page.evaluate(() => window.scrollTo(0, 0));
          await page.screenshot({
            path: path.join(
              screenshotDir,
              `listing-${url === "/" ? "home" : "tag"}-${width}-${scheme}.png`,
            ),
          });
        }
        await context.close();
        expect(problems).toEqual([]);
        expect(site.foreignRequests).toEqual([]);
      }, 120_000);
    }
  }
});
