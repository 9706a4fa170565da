// One SQLite site served over HTTP for a whole browser test file, seen through the worker's
// shared Chromium in contexts that close with the file. Pages may
// fetch nothing from another host: such requests are refused and recorded, so a test can
// assert there were none.
import type { Browser, BrowserContext, BrowserContextOptions, Page } from "playwright-core";
import { afterAll, beforeAll, expect } from "vitest";
import type { Config } from "../../src/config.ts";
import { releaseContexts, sharedBrowser } from "./browser.ts";
import { openTestDb, type TestDb } from "./databases.ts";
import { serveForTest } from "./server.ts";

export interface Served {
  base: string;
  close: () => Promise<void>;
}

export interface BrowserSite {
  db: TestDb;
  /** Where the site is served, such as http://127.0.0.1:PORT. */
  base: string;
  browser: Browser;
  /** Every request a page tried to make to another host. */
  foreignRequests: string[];
  /** A context that keeps its pages on the site's host. */
  newContext: (options?: BrowserContextOptions) => Promise<BrowserContext>;
  newPage: (options?: BrowserContextOptions) => Promise<{ context: BrowserContext; page: Page }>;
}

export function browserSite(
  options: {
    /** Starts from the demo site (loaded once per run: see database-templates.ts). */
    demo?: boolean;
    /** Fills the database before the site is served. */
    prepare?: (db: TestDb) => Promise<unknown>;
    config?: Partial<Config>;
    serve?: (db: TestDb) => Promise<Served>;
  } = {},
): BrowserSite {
  const site = { foreignRequests: [] as string[] } as BrowserSite;
  let server: Served | undefined;
  site.newContext = async (contextOptions = {}) => {
    // axe is injected as an inline script, which the site's CSP rightly forbids.
    const context = await site.browser.newContext({ bypassCSP: true, ...contextOptions });
    const host = new URL(site.base).hostname;
    await context.route("**/*", (route) => {
      if (new URL(route.request().url()).hostname !== host) {
        site.foreignRequests.push(route.request().url());
        return route.abort();
      }
      return route.continue();
    });
    return context;
  };
  site.newPage = async (contextOptions) => {
    const context = await site.newContext(contextOptions);
    return { context, page: await context.newPage() };
  };

  beforeAll(async () => {
    site.db = await openTestDb("sqlite", { demo: options.demo ?? false });
    await options.prepare?.(site.db);
    server = await (options.serve ?? ((db) => serveForTest(db, options.config)))(site.db);
    site.base = server.base;
    site.browser = await sharedBrowser();
  }, 120_000);
  afterAll(async () => {
    await releaseContexts(site.browser);
    await server?.close();
    await site.db?.dispose();
  });
  return site;
}

/**
 * Signs in through the form, as a person would: opening `path` leads to the sign-in page, and
 * signing in leads back to it.
 */
export async function signInThroughForm(
  page: Page,
  base: string,
  account: { email: string; password?: string; path?: string },
) {
  const path = account.path ?? "/admin";
  await page.goto(`${base}${path}`);
  expect(new URL(page.url()).pathname).toBe("/admin/sign-in");
  await page.fill("#email", account.email);
  await page.fill("#password", account.password ?? "correct horse battery");
  await Promise.all([
    page.waitForURL(`${base}${path}`),
    page.click('form[action="/admin/sign-in"] button.primary'),
  ]);
}
