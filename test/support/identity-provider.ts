// A real OpenID Provider for tests (oidc-provider) on a loopback port, which also answers as
// each sign-in preset's provider: the plain OAuth 2 presets' own paths and profile APIs
// (GitHub's /user, X's /2/users/me, …) and a Mastodon instance. Every successful sign-in is
// the same account. One node:http server dispatches the provider-specific paths itself and
// hands the rest to oidc-provider.
import { generateKeyPairSync, randomBytes, randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import Provider, { interactionPolicy } from "oidc-provider";
import type { Page } from "playwright-core";
import { sendHtml } from "./identity-provider/http.ts";
import { handleInteraction } from "./identity-provider/interactions.ts";
import {
  handlePresetApi,
  oidcRoutes,
  presetScopes,
  routeAlias,
  shapePaths,
  type OAuth2Shape,
} from "./identity-provider/preset-apis.ts";
import { ProviderStore, tokenRequestAuthMethod } from "./identity-provider/store.ts";

export interface TestAccount {
  sub: string;
  name: string;
  username: string;
  email: string;
  picture: string;
  profile: string;
}

export interface StartedIdentityProvider {
  /** "http://127.0.0.1:PORT" */
  origin: string;
  /** OIDC issuer; discovery at `${issuer}/.well-known/openid-configuration`. */
  issuer: string;
  /** Who every successful login signs in as. */
  account: TestAccount;
  /** A confidential client; client_secret_basic and client_secret_post both accepted. */
  addClient(redirectUris: string[]): Promise<{ clientId: string; clientSecret: string }>;
  /** The preset's endpoints here; userinfo answers in that preset's own JSON shape. */
  endpointsFor(preset: OAuth2Shape | "google"): {
    authorization: string;
    token: string;
    userinfo: string;
  };
  /** An origin that answers as a Mastodon instance (app registration, OAuth, verify_credentials). */
  mastodonInstance: string;
  mastodonAppsRegistered(): number;
  /** The next token request fails with invalid_grant (the code comes back expired). */
  expireNextCode(): void;
  close(): Promise<void>;
}

// An RSA key takes a moment to make; one serves every provider of a test run.
let signingKey: Record<string, unknown> | undefined;
function signingJwk(): Record<string, unknown> {
  signingKey ??= {
    ...generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ format: "jwk" }),
    kid: "test-signing-key",
    use: "sig",
    alg: "RS256",
  };
  return signingKey;
}

/** What the provider's login form takes (any password does). */
const testLogin = "zoet";

function accountAt(origin: string): TestAccount {
  return {
    sub: "24601",
    // Not plain ASCII, so a page that mangles UTF-8 shows it.
    name: "Zoë Tenenbaum",
    username: testLogin,
    email: "zoe@example.test",
    picture: `${origin}/avatars/zoet.png`,
    profile: `${origin}/people/zoet`,
  };
}

// A 4×4 violet PNG: a picture the site can copy and re-encode.
const avatarPng = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAQAAAAECAIAAAAmkwkpAAAACXBIWXMAAAPoAAAD6AG1e1JrAAAAEElEQVQImWOoiFoARwzEcQBXEhchVSaMxQAAAABJRU5ErkJggg==",
  "base64",
);

