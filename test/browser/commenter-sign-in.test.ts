// Commenter sign-in in headless Chromium against a real OpenID Provider on 127.0.0.1, with
// the site's own Content Security Policy in force (no bypass): sign in, comment, "Log Out",
// "Change", the typed comment's round trip, with and without JavaScript, and the failures
// (consent refused, state mismatch, expired code, provider unreachable), which all end at
// the form with a message and the comment intact.
import type { AddressInfo } from "node:net";
import type { BrowserContextOptions, Page } from "playwright-core";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig, type Config } from "../../src/config.ts";
import { commentById } from "../../src/domain/comments.ts";
import {
  blankProviderSettings,
  disableProvider,
  saveProvider,
} from "../../src/domain/sign-in-providers/provider-settings.ts";
import { createNodeServer } from "../../src/web/node-server.ts";
import { signInMessages } from "../../src/web/public/commenter-sign-in-routes.tsx";
import { axeViolations } from "../support/axe.ts";
import { browserSite } from "../support/browser-site.ts";
import type { TestDb } from "../support/databases.ts";
import { buildFixture } from "../support/fixture.ts";
import {
  refuseAtProvider,
  signInAtProvider,
  startIdentityProvider,
  type StartedIdentityProvider,
} from "../support/identity-provider.ts";

