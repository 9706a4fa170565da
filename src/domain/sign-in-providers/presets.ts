// The sign-in providers the owner can offer to commenters, as data. Commenter sign-in itself
// (issue 6) reads these to run the OAuth 2 / OpenID Connect flow; the settings page reads
// them for placeholders. Endpoints are the providers' documented ones at the time of
// writing: providers move them (Facebook versions its Graph API), so every one can be
// overridden by the owner without a new release.
import type { ProfileMap } from "./profile-fields.ts";

export type ProviderKind = "oauth2" | "oidc" | "mastodon";

export const endpointNames = ["authorization", "token", "userinfo"] as const;
export type EndpointName = (typeof endpointNames)[number];
export type Endpoints = Record<EndpointName, string>;

interface PresetBase {
  label: string;
  scopes: string[];
  /** Sends a PKCE code challenge (S256) with the authorization request. */
  pkce: boolean;
  /** How name, avatar, profile address and e-mail are read from the userinfo response. */
  profile: ProfileMap;
  /** Where the owner registers the app and gets a client id and secret. */
  registerAt: string;
}

/** Plain OAuth 2: the three endpoints are all there is. */
interface OAuth2Preset extends PresetBase {
  kind: "oauth2";
  endpoints: Endpoints;
}

/**
 * OpenID Connect: the endpoints come from the issuer's discovery document. An issuer with
 * no discovery URL of its own here is the "any issuer" preset: the owner gives one.
 */
interface OidcPreset extends PresetBase {
  kind: "oidc";
  discoveryUrl: string | null;
}

/**
 * Mastodon: the same endpoints on every instance, as paths. Apps are registered on each
 * instance through its API (on first use, issue 6), so the owner gives only the instance.
 */
interface MastodonPreset extends PresetBase {
  kind: "mastodon";
  paths: Endpoints & { appRegistration: string };
}

export type Preset = OAuth2Preset | OidcPreset | MastodonPreset;

export const providerKeys = [
  "wordpress",
  "x",
  "facebook",
  "github",
  "google",
  "mastodon",
  "oidc",
] as const;
export type ProviderKey = (typeof providerKeys)[number];

export function isProviderKey(value: string): value is ProviderKey {
  return (providerKeys as readonly string[]).includes(value);
}

// Standard claims of OpenID Connect Core, section 5.1.
const oidcClaims: ProfileMap = {
  name: ["name", "preferred_username", "nickname"],
  avatar: ["picture"],
  profileUrl: ["profile", "website"],
  email: ["email"],
};

export const presets: Record<ProviderKey, Preset> = {
  wordpress: {
    label: "WordPress.com",
    kind: "oauth2",
    endpoints: {
      authorization: "https://public-api.wordpress.com/oauth2/authorize",
      token: "https://public-api.wordpress.com/oauth2/token",
      userinfo: "https://public-api.wordpress.com/rest/v1.1/me",
    },
    // "auth" is the narrowest scope that still reads /me.
    scopes: ["auth"],
    pkce: false,
    profile: {
      name: ["display_name", "username"],
      avatar: ["avatar_URL"],
      profileUrl: ["profile_URL"],
      email: ["email"],
    },
    registerAt: "https://developer.wordpress.com/apps/",
  },
  x: {
    label: "X",
    kind: "oauth2",
    endpoints: {
      authorization: "https://x.com/i/oauth2/authorize",
      token: "https://api.x.com/2/oauth2/token",
      // Without user.fields the API returns only id, name and username.
      userinfo: "https://api.x.com/2/users/me?user.fields=profile_image_url",
    },
    // X's OAuth 2 needs tweet.read beside users.read even to read the signed-in account.
    scopes: ["users.read", "tweet.read"],
    pkce: true,
    profile: {
      name: ["data.name", "data.username"],
      avatar: ["data.profile_image_url"],
      // X gives a handle, not an address: the profile page is built from it.
      profileUrl: ["https://x.com/{data.username}"],
      // Not given to apps without a separate review by X.
      email: [],
    },
    registerAt: "https://developer.x.com/en/portal/dashboard",
  },
  facebook: {
    label: "Facebook",
    kind: "oauth2",
    endpoints: {
      authorization: "https://www.facebook.com/v23.0/dialog/oauth",
      token: "https://graph.facebook.com/v23.0/oauth/access_token",
      userinfo: "https://graph.facebook.com/v23.0/me?fields=id,name,email,picture,link",
    },
    scopes: ["public_profile", "email"],
    pkce: false,
    profile: {
      name: ["name"],
      avatar: ["picture.data.url"],
      // "link" needs the user_link permission; without it there is no profile address.
      profileUrl: ["link"],
      email: ["email"],
    },
    registerAt: "https://developers.facebook.com/apps/",
  },
  github: {
    label: "GitHub",
    kind: "oauth2",
    endpoints: {
      authorization: "https://github.com/login/oauth/authorize",
      token: "https://github.com/login/oauth/access_token",
      userinfo: "https://api.github.com/user",
    },
    scopes: ["read:user", "user:email"],
    pkce: true,
    profile: {
      // A GitHub account need not have a display name; the login always exists.
      name: ["name", "login"],
      avatar: ["avatar_url"],
      profileUrl: ["html_url"],
      // Empty when the address is private.
      email: ["email"],
    },
    registerAt: "https://github.com/settings/developers",
  },
  google: {
    label: "Google",
    kind: "oidc",
    discoveryUrl: "https://accounts.google.com/.well-known/openid-configuration",
    scopes: ["openid", "profile", "email"],
    pkce: true,
    profile: { ...oidcClaims, profileUrl: [] },
    registerAt: "https://console.cloud.google.com/apis/credentials",
  },
  mastodon: {
    label: "Mastodon",
    kind: "mastodon",
    paths: {
      authorization: "/oauth/authorize",
      token: "/oauth/token",
      userinfo: "/api/v1/accounts/verify_credentials",
      appRegistration: "/api/v1/apps",
    },
    scopes: ["read:accounts"],
    // Instances before Mastodon 4.3 ignore the challenge; it costs them nothing.
    pkce: true,
    profile: {
      name: ["display_name", "username"],
      avatar: ["avatar"],
      profileUrl: ["url"],
      // Mastodon never gives an account's e-mail to apps.
      email: [],
    },
    registerAt: "",
  },
  oidc: {
    label: "OpenID Connect",
    kind: "oidc",
    discoveryUrl: null,
    scopes: ["openid", "profile", "email"],
    pkce: true,
    profile: oidcClaims,
    registerAt: "",
  },
};

/** What a preset's endpoint is when the owner overrides nothing; null when found by discovery. */
export function defaultEndpoint(preset: Preset, name: EndpointName, instance = ""): string | null {
  switch (preset.kind) {
    case "oauth2":
      return preset.endpoints[name];
    case "mastodon":
      return instance ? `https://${instance}${preset.paths[name]}` : null;
    case "oidc":
      return null;
  }
}