function configuration(store: ProviderStore, account: TestAccount): Record<string, unknown> {
  const policy = interactionPolicy.base();
  // Real providers often skip consent for an app already allowed; asking every time keeps the
  // pages a test walks through the same on every sign-in, and lets any sign-in be refused.
  policy
    .get("consent")
    ?.checks.add(
      new interactionPolicy.Check("every_sign_in", "consent is asked on every sign-in", (ctx) =>
        ctx.oidc.result && "consent" in ctx.oidc.result
          ? interactionPolicy.Check.NO_NEED_TO_PROMPT
          : interactionPolicy.Check.REQUEST_PROMPT,
      ),
    );
  return {
    adapter: store.adapterFor,
    findAccount: (_ctx: unknown, id: string) =>
      id === account.sub
        ? {
            accountId: id,
            claims: () => ({
              sub: account.sub,
              name: account.name,
              preferred_username: account.username,
              picture: account.picture,
              profile: account.profile,
              email: account.email,
              email_verified: true,
            }),
          }
        : undefined,
    claims: {
      openid: ["sub"],
      profile: ["name", "preferred_username", "picture", "profile"],
      email: ["email", "email_verified"],
    },
    scopes: ["openid", "offline_access", "profile", "email", ...presetScopes],
    responseTypes: ["code"],
    features: { devInteractions: { enabled: false } },
    interactions: {
      policy,
      url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}`,
    },
    // Optional, as some presets send no challenge; checked whenever one was sent.
    pkce: { methods: ["S256"], required: () => false },
    routes: oidcRoutes,
    ttl: {
      AccessToken: 600,
      AuthorizationCode: 60,
      IdToken: 600,
      Interaction: 600,
      Session: 3600,
      Grant: 3600,
      RefreshToken: 3600,
    },
    cookies: { keys: [randomBytes(16).toString("hex")] },
    jwks: { keys: [signingJwk()] },
    clientBasedCORS: () => false,
    renderError: (
      ctx: { type: string; body: string },
      out: { error: string; error_description?: string },
    ) => {
      const text = `${out.error}: ${out.error_description ?? ""}`.replace(/[<>&]/g, "");
      ctx.type = "html";
      ctx.body = `<!doctype html><title>Error</title><p role="alert">${text}</p>`;
    },
  };
}

export async function startIdentityProvider(): Promise<StartedIdentityProvider> {
  const store = new ProviderStore();
  let handler: http.RequestListener = (_req, res) => res.writeHead(503).end();
  const server = http.createServer((req, res) => handler(req, res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const account = accountAt(origin);
  const provider = new Provider(origin, configuration(store, account));
  const oidc = provider.callback();
  let mastodonApps = 0;
  const apiState = {
    provider,
    store,
    account,
    origin,
    onMastodonApp: () => void mastodonApps++,
  };

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", origin);
    if (await handleInteraction(provider, account, req, res, url.pathname)) return;
    if (await handlePresetApi(apiState, req, res, url)) return;
    if (url.pathname.startsWith("/avatars/")) {
      res.writeHead(200, { "content-type": "image/png" }).end(avatarPng);
      return;
    }
    const route = routeAlias(url.pathname);
    if (route) req.url = `${route}${url.search}`;
    if ((route ?? url.pathname) === oidcRoutes.token) {
      const basic = /^Basic\s/i.test(req.headers.authorization ?? "");
      return tokenRequestAuthMethod.run(basic ? "client_secret_basic" : "client_secret_post", () =>
        oidc(req, res),
      );
    }
    oidc(req, res);
  }
  handler = (req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendHtml(res, 500, `<p>${String(error)}</p>`);
      else res.end();
    });
  };

  return {
    origin,
    issuer: origin,
    account,
    addClient(redirectUris) {
      const clientId = `client-${randomUUID()}`;
      const clientSecret = randomBytes(24).toString("base64url");
      store.addClient(clientId, {
        client_id: clientId,
        client_secret: clientSecret,
        client_name: "Cinelog test site",
        redirect_uris: redirectUris,
        grant_types: ["authorization_code"],
        response_types: ["code"],
      });
      return Promise.resolve({ clientId, clientSecret });
    },
    endpointsFor(preset) {
      const paths = preset === "google" ? oidcRoutes : shapePaths[preset];
      return {
        authorization: `${origin}${paths.authorization}`,
        token: `${origin}${paths.token}`,
        userinfo: `${origin}${paths.userinfo}`,
      };
    },
    mastodonInstance: origin,
    mastodonAppsRegistered: () => mastodonApps,
    expireNextCode: () => store.expireNextCode(),
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

/**
 * Walks the provider's pages in the browser, as a person would: the login form (skipped when
 * the provider remembers the browser), then the consent page, where `answer` is clicked.
 * Returns once the provider has sent the browser back to the site.
 */
async function answerAtProvider(page: Page, answer: "form#consent" | "form#refuse") {
  await page.waitForSelector('form[action^="/interaction/"]');
  const providerOrigin = new URL(page.url()).origin;
  if (await page.$("form#login")) {
    await page.fill('form#login input[name="login"]', testLogin);
    await page.fill('form#login input[name="password"]', "any password will do");
    await Promise.all([page.waitForSelector(answer), page.click("form#login button")]);
  }
  await Promise.all([
    page.waitForURL((url) => url.origin !== providerOrigin),
    page.click(`${answer} button`),
  ]);
}

/** Signs in at the provider the page has been sent to, and allows access. */
export async function signInAtProvider(page: Page): Promise<void> {
  await answerAtProvider(page, "form#consent");
}

/** Signs in but refuses at consent: the provider sends the browser back with access_denied. */
export async function refuseAtProvider(page: Page): Promise<void> {
  await answerAtProvider(page, "form#refuse");
}