/** Serves the site with SITE_URL set to the address it is served at, as in production. */
async function serveAtOwnAddress(db: TestDb) {
  const config: Config = {
    ...loadConfig({ HOST: "127.0.0.1", PORT: "4000", CINELOG_DATA_DIR: db.mediaDir }),
    mediaDir: db.mediaDir,
    commentRateLimits: false,
  };
  const server = createNodeServer({ db, config, logger: pino({ level: "silent" }) });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // Read by the routes at each request: set before the first one.
  config.siteUrl = base;
  return {
    base,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

describe("commenter sign-in in a real browser", { timeout: 120_000 }, () => {
  const slug = "leaving-las-vegas-1995";
  const typed = "Written before logging in: Figgis scores his own film, and it shows.";
  let idp: StartedIdentityProvider;
  const site = browserSite({
    prepare: (db) => buildFixture(db),
    serve: serveAtOwnAddress,
  });
  const reviewUrl = () => `${site.base}/review/${slug}`;

  beforeAll(async () => {
    idp = await startIdentityProvider();
    const client = await idp.addClient([`${site.base}/auth/oidc/callback`]);
    await saveProvider(site.db, "oidc", {
      ...blankProviderSettings,
      enabled: true,
      label: "Test ID",
      clientId: client.clientId,
      clientSecret: client.clientSecret,
      discoveryUrl: `${idp.issuer}/.well-known/openid-configuration`,
    });
  }, 60_000);
  afterAll(async () => {
    await idp?.close();
  });

  /** A page with the site's CSP in force; only the site's host and the provider are reached. */
  async function newPage(options: BrowserContextOptions = {}): Promise<Page> {
    const context = await site.browser.newContext(options);
    await context.route("**/*", (route) => {
      const url = new URL(route.request().url());
      if (url.hostname !== "127.0.0.1") {
        site.foreignRequests.push(url.href);
        return route.abort();
      }
      return route.continue();
    });
    return context.newPage();
  }

  /** Types the comment and presses the provider's button; resolves at the provider. */
  async function leaveForProvider(page: Page, provider = "Log in with Test ID", text = typed) {
    await page.goto(reviewUrl());
    await page.fill("#comment-comment", text);
    await Promise.all([
      page.waitForURL((url) => url.origin === idp.origin),
      page.getByRole("button", { name: provider }).click(),
    ]);
  }

  async function expectAtFormWith(page: Page, message: string) {
    expect(new URL(page.url()).origin).toBe(site.base);
    await expect.poll(() => page.locator("#respond .form-problems").innerText()).toBe(message);
    expect(await page.inputValue("#comment-comment")).toBe(typed);
  }

  async function signIn(page: Page) {
    await leaveForProvider(page);
    await signInAtProvider(page);
    await page.waitForURL(`${reviewUrl()}#respond`);
  }

  it("signs in, brings the typed comment back, and posts it as the account", async () => {
    const page = await newPage();
    await signIn(page);
    const identity = page.locator(".commenter-identity");
    expect(await identity.innerText()).toContain("You are commenting using your Test ID account.");
    expect(await page.locator(".commenter-name").innerText()).toBe(idp.account.name);
    expect(await page.inputValue("#comment-comment")).toBe(typed);
    expect(await page.locator("#comment-name").count()).toBe(0);
    // The avatar is this site's copy, and it loads.
    const avatar = page.locator(".commenter-avatar");
    expect(await avatar.getAttribute("src")).toMatch(/^\/media\/commenter-avatars\//);
    await expect
      .poll(() => avatar.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
      .toBeGreaterThan(0);
    // axe needs an inline script, which the site's CSP rightly forbids: a second context,
    // with the same cookies, lets it in.
    const checking = await site.browser.newContext({ bypassCSP: true });
    await checking.addCookies(await page.context().cookies());
    const axePage = await checking.newPage();
    await axePage.goto(reviewUrl());
    expect(await axePage.locator(".commenter-identity").count()).toBe(1);
    expect(await axeViolations(axePage)).toEqual([]);
    await checking.clearCookies();
    await axePage.goto(reviewUrl());
    expect(await axePage.locator(".sign-in-provider").count()).toBe(1);
    expect(await axeViolations(axePage)).toEqual([]);
    await checking.close();

    await Promise.all([
      page.waitForURL(/comment=/),
      page.click("#commentform .form-submit button"),
    ]);
    const id = Number(/#comment-(\d+)$/.exec(page.url())?.[1]);
    const comment = await commentById(site.db, id);
    expect(comment?.author_name).toBe(idp.account.name);
    expect(comment?.body_md).toBe(typed);
    // Sent the moment the reader is back: not held as "too fast" (that rule is for bots).
    expect(comment?.status).not.toBe("spam");
    expect(await page.locator(`#comment-${id}`).innerText()).toContain("Figgis scores");
    expect(await page.inputValue("#comment-comment")).toBe("");
    await page.context().close();
  });

  it("works without JavaScript: the buttons post the form, the page moves on by itself", async () => {
    const page = await newPage({ javaScriptEnabled: false });
    await signIn(page);
    expect(await page.locator(".commenter-identity").innerText()).toContain("Test ID account");
    expect(await page.inputValue("#comment-comment")).toBe(typed);
    // Sent the moment the reader is back, the comment is not taken for a bot's: the
    // "sent too fast" rule does not apply to a reader a provider has vouched for.
    await Promise.all([
      page.waitForURL(/comment=/),
      page.click("#commentform .form-submit button"),
    ]);
    const id = Number(/#comment-(\d+)$/.exec(page.url())?.[1]);
    expect((await commentById(site.db, id))?.status).not.toBe("spam");
    await page.context().close();
  });

  it("logs out, back to the buttons and the guest fields, keeping the comment", async () => {
    const page = await newPage();
    await signIn(page);
    await page.fill("#comment-comment", "Still writing.");
    await Promise.all([
      page.waitForURL(`${site.base}/auth/commenter/logout`),
      page.getByRole("button", { name: "Log Out" }).click(),
    ]);
    expect(await page.locator(".commenter-identity").count()).toBe(0);
    expect(await page.locator("#comment-name").isVisible()).toBe(true);
    expect(await page.getByRole("button", { name: "Log in with Test ID" }).isVisible()).toBe(true);
    expect(await page.inputValue("#comment-comment")).toBe("Still writing.");
    // Logged out for good: the review page shows the guest form.
    await page.goto(reviewUrl());
    expect(await page.locator(".commenter-identity").count()).toBe(0);
    await page.context().close();
  });

  it("“Change” offers the providers and the guest fields again, keeping the comment", async () => {
    const page = await newPage();
    await signIn(page);
    await page.fill("#comment-comment", "Undecided.");
    await Promise.all([
      page.waitForURL(`${site.base}/auth/commenter/change`),
      page.getByRole("button", { name: "Change" }).click(),
    ]);
    expect(await page.inputValue("#comment-comment")).toBe("Undecided.");
    expect(await page.getByRole("button", { name: "Log in with Test ID" }).isVisible()).toBe(true);
    await page.fill("#comment-name", "Just a Guest");
    await page.fill("#comment-email", "guest@example.com");
    await Promise.all([
      page.waitForURL(/comment=/),
      page.click("#commentform .form-submit button"),
    ]);
    const id = Number(/#comment-(\d+)$/.exec(page.url())?.[1]);
    expect((await commentById(site.db, id))?.author_name).toBe("Just a Guest");
    await page.context().close();
  });

  it("comes back to the form with the comment when consent is refused", async () => {
    const page = await newPage();
    await leaveForProvider(page);
    await refuseAtProvider(page);
    await expectAtFormWith(page, signInMessages.refused("Test ID"));
    await page.context().close();
  });

  it("comes back to the form with the comment when the state does not match", async () => {
    const page = await newPage();
    await leaveForProvider(page);
    await page.goto(`${site.base}/auth/oidc/callback?code=forged&state=not-the-one-sent`);
    await expectAtFormWith(page, signInMessages.state("Test ID"));
    await page.context().close();
  });

  it("comes back to the form with the comment when the code has expired", async () => {
    const page = await newPage();
    idp.expireNextCode();
    await leaveForProvider(page);
    await signInAtProvider(page);
    await expectAtFormWith(page, signInMessages.expired("Test ID"));
    await page.context().close();
  });

  it("comes back to the form with the comment when the provider cannot be reached", async () => {
    await saveProvider(site.db, "google", {
      ...blankProviderSettings,
      enabled: true,
      clientId: "unreachable",
      discoveryUrl: "http://127.0.0.1:9/.well-known/openid-configuration",
    });
    const page = await newPage();
    await page.goto(reviewUrl());
    await page.fill("#comment-comment", typed);
    await page.getByRole("button", { name: "Log in with Google" }).click();
    await expectAtFormWith(page, signInMessages.unreachable("Google"));
    await disableProvider(site.db, "google");
    await page.context().close();
  });

  it("asked no other host for anything", () => {
    expect(site.foreignRequests).toEqual([]);
  });
});
