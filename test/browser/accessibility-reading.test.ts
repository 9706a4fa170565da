// The review page as people read it: fully without JavaScript, and in screenshots at phone and
// desktop widths in both schemes (test-output/screenshots, for people to look at), with
// nothing wider than the screen.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { accessibilitySite, screenshotDir } from "../support/accessibility-site.ts";

describe("reading the review page in a real browser", () => {
  const { open } = accessibilitySite();

  it("reads fully without JavaScript", async () => {
    const { page, context } = await open("/review/leaving-las-vegas-1995", {
      javaScriptEnabled: false,
    });
    expect(await page.textContent("h1")).toBe("Leaving Las Vegas (1995)");
    expect(await page.textContent(".up-next")).toContain("Up Next:");
    const still = page.locator("figure.still-lead img");
    await still.waitFor();
    expect(
      await still.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0),
    ).toBe(true);
    await context.close();
  });

  it("takes screenshots of the review page on phone and desktop widths", async () => {
    for (const [name, width] of [
      ["phone", 390],
      ["desktop", 1280],
    ] as const) {
      for (const scheme of ["light", "dark"] as const) {
        const { page, context } = await open("/review/leaving-las-vegas-1995", {
          width,
          colorScheme: scheme,
        });
        const file = path.join(screenshotDir, `review-${name}-${scheme}.png`);
        await page.screenshot({ path: file, fullPage: true });
        expect(fs.statSync(file).size).toBeGreaterThan(10_000);
        // Nothing may overflow the phone's width.
        const overflow = await page.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        );
        expect(overflow, `${name} ${scheme}`).toBeLessThanOrEqual(0);
        await context.close();
      }
    }
  });
});
