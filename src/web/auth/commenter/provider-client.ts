// The OAuth 2 / OpenID Connect client for one provider, built from its preset and what the
// owner set: discovery for OpenID Connect issuers (the owner's discovery address first), a
// configuration written from the preset's endpoints for plain OAuth 2 and Mastodon, and on
// Mastodon the app registered on the instance at its first sign-in. Every endpoint must be
// https; plain http is allowed only for a provider on this machine (tests, a local issuer).
import type * as client from "openid-client";
import type { Db } from "../../../db/connect.ts";
import { openidClient } from "./openid-client-module.ts";
import {
  findMastodonApp,
  keepMastodonApp,
} from "../../../domain/commenter-sign-in/mastodon-apps.ts";
import {
  presets,
  type Preset,
  type ProviderKey,
} from "../../../domain/sign-in-providers/presets.ts";
import {
  loadProviderSettings,
  redirectUriFor,
  type ProviderSettings,
} from "../../../domain/sign-in-providers/provider-settings.ts";
import type { ProfileMap } from "../../../domain/sign-in-providers/profile-fields.ts";

/** Seconds any one request to a provider may take before the sign-in gives up. */
const providerTimeoutSeconds = 10;

const loopbackHosts = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** A provider's address is https, or plain http on this machine. */
function isLoopback(url: URL): boolean {
  return loopbackHosts.has(url.hostname);
}

function allowedUrl(value: string): URL {
  const url = new URL(value);
  if (url.protocol === "https:" || (url.protocol === "http:" && isLoopback(url))) return url;
  throw new ProviderSetupError(`Refusing a provider address that is not https: ${url.origin}`);
}

/** The owner's settings do not make a working client (off, or an address refused). */
export class ProviderSetupError extends Error {}

export interface ProviderClient {
  key: ProviderKey;
  preset: Preset;
  label: string;
  config: client.Configuration;
  redirectUri: string;
  /** Where the profile is read; for OpenID Connect the discovered one unless overridden. */
  userinfoUrl: URL;
  profile: ProfileMap;
  /** Mastodon account ids are per instance: the subject names the instance too. */
  subjectSuffix: string;
  /** True when the provider runs on this machine (its avatar may be fetched over http). */
  local: boolean;
}

export async function providerClient(
  db: Db,
  key: ProviderKey,
  siteUrl: string,
): Promise<ProviderClient> {
  const preset = presets[key];
  const settings = await loadProviderSettings(db, key);
  if (!settings.enabled) throw new ProviderSetupError(`${key} is not enabled`);
  const oidc = await openidClient();
  const redirectUri = redirectUriFor(siteUrl, key);
  const label = settings.label || preset.label;
  const base = { key, preset, label, redirectUri, profile: preset.profile };
  switch (preset.kind) {
    case "oidc": {
      const discoveryUrl = allowedUrl(settings.discoveryUrl || preset.discoveryUrl || "");
      const insecure = discoveryUrl.protocol === "http:";
      const config = await oidc.discovery(
        discoveryUrl,
        settings.clientId,
        { client_secret: settings.clientSecret || undefined, redirect_uris: [redirectUri] },
        settings.clientSecret ? undefined : oidc.None(),
        {
          timeout: providerTimeoutSeconds,
          execute: insecure ? [oidc.allowInsecureRequests] : [],
        },
      );
      const metadata = config.serverMetadata();
      // The owner's overrides win over what discovery said.
      // Only the metadata's own values: the helper methods beside them are not metadata.
      const discovered = JSON.parse(JSON.stringify(metadata)) as client.ServerMetadata;
      const overridden: client.ServerMetadata = {
        ...discovered,
        ...(settings.authorizationUrl ? { authorization_endpoint: settings.authorizationUrl } : {}),
        ...(settings.tokenUrl ? { token_endpoint: settings.tokenUrl } : {}),
        ...(settings.userinfoUrl ? { userinfo_endpoint: settings.userinfoUrl } : {}),
      };
      // Basic is the default of the standard; some issuers take only the secret in the body.
      const methods = metadata.token_endpoint_auth_methods_supported;
      const auth = methods && !methods.includes("client_secret_basic") ? "post" : "basic";
      return { ...base, ...withOverrides(oidc, overridden, settings, auth), subjectSuffix: "" };
    }
    case "oauth2": {
      const metadata = manualMetadata(settings, preset.endpoints);
      // X wants the client's secret in the Authorization header; the others in the body.
      const auth = key === "x" ? "basic" : "post";
      return { ...base, ...withOverrides(oidc, metadata, settings, auth), subjectSuffix: "" };
    }
    case "mastodon": {
      const instance = instanceOrigin(settings.instance);
      const paths = preset.paths;
      const metadata = manualMetadata(settings, {
        authorization: `${instance}${paths.authorization}`,
        token: `${instance}${paths.token}`,
        userinfo: `${instance}${paths.userinfo}`,
      });
      const app = await mastodonApp(db, instance, redirectUri, preset.scopes);
      const built = withOverrides(
        oidc,
        metadata,
        { ...settings, clientId: app.clientId, clientSecret: app.clientSecret },
        "post",
      );
      return { ...base, ...built, subjectSuffix: `@${new URL(instance).host}` };
    }
  }
}

