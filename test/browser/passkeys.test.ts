// Passkeys in headless Chromium with its virtual authenticator (driven over CDP): sign in
// with a password, add a passkey, sign out, sign in with the passkey alone, remove it, and
// see it refused afterwards. WebAuthn needs a host name, not an IP address, so the site is
// served as http://localhost:PORT (a secure context) with SITE_URL saying so.
import type { AddressInfo } from "node:net";
import pino from "pino";
import type { BrowserContext, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { loadConfig, type Config } from "../../src/config.ts";
import { createUser } from "../../src/domain/users.ts";
import { createNodeServer } from "../../src/web/node-server.ts";
import { axeChecker } from "../support/axe.ts";
import { browserSite } from "../support/browser-site.ts";
import type { TestDb } from "../support/databases.ts";

async function serveOnLocalhost(db: TestDb) {
  const config: Config = {
    ...loadConfig({ HOST: "127.0.0.1", PORT: "0", CINELOG_DATA_DIR: db.mediaDir }),
    mediaDir: db.mediaDir,
  };
  const server = createNodeServer({ db, config, logger: pino({ level: "silent" }) });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  // The port is known only now; the app reads SITE_URL per request.
  config.siteUrl = `http://localhost:${port}`;
  return {
    base: config.siteUrl,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

describe("passkeys in a real browser", () => {
  const email = "pia@example.com";
  const password = "correct horse battery";
  const site = browserSite({
    prepare: (db) =>
      createUser(db, { email, displayName: "Pia Passkey", role: "author", password }),
    serve: serveOnLocalhost,
  });

  async function withAuthenticator(context: BrowserContext, page: Page) {
    const cdp = await context.newCDPSession(page);
    await cdp.send("WebAuthn.enable");
    const { authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
      options: {
        protocol: "ctap2",
        transport: "internal",
        hasResidentKey: true,
        hasUserVerification: true,
        isUserVerified: true,
      },
    });
    return {
      credentials: async () =>
        (await cdp.send("WebAuthn.getCredentials", { authenticatorId })).credentials,
    };
  }

  it("adds a passkey, signs in with it alone, removes it, and is refused afterwards", async () => {
    const context = await site.newContext();
    const page = await context.newPage();
    const authenticator = await withAuthenticator(context, page);
    const { problems, check } = axeChecker(page);

    await page.goto(`${site.base}/admin/sign-in`);
    await page.locator(".passkey-sign-in").waitFor({ state: "visible" });
    await check("sign-in with passkeys");
    await page.fill("#email", email);
    await page.fill("#password", password);
    await Promise.all([
      page.waitForURL(`${site.base}/admin`),
      page.click('form[action="/admin/sign-in"] button.primary'),
    ]);

    await page.click("text=Your account");
    await page.waitForURL(`${site.base}/admin/account`);
    await page.locator(".passkey-add").waitFor({ state: "visible" });
    await check("account");
    await page.fill("#passkeyName", "Virtual laptop");
    await Promise.all([
      page.waitForURL(/\/admin\/account\?saved=passkey-added$/),
      page.click("text=Add a passkey >> nth=-1"),
    ]);
    expect(await page.textContent(".form-notice")).toContain("Passkey added");
    expect(await page.textContent(".passkey-table tbody td")).toBe("Virtual laptop");
    await check("account with a passkey");
    const credentials = await authenticator.credentials();
    expect(credentials).toHaveLength(1);
    expect(credentials[0]!.isResidentCredential).toBe(true);
    expect(credentials[0]!.rpId).toBe("localhost");

    await Promise.all([page.waitForURL(/\/admin\/sign-in$/), page.click("text=Sign out (")]);
    await page.locator(".passkey-sign-in").waitFor({ state: "visible" });
    // No e-mail, no password: the passkey alone.
    await Promise.all([
      page.waitForURL(`${site.base}/admin`),
      page.click("text=Sign in with a passkey"),
    ]);
    expect(await page.textContent("h1")).toBe("Hello, Pia Passkey");

    await page.goto(`${site.base}/admin/account`);
    const lastUsed = await page.textContent(".passkey-table tbody td:nth-child(3)");
    expect(lastUsed).not.toBe("Never");
    await page.click("text=Remove");
    await page.waitForURL(/\/admin\/account\/passkeys\/\d+\/remove$/);
    await check("remove passkey");
    await Promise.all([
      page.waitForURL(/\/admin\/account\?saved=passkey-removed$/),
      page.click("text=Remove passkey"),
    ]);
    expect(await page.locator(".passkey-table").count()).toBe(0);

    await Promise.all([page.waitForURL(/\/admin\/sign-in$/), page.click("text=Sign out (")]);
    // The device still holds it, but the site no longer knows it.
    expect(await authenticator.credentials()).toHaveLength(1);
    await Promise.all([
      page.waitForURL(`${site.base}/admin/sign-in/passkey`),
      page.click("text=Sign in with a passkey"),
    ]);
    expect(await page.textContent(".form-error")).toContain("did not sign you in");
    await check("passkey refused");
    await page.goto(`${site.base}/admin`);
    expect(new URL(page.url()).pathname).toBe("/admin/sign-in");

    await context.close();
    expect(problems).toEqual([]);
    expect(site.foreignRequests).toEqual([]);
  }, 90_000);

  it("hides the passkey buttons without JavaScript; the password still signs in", async () => {
    const context = await site.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${site.base}/admin/sign-in`);
    expect(await page.isVisible("text=Sign in with a passkey")).toBe(false);
    await page.fill("#email", email);
    await page.fill("#password", password);
    await Promise.all([
      page.waitForURL(`${site.base}/admin`),
      page.click('form[action="/admin/sign-in"] button.primary'),
    ]);
    await page.goto(`${site.base}/admin/account`);
    expect(await page.isVisible("#passkeyName")).toBe(false);
    expect(await page.isVisible("text=Change password")).toBe(true);
    await context.close();
  }, 60_000);

  it("hides the passkey buttons when the browser has no WebAuthn", async () => {
    const context = await site.newContext();
    await context.addInitScript(() => {
      Object.defineProperty(window, "PublicKeyCredential", { value: undefined });
    });
    const page = await context.newPage();
    await page.goto(`${site.base}/admin/sign-in`);
    await page.waitForLoadState("load");
    expect(await page.isVisible("text=Sign in with a passkey")).toBe(false);
    await context.close();
  }, 60_000);
});
