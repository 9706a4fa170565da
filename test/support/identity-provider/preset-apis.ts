// The provider-specific parts of the test provider: each plain OAuth 2 preset's own paths
// (routed to oidc-provider's authorization and token endpoints) and its profile API in that
// provider's documented JSON shape, plus a Mastodon instance's app registration and
// verify_credentials. Paths are those of the real APIs, so the presets' defaults line up.
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Provider } from "oidc-provider";
import { bearerToken, readBody, sendJson } from "./http.ts";
import type { ProviderStore } from "./store.ts";

export interface ProfileAccount {
  sub: string;
  name: string;
  username: string;
  email: string;
  picture: string;
  profile: string;
}

export type OAuth2Shape = "wordpress" | "x" | "facebook" | "github";

interface ShapePaths {
  authorization: string;
  token: string;
  /** Path and query, as the preset's default address asks. */
  userinfo: string;
}

export const shapePaths: Record<OAuth2Shape, ShapePaths> = {
  wordpress: {
    authorization: "/oauth2/authorize",
    token: "/oauth2/token",
    userinfo: "/rest/v1.1/me",
  },
  x: {
    authorization: "/i/oauth2/authorize",
    token: "/2/oauth2/token",
    userinfo: "/2/users/me?user.fields=profile_image_url",
  },
  facebook: {
    authorization: "/v23.0/dialog/oauth",
    token: "/v23.0/oauth/access_token",
    userinfo: "/v23.0/me?fields=id,name,email,picture,link",
  },
  github: {
    authorization: "/login/oauth/authorize",
    token: "/login/oauth/access_token",
    userinfo: "/user",
  },
};

export const mastodonPaths = {
  authorization: "/oauth/authorize",
  token: "/oauth/token",
  userinfo: "/api/v1/accounts/verify_credentials",
  appRegistration: "/api/v1/apps",
};

/** oidc-provider's own routes, which the preset paths above lead to. */
export const oidcRoutes = { authorization: "/authorize", token: "/token", userinfo: "/userinfo" };

/** The oidc-provider route a preset path stands for, or undefined. */
export function routeAlias(pathname: string): string | undefined {
  const all = [...Object.values(shapePaths), mastodonPaths];
  if (all.some((p) => p.authorization === pathname)) return oidcRoutes.authorization;
  if (all.some((p) => p.token === pathname)) return oidcRoutes.token;
  return undefined;
}

/** Every scope a preset asks for, so each is granted and shows in the token's scope. */
export const presetScopes = [
  "auth",
  "users.read",
  "tweet.read",
  "public_profile",
  "read:user",
  "user:email",
  "read",
  "read:accounts",
];

type Profile = (account: ProfileAccount, scopes: Set<string>, url: URL) => unknown;

function requestedFields(url: URL, param: string, fallback: string[]): Set<string> {
  const value = url.searchParams.get(param);
  return new Set(value ? value.split(",") : fallback);
}

// WordPress.com REST API v1.1, GET /me.
const wordpress: Profile = (a) => ({
  ID: Number(a.sub),
  display_name: a.name,
  username: a.username,
  email: a.email,
  primary_blog: 0,
  language: "en",
  token_site_id: false,
  avatar_URL: a.picture,
  profile_URL: a.profile,
  verified: true,
  email_verified: true,
});

// X API v2, GET /2/users/me: id, name and username unless user.fields asks for more.
const x: Profile = (a, _scopes, url) => {
  const fields = requestedFields(url, "user.fields", []);
  return {
    data: {
      id: a.sub,
      name: a.name,
      username: a.username,
      ...(fields.has("profile_image_url") ? { profile_image_url: a.picture } : {}),
    },
  };
};

// Graph API, GET /me: id and name unless fields asks for more; e-mail needs its permission.
const facebook: Profile = (a, scopes, url) => {
  const fields = requestedFields(url, "fields", ["id", "name"]);
  const all: Record<string, unknown> = {
    id: a.sub,
    name: a.name,
    email: scopes.has("email") ? a.email : undefined,
    picture: { data: { height: 50, width: 50, is_silhouette: false, url: a.picture } },
    link: a.profile,
  };
  return Object.fromEntries(Object.entries(all).filter(([k, v]) => fields.has(k) && v));
};

// GitHub REST API, GET /user (the public profile part of it).
const github: Profile = (a) => ({
  login: a.username,
  id: Number(a.sub),
  node_id: `U_${a.sub}`,
  avatar_url: a.picture,
  html_url: a.profile,
  type: "User",
  site_admin: false,
  name: a.name,
  company: null,
  blog: "",
  location: null,
  email: a.email,
  bio: null,
});

/** Scopes a profile API refuses to answer without, as the provider documents. */
const requiredScopes: Partial<Record<OAuth2Shape, string[]>> = {
  x: ["users.read", "tweet.read"],
};

const profileApis: [string, OAuth2Shape, Profile][] = [
  [shapePaths.wordpress.userinfo, "wordpress", wordpress],
  [shapePaths.x.userinfo, "x", x],
  [shapePaths.facebook.userinfo, "facebook", facebook],
  [shapePaths.github.userinfo, "github", github],
];

