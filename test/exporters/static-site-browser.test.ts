// The exported demo site in a real browser, served by a plain static file server: a review
// page loads with its still and the stylesheet applied, nothing fails to load, nothing is
// asked of another host, and a link to another page works from the copy. Like the other
// browser tests it runs on SQLite only: what it checks is the files, and static-site.test.ts
// runs the export itself on both.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pino from "pino";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";
import { exportStaticSite } from "../../src/exporters/static-site/export-static-site.ts";
import { releaseContexts, sharedBrowser } from "../support/browser.ts";
import { openTestDb, type TestDb } from "../support/databases.ts";
import { serveStaticHost } from "./static-site-host.ts";

describe("the exported demo site in a browser", () => {
  let db: TestDb;
  let dir: string;
  let host: Awaited<ReturnType<typeof serveStaticHost>>;
  let browser: Browser;

  beforeAll(async () => {
    db = await openTestDb("sqlite", { demo: true });
    const config = {
      ...loadConfig({ HOST: "127.0.0.1", PORT: "4000", CINELOG_DATA_DIR: db.mediaDir }),
      mediaDir: db.mediaDir,
    };
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "cinelog-static-"));
    await exportStaticSite({ db, config, logger: pino({ level: "silent" }) }, { dir });
    host = await serveStaticHost(dir);
    browser = await sharedBrowser();
  }, 180_000);
  afterAll(async () => {
    await releaseContexts(browser);
    await host?.close();
    fs.rmSync(dir, { recursive: true, force: true });
    await db.dispose();
  });

  it("shows a review with its still and styles, with no failed or outside requests", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const failed: string[] = [];
    const outside: string[] = [];
    await context.route("**/*", (route) => {
      const url = route.request().url();
      if (url.startsWith(host.base) || url.startsWith("data:")) return route.continue();
      outside.push(url);
      return route.abort();
    });
    page.on("requestfailed", (request) => {
      // A request cut short by the test's own next navigation (the icon, fetched after load,
      // often is) failed nowhere; anything else that fails does.
      if (request.failure()?.errorText === "net::ERR_ABORTED") return;
      failed.push(`${request.url()} failed: ${request.failure()?.errorText}`);
    });
    page.on("response", (response) => {
      if (response.status() >= 400) failed.push(`${response.url()} ${response.status()}`);
    });

    const slug = "leaving-las-vegas-1995";
    const response = await page.goto(`${host.base}/review/${slug}`, { waitUntil: "load" });
    expect(response?.status()).toBe(200);
    expect(await page.textContent("h1")).toContain("Leaving Las Vegas");

    const still = page.locator("figure.still-lead img");
    await still.waitFor();
    const loaded = await still.evaluate(
      (img: HTMLImageElement) => img.complete && img.naturalWidth > 0 && img.currentSrc,
    );
    expect(loaded).toMatch(
      new RegExp(`^${host.base}/media/stills/demo/${slug}-1-\\d+\\.(webp|jpg)$`),
    );

    // The stylesheet applies: the skip link is moved off screen and the body has no margin.
    expect(await page.locator(".skip-link").evaluate((a) => getComputedStyle(a).position)).toBe(
      "absolute",
    );
    expect(await page.evaluate(() => getComputedStyle(document.body).marginTop)).toBe("0px");

    // Following a link works on the copy, with the same addresses as the live site.
    await page.click("a:text-is('About the film')");
    await page.waitForURL(`${host.base}/film/${slug}`);
    expect(await page.textContent("h1")).toContain("Leaving Las Vegas");
    await page.click("nav[aria-label='Site'] a:text-is('Archive')");
    await page.waitForURL(`${host.base}/archive`);

    // An address the copy does not have shows the site's own 404 page.
    const missing = await page.goto(`${host.base}/review/no-such-film`);
    expect(missing?.status()).toBe(404);
    expect(await page.textContent("h1")).toMatch(/not found/i);
    failed.splice(failed.indexOf(`${host.base}/review/no-such-film 404`), 1);

    expect(failed).toEqual([]);
    expect(outside).toEqual([]);
    await context.close();
  });
});
