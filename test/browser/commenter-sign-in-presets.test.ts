// Every sign-in preset of issue 6, end to end in Chromium: the owner's settings point the
// preset at a real OpenID Provider on this machine (test/support/identity-provider.ts, which
// answers each preset's own paths and profile shape), and a reader signs in from a review's
// comment form, is shown as "commenting using your … account", and posts a comment under the
// account's name. Mastodon's app is registered on the instance once and reused after.
import type { AddressInfo } from "node:net";
import pino from "pino";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig, type Config } from "../../src/config.ts";
import { issueFormToken } from "../../src/domain/comment-tokens.ts";
import type { ProviderKey } from "../../src/domain/sign-in-providers/presets.ts";
import {
  blankProviderSettings,
  redirectUriFor,
  saveProvider,
  type ProviderSettings,
} from "../../src/domain/sign-in-providers/provider-settings.ts";
import { createNodeServer } from "../../src/web/node-server.ts";
import { browserSite, type Served } from "../support/browser-site.ts";
import type { TestDb } from "../support/databases.ts";
import { buildFixture } from "../support/fixture.ts";
import {
  signInAtProvider,
  startIdentityProvider,
  type StartedIdentityProvider,
} from "../support/identity-provider.ts";

const slug = "leaving-las-vegas-1995";
const oidcLabel = "Cinelog Test ID";

/** What the site logged at warn and above: the reason behind a sign-in that failed. */
const siteLog: string[] = [];

/**
 * The site with its address (config.siteUrl) set to where it is served: redirect URIs are
 * built from it, and the provider holds the site to them exactly.
 */