/** The access token's scopes, or undefined after a 401 has been sent. */
async function authorize(
  provider: Provider,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<Set<string> | undefined> {
  const token = bearerToken(req);
  const found = token ? await provider.AccessToken.find(token) : undefined;
  if (!found || found.isExpired) {
    sendJson(
      res,
      401,
      { error: "invalid_token", error_description: "The access token is missing or invalid." },
      { "www-authenticate": 'Bearer error="invalid_token"' },
    );
    return undefined;
  }
  return new Set((found.scope ?? "").split(" ").filter(Boolean));
}

function mastodonAccount(a: ProfileAccount, instance: string) {
  return {
    id: a.sub,
    username: a.username,
    acct: a.username,
    display_name: a.name,
    locked: false,
    bot: false,
    discoverable: true,
    group: false,
    created_at: "2024-01-01T00:00:00.000Z",
    note: "",
    url: `${instance}/@${a.username}`,
    uri: `${instance}/users/${a.username}`,
    avatar: a.picture,
    avatar_static: a.picture,
    header: `${instance}/headers/original/missing.png`,
    header_static: `${instance}/headers/original/missing.png`,
    followers_count: 0,
    following_count: 0,
    statuses_count: 0,
    last_status_at: null,
    emojis: [],
    fields: [],
    source: { privacy: "public", sensitive: false, language: "", note: "", fields: [] },
  };
}

// POST /api/v1/apps takes a form or JSON; redirect_uris is one string (URIs split by
// whitespace) or, since Mastodon 4.3, an array.
async function registerMastodonApp(
  req: IncomingMessage,
  res: ServerResponse,
  store: ProviderStore,
): Promise<boolean> {
  const raw = await readBody(req);
  const isJson = (req.headers["content-type"] ?? "").includes("application/json");
  let params: Record<string, unknown>;
  try {
    params = isJson
      ? (JSON.parse(raw) as Record<string, unknown>)
      : Object.fromEntries(new URLSearchParams(raw));
  } catch {
    sendJson(res, 400, { error: "Invalid JSON" });
    return false;
  }
  const name = typeof params.client_name === "string" ? params.client_name.trim() : "";
  const given = params.redirect_uris;
  const uris = (
    Array.isArray(given) ? given.map(String) : (typeof given === "string" ? given : "").split(/\s+/)
  ).filter(Boolean);
  const valid =
    uris.length > 0 && uris.every((u) => URL.canParse(u) && /^https?:$/.test(new URL(u).protocol));
  if (!name || !valid) {
    sendJson(res, 422, {
      error: !name
        ? "Validation failed: Application name can't be blank"
        : "Validation failed: Redirect URI must be an absolute URI.",
    });
    return false;
  }
  const scopes = (typeof params.scopes === "string" ? params.scopes : "read")
    .split(/\s+/)
    .filter(Boolean);
  const clientId = `mastodon-${randomUUID()}`;
  const clientSecret = randomUUID();
  store.addClient(clientId, {
    client_id: clientId,
    client_secret: clientSecret,
    client_name: name,
    redirect_uris: uris,
    grant_types: ["authorization_code"],
    response_types: ["code"],
    // Mastodon refuses an authorization request for scopes the app did not register.
    scope: scopes.join(" "),
  });
  sendJson(res, 200, {
    id: String(Date.now()),
    name,
    website: typeof params.website === "string" ? params.website : null,
    scopes,
    redirect_uri: uris.join("\n"),
    redirect_uris: uris,
    vapid_key: "",
    client_id: clientId,
    client_secret: clientSecret,
    client_secret_expires_at: 0,
  });
  return true;
}

export interface PresetApiState {
  provider: Provider;
  store: ProviderStore;
  account: ProfileAccount;
  origin: string;
  onMastodonApp: () => void;
}

/** Answers a profile API or Mastodon's app registration; false when the path is not one. */
export async function handlePresetApi(
  state: PresetApiState,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<boolean> {
  if (url.pathname === mastodonPaths.appRegistration && req.method === "POST") {
    if (await registerMastodonApp(req, res, state.store)) state.onMastodonApp();
    return true;
  }
  if (req.method !== "GET") return false;
  if (url.pathname === mastodonPaths.userinfo) {
    const scopes = await authorize(state.provider, req, res);
    if (!scopes) return true;
    if (!["read", "read:accounts"].some((s) => scopes.has(s))) {
      sendJson(res, 403, { error: "This action is outside the authorized scopes" });
      return true;
    }
    sendJson(res, 200, mastodonAccount(state.account, state.origin));
    return true;
  }
  const api = profileApis.find(([path]) => new URL(path, url).pathname === url.pathname);
  if (!api) return false;
  const [, shape, profile] = api;
  const scopes = await authorize(state.provider, req, res);
  if (!scopes) return true;
  const missing = (requiredScopes[shape] ?? []).filter((s) => !scopes.has(s));
  if (missing.length > 0) {
    sendJson(res, 403, { title: "Forbidden", detail: `Missing scopes: ${missing.join(", ")}` });
    return true;
  }
  sendJson(res, 200, profile(state.account, scopes, url));
  return true;
}