/** A Mastodon instance by host name: https, except one on this machine. */
function instanceOrigin(host: string): string {
  const url = new URL(`https://${host}`);
  return isLoopback(url) ? `http://${url.host}` : url.origin;
}

function manualMetadata(
  settings: ProviderSettings,
  endpoints: { authorization: string; token: string; userinfo: string },
): client.ServerMetadata {
  const authorization = settings.authorizationUrl || endpoints.authorization;
  return {
    // Plain OAuth 2 has no issuer; the authorization server's origin stands in for it.
    issuer: new URL(authorization).origin,
    authorization_endpoint: authorization,
    token_endpoint: settings.tokenUrl || endpoints.token,
    userinfo_endpoint: settings.userinfoUrl || endpoints.userinfo,
  };
}

function withOverrides(
  oidc: typeof client,
  metadata: client.ServerMetadata,
  settings: Pick<ProviderSettings, "clientId" | "clientSecret">,
  auth: "basic" | "post",
): { config: client.Configuration; userinfoUrl: URL; local: boolean } {
  const endpoints = [
    metadata.authorization_endpoint,
    metadata.token_endpoint,
    metadata.userinfo_endpoint,
  ].map((e) => allowedUrl(e ?? ""));
  const secret = settings.clientSecret;
  const config = new oidc.Configuration(
    metadata,
    settings.clientId,
    secret || undefined,
    !secret
      ? oidc.None()
      : auth === "basic"
        ? oidc.ClientSecretBasic(secret)
        : oidc.ClientSecretPost(secret),
  );
  const local = endpoints.some((url) => url.protocol === "http:");
  if (local) oidc.allowInsecureRequests(config);
  config.timeout = providerTimeoutSeconds;
  return { config, userinfoUrl: endpoints[2]!, local };
}

/** The app this site has on a Mastodon instance, registered there on first use. */
async function mastodonApp(
  db: Db,
  instance: string,
  redirectUri: string,
  scopes: string[],
): Promise<{ clientId: string; clientSecret: string }> {
  const known = await findMastodonApp(db, instance, redirectUri);
  if (known) return known;
  const response = await fetch(`${instance}/api/v1/apps`, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json" },
    body: JSON.stringify({
      client_name: new URL(redirectUri).host,
      redirect_uris: redirectUri,
      scopes: scopes.join(" "),
      website: new URL(redirectUri).origin,
    }),
    redirect: "error",
    signal: AbortSignal.timeout(providerTimeoutSeconds * 1000),
  });
  const body = (await response.json()) as { client_id?: unknown; client_secret?: unknown };
  if (
    !response.ok ||
    typeof body.client_id !== "string" ||
    typeof body.client_secret !== "string"
  ) {
    throw new Error(`the instance refused to register the app (${response.status})`);
  }
  return keepMastodonApp(db, instance, redirectUri, {
    clientId: body.client_id,
    clientSecret: body.client_secret,
  });
}
