// The test OpenID Provider itself, driven by plain fetch and by openid-client: the sign-in
// tests of issue 6 stand on it, so it must behave as the real providers do where they rely
// on it (PKCE checked when sent, codes single-use, each preset's profile shape).
import { createHash, randomBytes } from "node:crypto";
import * as client from "openid-client";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { presets } from "../../src/domain/sign-in-providers/presets.ts";
import { readProfile } from "../../src/domain/sign-in-providers/profile-fields.ts";
import {
  startIdentityProvider,
  type StartedIdentityProvider,
} from "../support/identity-provider.ts";
import {
  authorizationUrl,
  CookieJar,
  signInByFetch,
  tokenRequest,
} from "../support/identity-provider/http-sign-in.ts";

const redirectUri = "http://127.0.0.1:9/auth/test/callback";
let idp: StartedIdentityProvider;

beforeAll(async () => {
  idp = await startIdentityProvider();
});
afterAll(async () => {
  await idp?.close();
});

/** Signs in through a plain OAuth 2 shape and returns the code from the redirect. */
async function codeFor(
  shape: "wordpress" | "x" | "facebook" | "github",
  clientId: string,
  extra: Record<string, string> = {},
): Promise<string> {
  const state = randomBytes(8).toString("hex");
  const back = await signInByFetch(
    authorizationUrl(idp.endpointsFor(shape).authorization, {
      client_id: clientId,
      redirect_uri: redirectUri,
      scope: presets[shape].scopes.join(" "),
      state,
      ...extra,
    }),
  );
  expect(`${back.origin}${back.pathname}`).toBe(redirectUri);
  expect(back.searchParams.get("state")).toBe(state);
  const code = back.searchParams.get("code");
  expect(code).toBeTruthy();
  return code!;
}

/** A new client signed in through a shape: its access token and granted scope. */
async function tokenFor(
  shape: "wordpress" | "x" | "facebook" | "github",
  auth: "basic" | "post",
  extra: Record<string, string> = {},
): Promise<{ accessToken: string; scope: string }> {
  const credentials = await idp.addClient([redirectUri]);
  const code = await codeFor(shape, credentials.clientId, extra);
  const body = { code, redirect_uri: redirectUri };
  const tokens = await tokenRequest(idp.endpointsFor(shape).token, body, credentials, auth);
  expect(tokens.status).toBe(200);
  const json = (await tokens.json()) as { access_token: string; scope: string };
  return { accessToken: json.access_token, scope: json.scope };
}

const bearer = (accessToken: string) => ({ headers: { authorization: `Bearer ${accessToken}` } });

describe("plain OAuth 2 presets", () => {
  it.each(["wordpress", "x", "facebook", "github"] as const)(
    "%s: code flow at the preset's own paths, profile in its shape",
    async (shape) => {
      // X takes HTTP Basic; the others the secret in the body.
      const { accessToken } = await tokenFor(shape, shape === "x" ? "basic" : "post");
      const profile = await fetch(idp.endpointsFor(shape).userinfo, bearer(accessToken));
      expect(profile.status).toBe(200);
      const read = readProfile(await profile.json(), presets[shape].profile);
      expect(read.name).toBe(idp.account.name);
      expect(read.avatar).toBe(idp.account.picture);
      if (shape === "x") expect(read.profileUrl).toBe(`https://x.com/${idp.account.username}`);
      else expect(read.profileUrl).toBe(idp.account.profile);
      expect(read.email).toBe(shape === "x" ? "" : idp.account.email);
    },
  );

  it("serves the presets' default paths, so overriding the origin is enough", () => {
    for (const shape of ["wordpress", "x", "facebook", "github"] as const) {
      const preset = presets[shape];
      if (preset.kind !== "oauth2") throw new Error(`${shape} is not plain OAuth 2`);
      const ours = idp.endpointsFor(shape);
      for (const name of ["authorization", "token", "userinfo"] as const) {
        const theirs = new URL(preset.endpoints[name]);
        expect(`${idp.origin}${theirs.pathname}${theirs.search}`).toBe(ours[name]);
      }
    }
  });

  it("answers GitHub's shape field by field and refuses a missing or unknown token", async () => {
    const { accessToken, scope } = await tokenFor("github", "basic");
    // Scopes the provider does not list (a real GitHub's read:user) do not break the flow.
    expect(scope.split(" ").sort()).toEqual(["read:user", "user:email"]);
    const user = await fetch(idp.endpointsFor("github").userinfo, bearer(accessToken));
    expect(await user.json()).toMatchObject({
      login: idp.account.username,
      name: idp.account.name,
      avatar_url: idp.account.picture,
      html_url: idp.account.profile,
      email: idp.account.email,
    });
    // The picture is there to be copied: a real image.
    const picture = await fetch(idp.account.picture);
    expect(picture.headers.get("content-type")).toBe("image/png");
    expect(await sharp(Buffer.from(await picture.arrayBuffer())).metadata()).toMatchObject({
      format: "png",
      width: 4,
    });
    expect((await fetch(idp.endpointsFor("github").userinfo)).status).toBe(401);
    const forged = await fetch(idp.endpointsFor("github").userinfo, bearer("not-a-token"));
    expect(forged.status).toBe(401);
  });

  it("lets a scope it has never heard of through", async () => {
    const { scope } = await tokenFor("github", "post", { scope: "read:user made-up:scope" });
    expect(scope).toBe("read:user");
  });

  it("answers X's profile without the avatar unless user.fields asks for it", async () => {
    const { accessToken } = await tokenFor("x", "basic");
    const bare = await fetch(`${idp.origin}/2/users/me`, bearer(accessToken));
    expect(await bare.json()).toEqual({
      data: { id: idp.account.sub, name: idp.account.name, username: idp.account.username },
    });
  });

  it("refuses X's profile to a token without tweet.read, as X does", async () => {
    const { accessToken } = await tokenFor("x", "post", { scope: "users.read" });
    const me = await fetch(idp.endpointsFor("x").userinfo, bearer(accessToken));
    expect(me.status).toBe(403);
  });
});

