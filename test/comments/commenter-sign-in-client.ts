// Drives commenter sign-in over HTTP against the real app and the real test provider: the
// comment form posted to /auth/KEY/start, the provider's pages walked by fetch, and the
// callback answered with the browser's cookies.
import { parseHTML } from "linkedom";
import { afterAll, beforeAll, expect } from "vitest";
import type { Db, Dialect } from "../../src/db/connect.ts";
import type { ProviderKey } from "../../src/domain/sign-in-providers/presets.ts";
import {
  blankProviderSettings,
  saveProvider,
  type ProviderSettings,
} from "../../src/domain/sign-in-providers/provider-settings.ts";
import { appFor, textOf } from "../support/app.ts";
import { openTestDb, type TestDb } from "../support/databases.ts";
import { buildFixture } from "../support/fixture.ts";
import {
  startIdentityProvider,
  type StartedIdentityProvider,
} from "../support/identity-provider.ts";
import { CookieJar, signInByFetch } from "../support/identity-provider/http-sign-in.ts";
import { textareaValue, tokenFor } from "./post-comment.ts";

export type App = ReturnType<typeof appFor>;
/** The site's address in these tests: the default SITE_URL of a test config. */
export const site = "http://127.0.0.1:4000";
export const page = "/review/leaving-las-vegas-1995";
export const typed = "Typed before logging in — the *saxophone* again.";

export interface SignInSite {
  db: TestDb;
  app: App;
  idp: StartedIdentityProvider;
  vegas: { id: number; slug: string };
}

/**
 * The fixture site on `dialect` with a test provider, and three providers enabled on it:
 * OpenID Connect (by discovery), GitHub (its endpoints pointed at the provider) and Mastodon.
 * Filled in by beforeAll.
 */
export function signInSite(dialect: Dialect): SignInSite {
  const s = {} as SignInSite;
  beforeAll(async () => {
    s.db = await openTestDb(dialect);
    s.vegas = (await buildFixture(s.db)).reviews.vegasReview;
    s.app = appFor(s.db, { commentRateLimits: false, pageCache: true });
    s.idp = await startIdentityProvider();
    const oidc = await s.idp.addClient([`${site}/auth/oidc/callback`]);
    await enableProvider(s.db, "oidc", {
      clientId: oidc.clientId,
      clientSecret: oidc.clientSecret,
      discoveryUrl: `${s.idp.issuer}/.well-known/openid-configuration`,
    });
    const github = await s.idp.addClient([`${site}/auth/github/callback`]);
    const endpoints = s.idp.endpointsFor("github");
    await enableProvider(s.db, "github", {
      clientId: github.clientId,
      clientSecret: github.clientSecret,
      authorizationUrl: endpoints.authorization,
      tokenUrl: endpoints.token,
      userinfoUrl: endpoints.userinfo,
    });
    await enableProvider(s.db, "mastodon", { instance: new URL(s.idp.mastodonInstance).host });
  }, 60_000);
  afterAll(async () => {
    await s.idp?.close();
    await s.db?.dispose();
  });
  return s;
}

/** The review page again, with `message` at the form and the typed comment in it. */
export async function expectDraftBack(
  response: Response,
  message: string | undefined,
  status: number,
): Promise<void> {
  const html = await response.text();
  expect(response.status).toBe(status);
  const { document } = parseHTML(html);
  const respond = document.querySelector("#respond");
  expect(respond).not.toBeNull();
  if (message) expect(textOf(respond?.querySelector(".form-problems"))).toBe(message);
  expect(textareaValue(document.querySelector("#commentform textarea"))).toBe(typed);
}

export async function enableProvider(
  db: Db,
  key: ProviderKey,
  settings: Partial<ProviderSettings>,
): Promise<void> {
  await saveProvider(db, key, { ...blankProviderSettings, enabled: true, ...settings });
}

export interface Draft {
  comment?: string;
  name?: string;
  email?: string;
  url?: string;
  parent_id?: string;
  return_to?: string;
  token?: string;
}

/** Posts the comment form through a provider's button (its formaction). */
export async function postToStart(
  app: App,
  db: Db,
  review: { id: number; slug: string },
  provider: string,
  jar: CookieJar,
  draft: Draft = {},
  headers: Record<string, string> = {},
): Promise<Response> {
  const body = new URLSearchParams({
    comment: draft.comment ?? "",
    name: draft.name ?? "",
    email: draft.email ?? "",
    url: draft.url ?? "",
    fax: "",
    parent_id: draft.parent_id ?? "",
    return_to: draft.return_to ?? `/review/${review.slug}`,
    token: draft.token ?? (await tokenFor(db, review.id)),
  });
  const response = await app.request(`${site}/auth/${provider}/start`, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      cookie: jar.header(),
      ...headers,
    },
    body,
  });
  jar.take(response);
  return response;
}

/** The provider address the "Logging in with …" page sends the reader on to. */
export async function authorizationUrlOf(response: Response): Promise<URL> {
  const html = await response.text();
  const { document } = parseHTML(html);
  const link = document.querySelector(".sign-in-leaving a");
  if (response.status !== 200 || !link) throw new Error(`no way on (${response.status}): ${html}`);
  const refresh = document.querySelector('meta[http-equiv="refresh"]')?.getAttribute("content");
  const url = new URL(link.getAttribute("href")!);
  if (refresh !== `0; url=${url.href}`) throw new Error(`the page does not move on: ${refresh}`);
  return url;
}

/** Answers the provider's redirect back to the site, as the browser would. */
export async function callback(app: App, url: URL, jar: CookieJar): Promise<Response> {
  const response = await app.request(`${site}${url.pathname}${url.search}`, {
    headers: { cookie: jar.header() },
  });
  jar.take(response);
  return response;
}

/** The whole round trip: start, the provider's pages, the callback. */
export async function signInThrough(
  app: App,
  db: Db,
  review: { id: number; slug: string },
  provider: string,
  jar: CookieJar,
  draft: Draft = {},
  options: { refuse?: boolean } = {},
): Promise<Response> {
  const start = await postToStart(app, db, review, provider, jar, draft);
  const back = await signInByFetch((await authorizationUrlOf(start)).href, options);
  return callback(app, back, jar);
}

export async function pageWith(app: App, path: string, jar: CookieJar) {
  const response = await app.request(`${site}${path}`, { headers: { cookie: jar.header() } });
  jar.take(response);
  const html = await response.text();
  return { response, html, document: parseHTML(html).document };
}

export { CookieJar };
