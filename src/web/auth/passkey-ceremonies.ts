// The two WebAuthn ceremonies, server side: adding a passkey to one's account, and signing in
// with one. @simplewebauthn/server does the cryptography; challenges and credentials are
// kept by src/domain/passkeys.ts, in the database, so any app instance can finish a
// ceremony another one began.
import type {
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
} from "@simplewebauthn/server";
import { z } from "zod";
import type { Config } from "../../config.ts";
import type { Db } from "../../db/connect.ts";
import type { User } from "../../db/schema.ts";
import {
  challengeLifetimeMs,
  consumeChallenge,
  createChallenge,
  credentialsOf,
  findCredential,
  userHandleFor,
  type StoredCredential,
} from "../../domain/passkeys.ts";

interface RelyingParty {
  /** The RP ID: a host name (never an IP address: WebAuthn refuses those). */
  id: string;
  /** The exact origin the browser must report. */
  origin: string;
}

/**
 * Who the passkeys belong to: the host of SITE_URL, and its exact origin. When SITE_URL is
 * left at its default (`http://HOST:PORT`, a local install or development), the address the
 * browser used is taken instead, so that http://localhost:4000 works: 127.0.0.1 is no valid
 * RP ID. A deployment sets SITE_URL, and then nothing the request says is believed.
 */
export function relyingParty(config: Config, requestUrl: string): RelyingParty {
  const isDefault = config.siteUrl === `http://${config.host}:${config.port}`;
  const url = new URL(isDefault ? requestUrl : config.siteUrl);
  return { id: url.hostname, origin: url.origin };
}

// What the browser sends back, checked for shape before the library looks at it.
const b64url = z
  .string()
  .regex(/^[\w-]*$/, "not base64url")
  .max(20_000);
const common = {
  id: b64url.min(1).max(1400),
  rawId: b64url.min(1).max(1400),
  type: z.literal("public-key"),
  clientExtensionResults: z.object({}).passthrough().default({}),
  authenticatorAttachment: z.enum(["platform", "cross-platform"]).optional(),
};
const registrationSchema = z.object({
  ...common,
  response: z.object({
    clientDataJSON: b64url,
    attestationObject: b64url,
    transports: z.array(z.string().max(30)).max(10).optional(),
  }),
});
const authenticationSchema = z.object({
  ...common,
  response: z.object({
    clientDataJSON: b64url,
    authenticatorData: b64url,
    signature: b64url,
    userHandle: b64url.optional(),
  }),
});

function parseJson<T>(schema: z.ZodType<T>, text: string): T | undefined {
  if (text.length === 0 || text.length > 100_000) return undefined;
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

const timeout = challengeLifetimeMs - 30_000;

// Given a string, the library would send its UTF-8 bytes; given the bytes, the options carry
// exactly the stored base64url text, which the browser's answer then repeats.
function challengeBytes(challenge: string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(Buffer.from(challenge, "base64url"));
}

export async function registrationOptions(
  db: Db,
  rp: RelyingParty,
  siteTitle: string,
  user: User,
): Promise<PublicKeyCredentialCreationOptionsJSON> {
  return (await webauthn()).generateRegistrationOptions({
    rpName: siteTitle,
    rpID: rp.id,
    userName: user.email,
    userDisplayName: user.display_name,
    userID: await userHandleFor(db, user.id),
    challenge: challengeBytes(await createChallenge(db, "register", user.id)),
    timeout,
    attestationType: "none",
    excludeCredentials: await credentialsOf(db, user.id),
    // A passkey: kept on the authenticator (so no e-mail is needed to sign in) and unlocked
    // by the person (fingerprint, PIN), since it is the only thing asked for.
    authenticatorSelection: { residentKey: "required", userVerification: "required" },
  });
}

type NewCredential = {
  credentialId: string;
  publicKey: Uint8Array;
  counter: number;
  transports: string[];
  backedUp: boolean;
};

/** The new passkey, or undefined when the answer is malformed, stale or does not verify. */
export async function verifyRegistration(
  db: Db,
  rp: RelyingParty,
  user: User,
  responseText: string,
): Promise<NewCredential | undefined> {
  const response = parseJson(registrationSchema, responseText);
  if (!response) return undefined;
  try {
    const result = await (
      await webauthn()
    ).verifyRegistrationResponse({
      response,
      expectedChallenge: (challenge) => consumeChallenge(db, challenge, "register", user.id),
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      requireUserVerification: true,
    });
    if (!result.verified) return undefined;
    const { credential, credentialBackedUp } = result.registrationInfo;
    return {
      credentialId: credential.id,
      publicKey: credential.publicKey,
      counter: credential.counter,
      transports: response.response.transports ?? [],
      backedUp: credentialBackedUp,
    };
  } catch {
    // The library throws for every kind of mismatch; to the person they are all one refusal.
    return undefined;
  }
}

export async function authenticationOptions(
  db: Db,
  rp: RelyingParty,
): Promise<PublicKeyCredentialRequestOptionsJSON> {
  return (await webauthn()).generateAuthenticationOptions({
    rpID: rp.id,
    challenge: challengeBytes(await createChallenge(db, "sign-in", null)),
    timeout,
    // Discoverable credentials: the authenticator offers the passkeys it has for this site.
    allowCredentials: [],
    userVerification: "required",
  });
}

type PasskeySignIn =
  | { outcome: "verified"; stored: StoredCredential; counter: number; backedUp: boolean }
  /** `stored` is there when the passkey is known, so the failure counts against its account. */
  | { outcome: "refused"; stored?: StoredCredential };

export async function verifyAuthentication(
  db: Db,
  rp: RelyingParty,
  responseText: string,
): Promise<PasskeySignIn> {
  const response = parseJson(authenticationSchema, responseText);
  if (!response) return { outcome: "refused" };
  const stored = await findCredential(db, response.id);
  if (!stored) return { outcome: "refused" };
  // The authenticator says whose passkey it is; it must be the account that registered it.
  const handle = Buffer.from(await userHandleFor(db, stored.user.id)).toString("base64url");
  if (response.response.userHandle !== undefined && response.response.userHandle !== handle) {
    return { outcome: "refused", stored };
  }
  try {
    const result = await (
      await webauthn()
    ).verifyAuthenticationResponse({
      response,
      expectedChallenge: (challenge) => consumeChallenge(db, challenge, "sign-in", null),
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      credential: stored.credential,
      requireUserVerification: true,
    });
    if (!result.verified) return { outcome: "refused", stored };
    return {
      outcome: "verified",
      stored,
      counter: result.authenticationInfo.newCounter,
      backedUp: result.authenticationInfo.credentialBackedUp,
    };
  } catch {
    return { outcome: "refused", stored };
  }
}

/** The WebAuthn library (about 4 MB of heap) loads with the first ceremony, not at start. */
function webauthn() {
  return import("@simplewebauthn/server");
}