describe("PKCE", () => {
  const verifier = randomBytes(32).toString("base64url");
  const challenge = createHash("sha256").update(verifier).digest("base64url");

  it("checks the verifier when a challenge was sent", async () => {
    const credentials = await idp.addClient([redirectUri]);
    const pkce = { code_challenge: challenge, code_challenge_method: "S256" };
    const token = idp.endpointsFor("x").token;

    const wrong = await tokenRequest(
      token,
      {
        code: await codeFor("x", credentials.clientId, pkce),
        redirect_uri: redirectUri,
        code_verifier: randomBytes(32).toString("base64url"),
      },
      credentials,
      "basic",
    );
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toMatchObject({ error: "invalid_grant" });

    const missing = await tokenRequest(
      token,
      { code: await codeFor("x", credentials.clientId, pkce), redirect_uri: redirectUri },
      credentials,
      "basic",
    );
    expect(missing.status).toBe(400);

    const right = await tokenRequest(
      token,
      {
        code: await codeFor("x", credentials.clientId, pkce),
        redirect_uri: redirectUri,
        code_verifier: verifier,
      },
      credentials,
      "basic",
    );
    expect(right.status).toBe(200);
  });
});

describe("codes", () => {
  it("fails the next token request with invalid_grant after expireNextCode, then recovers", async () => {
    const credentials = await idp.addClient([redirectUri]);
    const token = idp.endpointsFor("github").token;
    idp.expireNextCode();
    const expired = await tokenRequest(
      token,
      { code: await codeFor("github", credentials.clientId), redirect_uri: redirectUri },
      credentials,
      "post",
    );
    expect(expired.status).toBe(400);
    expect(await expired.json()).toMatchObject({ error: "invalid_grant" });

    const code = await codeFor("github", credentials.clientId);
    const fresh = await tokenRequest(
      token,
      { code, redirect_uri: redirectUri },
      credentials,
      "post",
    );
    expect(fresh.status).toBe(200);
    // And a code is good once.
    const again = await tokenRequest(
      token,
      { code, redirect_uri: redirectUri },
      credentials,
      "post",
    );
    expect(again.status).toBe(400);
  });

  it("refuses a redirect_uri the client did not register, and a wrong secret", async () => {
    const credentials = await idp.addClient([redirectUri]);
    const unregistered = await fetch(
      authorizationUrl(idp.endpointsFor("github").authorization, {
        client_id: credentials.clientId,
        redirect_uri: "http://127.0.0.1:9/elsewhere",
        scope: "read:user",
        state: "s",
      }),
      { redirect: "manual" },
    );
    expect(unregistered.status).toBe(400);
    expect(await unregistered.text()).toContain("redirect_uri");

    const wrongSecret = await tokenRequest(
      idp.endpointsFor("github").token,
      { code: await codeFor("github", credentials.clientId), redirect_uri: redirectUri },
      { ...credentials, clientSecret: "not the secret" },
      "post",
    );
    expect(wrongSecret.status).toBe(401);
  });

  it("sends the reader back with access_denied when consent is refused", async () => {
    const credentials = await idp.addClient([redirectUri]);
    const back = await signInByFetch(
      authorizationUrl(idp.endpointsFor("facebook").authorization, {
        client_id: credentials.clientId,
        redirect_uri: redirectUri,
        scope: "public_profile email",
        state: "kept",
      }),
      { refuse: true },
    );
    expect(back.searchParams.get("error")).toBe("access_denied");
    expect(back.searchParams.get("state")).toBe("kept");
    expect(back.searchParams.has("code")).toBe(false);
  });

  it("remembers the signed-in browser: the second sign-in skips the login form", async () => {
    const credentials = await idp.addClient([redirectUri]);
    const jar = new CookieJar();
    const url = authorizationUrl(idp.endpointsFor("github").authorization, {
      client_id: credentials.clientId,
      redirect_uri: redirectUri,
      scope: "read:user",
      state: "s",
    });
    await signInByFetch(url, { jar });
    // A login that does not exist would fail if the form were shown again.
    const back = await signInByFetch(url, { jar, login: "nobody" });
    expect(back.searchParams.get("code")).toBeTruthy();
  });
});

