// The two halves of a sign-in. `beginSignIn` makes the state, PKCE verifier and (OpenID
// Connect) nonce and the address to send the reader to; `finishSignIn` checks the provider's
// answer against them, trades the code for tokens, reads the profile and lets the tokens go:
// nothing but the profile leaves this file.
import type * as client from "openid-client";
import type { PendingSignIn } from "../../../domain/commenter-sign-in/pending-sign-ins.ts";
import { readProfile, readProfileItem } from "../../../domain/sign-in-providers/profile-fields.ts";
import { openidClient } from "./openid-client-module.ts";
import type { ProviderClient } from "./provider-client.ts";

interface SignInChecks {
  state: string;
  codeVerifier: string;
  nonce: string;
}

export async function beginSignIn(pc: ProviderClient): Promise<{ url: URL; checks: SignInChecks }> {
  const oidc = await openidClient();
  const checks: SignInChecks = {
    state: oidc.randomState(),
    codeVerifier: oidc.randomPKCECodeVerifier(),
    nonce: pc.preset.kind === "oidc" ? oidc.randomNonce() : "",
  };
  const parameters: Record<string, string> = {
    redirect_uri: pc.redirectUri,
    scope: pc.preset.scopes.join(" "),
    state: checks.state,
  };
  if (pc.preset.pkce) {
    parameters.code_challenge = await oidc.calculatePKCECodeChallenge(checks.codeVerifier);
    parameters.code_challenge_method = "S256";
  }
  if (checks.nonce) parameters.nonce = checks.nonce;
  return { url: oidc.buildAuthorizationUrl(pc.config, parameters), checks };
}

/** Why a sign-in did not complete, in terms the reader's message is chosen by. */
export type SignInFailure =
  "refused" | "provider-error" | "state" | "expired" | "unreachable" | "profile" | "setup";

export class SignInError extends Error {
  constructor(
    readonly failure: SignInFailure,
    cause?: unknown,
  ) {
    super(failure, { cause });
  }
}

interface SignedInProfile {
  subject: string;
  name: string;
  email: string;
  avatar: string;
  profileUrl: string;
}

// Where an account's id is found: `sub` (OpenID Connect), `id` (GitHub, Facebook, Mastodon),
// `ID` (WordPress.com), `data.id` (X).
const subjectReadings = ["sub", "id", "ID", "data.id"];

/**
 * Completes a sign-in from the callback's address (`callbackUrl` is the registered redirect
 * URI with the query the provider sent).
 */
export async function finishSignIn(
  pc: ProviderClient,
  pending: PendingSignIn,
  callbackUrl: URL,
): Promise<SignedInProfile> {
  const oidc = await openidClient();
  let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
  try {
    tokens = await oidc.authorizationCodeGrant(pc.config, callbackUrl, {
      expectedState: pending.state,
      pkceCodeVerifier: pc.preset.pkce ? pending.codeVerifier : undefined,
      expectedNonce: pending.nonce || undefined,
      idTokenExpected: pc.preset.kind === "oidc",
    });
  } catch (error) {
    throw new SignInError(tokenFailure(oidc, error), error);
  }
  let profile: unknown;
  try {
    if (pc.preset.kind === "oidc") {
      const claims = tokens.claims();
      if (!claims) throw new Error("no ID token");
      const info = await oidc.fetchUserInfo(pc.config, tokens.access_token, claims.sub);
      profile = { ...claims, ...info };
    } else {
      const response = await oidc.fetchProtectedResource(
        pc.config,
        tokens.access_token,
        pc.userinfoUrl,
        "GET",
      );
      if (!response.ok) throw new Error(`profile answered ${response.status}`);
      profile = await response.json();
    }
  } catch (error) {
    throw new SignInError(isUnreachable(error) ? "unreachable" : "profile", error);
  }
  const subject = readProfileItem(profile, subjectReadings);
  const read = readProfile(profile, pc.profile);
  if (!subject) throw new SignInError("profile");
  return {
    subject: `${subject}${pc.subjectSuffix}`,
    name: (read.name || `${pc.label} reader`).slice(0, 100),
    email: read.email.length <= 254 && /^[^\s@]+@[^\s@]+$/.test(read.email) ? read.email : "",
    avatar: read.avatar,
    profileUrl: read.profileUrl,
  };
}

function tokenFailure(oidc: typeof client, error: unknown): SignInFailure {
  if (error instanceof oidc.AuthorizationResponseError) {
    return error.error === "access_denied" ? "refused" : "provider-error";
  }
  if (error instanceof oidc.ResponseBodyError) {
    return error.error === "invalid_grant" ? "expired" : "provider-error";
  }
  if (isUnreachable(error)) return "unreachable";
  // A state that does not match, or an ID token that fails its checks (nonce, issuer).
  return "state";
}

/** A connection refused or reset, a name that does not resolve, or a request timed out. */
export function isUnreachable(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 5; depth++) {
    if (e instanceof Error) {
      if (e.name === "TimeoutError" || e.name === "AbortError") return true;
      if (e instanceof TypeError && /fetch failed/i.test(e.message)) return true;
      const code = (e as { code?: unknown }).code;
      if (
        typeof code === "string" &&
        /^(ECONNREFUSED|ECONNRESET|ENOTFOUND|ETIMEDOUT|EAI_AGAIN|UND_ERR_)/.test(code)
      ) {
        return true;
      }
      e = e.cause;
    } else {
      return false;
    }
  }
  return false;
}
