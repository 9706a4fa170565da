// Every page type in headless Chromium: zero axe-core violations in light and dark mode, no
// request to any other host, readable without JavaScript; screenshots for people to look at.
import fs from "node:fs";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDemo } from "../../src/demo/load-demo.ts";
import { axeViolations } from "../support/axe.ts";
import { launchBrowser } from "../support/browser.ts";
import { openTestDb, type TestDb } from "../support/databases.ts";
import { serveForTest } from "../support/server.ts";

const screenshotDir = path.resolve("test-output/screenshots");

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
  let db: TestDb;
  let server: Awaited<ReturnType<typeof serveForTest>>;
  let browser: Browser;
  const foreignRequests: string[] = [];

  beforeAll(async () => {
    db = await openTestDb("sqlite");
    await loadDemo(db, db.mediaDir);
    server = await serveForTest(db);
    browser = await launchBrowser();
    fs.mkdirSync(screenshotDir, { recursive: true });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await db?.dispose();
  });

  async function open(
    url: string,
    options: { colorScheme?: "light" | "dark"; javaScriptEnabled?: boolean; width?: number } = {},
  ) {
    // axe is injected as an inline script, which the site's CSP rightly forbids.
    const context = await browser.newContext({
      bypassCSP: true,
      colorScheme: options.colorScheme ?? "light",
      javaScriptEnabled: options.javaScriptEnabled ?? true,
      viewport: { width: options.width ?? 1280, height: 900 },
    });
    await context.route("**/*", (route) => {
      const target = new URL(route.request().url());
      if (target.hostname !== "127.0.0.1") {
        foreignRequests.push(route.request().url());
        return route.abort();
      }
      return route.continue();
    });
    const page = await context.newPage();
    const response = await page.goto(`${server.base}${url}`, { waitUntil: "load" });
    return { page, context, status: response?.status() };
  }

  for (const scheme of ["light", "dark"] as const) {
    it(`has no axe violations on any page type (${scheme})`, async () => {
      const problems: string[] = [];
      const { page, context } = await open("/", { colorScheme: scheme });
      for (const url of pages) {
        const response = await page.goto(`${server.base}${url}`, { waitUntil: "load" });
        expect(response?.status(), url).toBe(url === "/no-such-page" ? 404 : 200);
        for (const v of await axeViolations(page)) problems.push(`${url}: ${v}`);
      }
      await context.close();
      expect(problems).toEqual([]);
      expect(foreignRequests).toEqual([]);
    }, 120_000);
  }

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