async function serveAtOwnAddress(db: TestDb): Promise<Served> {
  const config: Config = {
    ...loadConfig({ HOST: "127.0.0.1", PORT: "4000", CINELOG_DATA_DIR: db.mediaDir }),
    mediaDir: db.mediaDir,
    commentRateLimits: false,
  };
  const logger = pino({ level: "warn" }, { write: (line: string) => void siteLog.push(line) });
  const server = createNodeServer({ db, config, logger });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  // Read by the routes at each request, so set before the first one.
  config.siteUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base: config.siteUrl,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

interface PresetCase {
  key: ProviderKey;
  /** The label the form shows: the preset's, or the owner's. */
  label: string;
  settings: (idp: StartedIdentityProvider, base: string) => Promise<ProviderSettings>;
  /** What the comment's author address is: the account's, or none to be had from it. */
  sharesEmail: boolean;
  /** The website the comment links to, from the account's profile address. */
  website: (idp: StartedIdentityProvider) => string;
}

/** A client registered at the provider for this preset's callback, as the owner would. */
async function clientFor(idp: StartedIdentityProvider, base: string, key: ProviderKey) {
  return idp.addClient([redirectUriFor(base, key)]);
}

function oauth2Case(key: "wordpress" | "x" | "facebook" | "github", label: string): PresetCase {
  return {
    key,
    label,
    settings: async (idp, base) => {
      const { clientId, clientSecret } = await clientFor(idp, base, key);
      const endpoints = idp.endpointsFor(key);
      return {
        ...blankProviderSettings,
        enabled: true,
        clientId,
        clientSecret,
        authorizationUrl: endpoints.authorization,
        tokenUrl: endpoints.token,
        userinfoUrl: endpoints.userinfo,
      };
    },
    // X gives no e-mail address to apps.
    sharesEmail: key !== "x",
    website: (idp) => (key === "x" ? `https://x.com/${idp.account.username}` : idp.account.profile),
  };
}

function oidcCase(key: "google" | "oidc", label: string, ownerLabel = ""): PresetCase {
  return {
    key,
    label,
    settings: async (idp, base) => {
      const { clientId, clientSecret } = await clientFor(idp, base, key);
      return {
        ...blankProviderSettings,
        enabled: true,
        label: ownerLabel,
        clientId,
        clientSecret,
        discoveryUrl: `${idp.issuer}/.well-known/openid-configuration`,
      };
    },
    sharesEmail: true,
    // Google's preset reads no profile address (Google gives none).
    website: (idp) => (key === "google" ? "" : idp.account.profile),
  };
}

const cases: PresetCase[] = [
  oauth2Case("wordpress", "WordPress.com"),
  oauth2Case("x", "X"),
  oauth2Case("facebook", "Facebook"),
  oauth2Case("github", "GitHub"),
  oidcCase("google", "Google"),
  {
    key: "mastodon",
    label: "Mastodon",
    // Only the instance: the app is registered there at the first sign-in.
    settings: (idp) =>
      Promise.resolve({
        ...blankProviderSettings,
        enabled: true,
        instance: new URL(idp.mastodonInstance).host,
      }),
    // Mastodon never gives an account's address to apps.
    sharesEmail: false,
    website: (idp) => `${idp.mastodonInstance}/@${idp.account.username}`,
  },
  oidcCase("oidc", oidcLabel, oidcLabel),
];

describe("commenter sign-in with every preset", () => {
  let idp: StartedIdentityProvider;
  let reviewId: number;
  const site = browserSite({
    prepare: async (db) => {
      reviewId = (await buildFixture(db)).reviews.vegasReview.id;
    },
    serve: serveAtOwnAddress,
  });

  beforeAll(async () => {
    idp = await startIdentityProvider();
    for (const c of cases) await saveProvider(site.db, c.key, await c.settings(idp, site.base));
  });
  afterAll(async () => {
    await idp?.close();
  });

  const failureNote = () => `site log:\n${siteLog.slice(-5).join("")}`;

  /** From the review page, through the provider, and back to the form signed in. */
  async function signIn(page: Page, label: string): Promise<void> {
    await page.getByRole("button", { name: `Log in with ${label}` }).click();
    try {
      await page.waitForURL((url) => url.origin === idp.origin, { timeout: 15_000 });
    } catch {
      const said = await page.locator("main").textContent();
      throw new Error(
        `The site never sent the reader to the provider. It said: ${said}\n${failureNote()}`,
      );
    }
    await signInAtProvider(page);
    await page.waitForLoadState("load");
    expect(new URL(page.url()).pathname, failureNote()).toBe(`/review/${slug}`);
  }

  /**
   * A reader takes more than a few seconds to write; a comment sent faster is taken for a
   * bot's. The form's token is made as if the page had been opened a minute ago.
   */
  async function ageFormToken(page: Page): Promise<void> {
    const token = await issueFormToken(site.db, reviewId, Date.now() - 60_000);
    await page.$eval(
      '#commentform input[name="token"]',
      (input, value) => ((input as HTMLInputElement).value = value),
      token,
    );
  }

  it.each(cases)(
    "$key: signs in from the comment form and comments as the account",
    async (c) => {
      // The site's own Content Security Policy in force, as a reader has it.
      const { context, page } = await site.newPage({ bypassCSP: false });
      await page.goto(`${site.base}/review/${slug}`);
      const typed = `Typed before logging in with ${c.label}: the casino lights in the rain.`;
      await page.fill("#comment-comment", typed);
      await signIn(page, c.label);

      const identity = page.locator("#commenter-identity");
      expect(await identity.count(), failureNote()).toBe(1);
      expect(await identity.textContent()).toContain(idp.account.name);
      expect(await identity.textContent()).toContain(
        `You are commenting using your ${c.label} account.`,
      );
      // The picture was copied to this site, not linked from the provider.
      expect(await identity.locator("img").getAttribute("src")).toMatch(
        /^\/media\/commenter-avatars\//,
      );
      expect(await page.inputValue("#comment-comment")).toBe(typed);

      await ageFormToken(page);
      await Promise.all([
        page.waitForURL((url) => url.searchParams.has("comment")),
        page.getByRole("button", { name: "Post Comment" }).click(),
      ]);
      const row = await site.db.kysely
        .selectFrom("comments")
        .selectAll()
        .where("body_md", "=", typed)
        .executeTakeFirstOrThrow();
      expect(row.author_name).toBe(idp.account.name);
      expect(row.status).not.toBe("spam");
      if (c.sharesEmail) expect(row.author_email).toBe(idp.account.email);
      else expect(row.author_email).not.toContain("@example.test");
      expect(row.author_url ?? "").toBe(c.website(idp));
      const shown = page.locator(`#comment-${row.id}`);
      expect(await shown.locator(".comment-author").textContent()).toContain(idp.account.name);
      expect(await shown.textContent()).toContain("the casino lights in the rain");
      await context.close();
    },
    120_000,
  );

  it("registers the Mastodon app once and reuses it on a later sign-in", async () => {
    // The Mastodon case above registered it.
    expect(idp.mastodonAppsRegistered()).toBe(1);
    const { context, page } = await site.newPage({ bypassCSP: false });
    await page.goto(`${site.base}/review/${slug}`);
    await signIn(page, "Mastodon");
    expect(await page.locator("#commenter-identity").textContent()).toContain(
      "You are commenting using your Mastodon account.",
    );
    expect(idp.mastodonAppsRegistered()).toBe(1);
    await context.close();
  }, 120_000);

  it("asked no other host for anything", () => {
    expect(site.foreignRequests).toEqual([]);
  });
});