describe("OpenID Connect by discovery", () => {
  it("signs in with openid-client: discovery, PKCE, nonce, ID token and userinfo", async () => {
    const credentials = await idp.addClient([redirectUri]);
    const config = await client.discovery(
      new URL(`${idp.issuer}/.well-known/openid-configuration`),
      credentials.clientId,
      credentials.clientSecret,
      undefined,
      { execute: [client.allowInsecureRequests] },
    );
    expect(config.serverMetadata().issuer).toBe(idp.issuer);
    const endpoints = idp.endpointsFor("google");
    expect(config.serverMetadata().authorization_endpoint).toBe(endpoints.authorization);
    expect(config.serverMetadata().token_endpoint).toBe(endpoints.token);
    expect(config.serverMetadata().userinfo_endpoint).toBe(endpoints.userinfo);

    const verifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const nonce = client.randomNonce();
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope: presets.google.scopes.join(" "),
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: "S256",
      state,
      nonce,
    });
    const back = await signInByFetch(url.toString());
    const tokens = await client.authorizationCodeGrant(config, back, {
      pkceCodeVerifier: verifier,
      expectedState: state,
      expectedNonce: nonce,
    });
    const claims = tokens.claims()!;
    expect(claims.sub).toBe(idp.account.sub);
    const userinfo = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
    const read = readProfile(userinfo, presets.oidc.profile);
    expect(read).toEqual({
      name: idp.account.name,
      avatar: idp.account.picture,
      profileUrl: idp.account.profile,
      email: idp.account.email,
    });
  });
});

describe("Mastodon instance", () => {
  it("registers apps, counts them, and signs in through the instance's paths", async () => {
    const instance = idp.mastodonInstance;
    const before = idp.mastodonAppsRegistered();
    const preset = presets.mastodon;
    if (preset.kind !== "mastodon") throw new Error("mastodon preset is not of the Mastodon kind");

    const refused = await fetch(`${instance}${preset.paths.appRegistration}`, {
      method: "POST",
      body: new URLSearchParams({ client_name: "Cinelog" }),
    });
    expect(refused.status).toBe(422);
    expect(idp.mastodonAppsRegistered()).toBe(before);

    const registered = await fetch(`${instance}${preset.paths.appRegistration}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        client_name: "Cinelog",
        redirect_uris: [redirectUri],
        scopes: preset.scopes.join(" "),
        website: "http://127.0.0.1:9",
      }),
    });
    expect(registered.status).toBe(200);
    const app = (await registered.json()) as { client_id: string; client_secret: string };
    expect(idp.mastodonAppsRegistered()).toBe(before + 1);

    const form = await fetch(`${instance}${preset.paths.appRegistration}`, {
      method: "POST",
      body: new URLSearchParams({ client_name: "Cinelog", redirect_uris: redirectUri }),
    });
    expect(form.status).toBe(200);
    expect(idp.mastodonAppsRegistered()).toBe(before + 2);

    const back = await signInByFetch(
      authorizationUrl(`${instance}${preset.paths.authorization}`, {
        client_id: app.client_id,
        redirect_uri: redirectUri,
        scope: preset.scopes.join(" "),
        state: "m",
      }),
    );
    const tokens = await tokenRequest(
      `${instance}${preset.paths.token}`,
      { code: back.searchParams.get("code")!, redirect_uri: redirectUri },
      { clientId: app.client_id, clientSecret: app.client_secret },
      "post",
    );
    expect(tokens.status).toBe(200);
    const { access_token: accessToken } = (await tokens.json()) as { access_token: string };
    const account = await fetch(`${instance}${preset.paths.userinfo}`, bearer(accessToken));
    const json = (await account.json()) as Record<string, unknown>;
    expect(json).toMatchObject({ id: idp.account.sub, acct: idp.account.username });
    expect(readProfile(json, preset.profile)).toEqual({
      name: idp.account.name,
      avatar: idp.account.picture,
      profileUrl: `${instance}/@${idp.account.username}`,
      email: "",
    });
  });

  it("refuses scopes the app did not register, as Mastodon does", async () => {
    const registered = await fetch(`${idp.mastodonInstance}/api/v1/apps`, {
      method: "POST",
      body: new URLSearchParams({
        client_name: "Cinelog",
        redirect_uris: redirectUri,
        scopes: "read:accounts",
      }),
    });
    const app = (await registered.json()) as { client_id: string };
    const back = await signInByFetch(
      authorizationUrl(`${idp.mastodonInstance}/oauth/authorize`, {
        client_id: app.client_id,
        redirect_uri: redirectUri,
        scope: "read:accounts read",
        state: "m",
      }),
    );
    expect(back.searchParams.get("error")).toBe("invalid_scope");
  });
});
