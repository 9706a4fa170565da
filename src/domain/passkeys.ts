// Passkeys of admin accounts, and the one-time challenges of the WebAuthn ceremonies.
// Plain storage and rules: the cryptography is @simplewebauthn/server's, called from
// src/web/auth/passkey-ceremonies.ts.
import { createHash, randomBytes } from "node:crypto";
import type { Db } from "../db/connect.ts";
import type { Passkey, User, WebauthnPurpose } from "../db/schema.ts";
import { sign } from "./secrets.ts";
import { nowIso } from "./time.ts";

/** Long enough to use an authenticator, short enough that an unused one is soon useless. */
export const challengeLifetimeMs = 5 * 60 * 1000;

export const maxPasskeyNameLength = 100;

/** A fresh challenge, stored until it is answered once or expires. */
export async function createChallenge(
  db: Db,
  purpose: WebauthnPurpose,
  userId: number | null,
): Promise<string> {
  const now = Date.now();
  // Expired challenges are useless; clearing them here needs no job.
  await db.kysely
    .deleteFrom("webauthn_challenges")
    .where("expires_at", "<", new Date(now).toISOString())
    .execute();
  const challenge = randomBytes(32).toString("base64url");
  await db.kysely
    .insertInto("webauthn_challenges")
    .values({
      challenge,
      purpose,
      user_id: userId,
      expires_at: new Date(now + challengeLifetimeMs).toISOString(),
    })
    .execute();
  return challenge;
}

/**
 * True when the challenge was issued for this purpose (and account) and is still live. It is
 * deleted either way, so a challenge can be answered once only, even by two app instances at
 * the same moment: only one DELETE finds the row.
 */
export async function consumeChallenge(
  db: Db,
  challenge: string,
  purpose: WebauthnPurpose,
  userId: number | null,
): Promise<boolean> {
  if (challenge.length === 0 || challenge.length > 200) return false;
  const deleted = await db.kysely
    .deleteFrom("webauthn_challenges")
    .where("challenge", "=", challenge)
    .returningAll()
    .executeTakeFirst();
  return (
    deleted !== undefined &&
    deleted.purpose === purpose &&
    deleted.user_id === userId &&
    deleted.expires_at > nowIso()
  );
}

/**
 * The user handle an authenticator keeps with a person's passkeys: the same for all of them,
 * so a new passkey on one device replaces that person's old one there, and derived from the
 * site secret so it gives away neither the account's number nor its e-mail.
 */
export async function userHandleFor(db: Db, userId: number): Promise<Uint8Array<ArrayBuffer>> {
  const mac = await sign(db, `webauthn-user:${userId}`);
  return new Uint8Array(Buffer.from(mac, "base64url"));
}

export interface PasskeyRow {
  id: number;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
  backedUp: boolean;
}

export async function passkeysOf(db: Db, userId: number): Promise<PasskeyRow[]> {
  const rows = await db.kysely
    .selectFrom("passkeys")
    .select(["id", "name", "created_at", "last_used_at", "backed_up"])
    .where("user_id", "=", userId)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    createdAt: r.created_at,
    lastUsedAt: r.last_used_at,
    backedUp: r.backed_up === 1,
  }));
}

/** Credential ids and transports of a person's passkeys, so a device is not registered twice. */
export async function credentialsOf(
  db: Db,
  userId: number,
): Promise<{ id: string; transports: string[] }[]> {
  const rows = await db.kysely
    .selectFrom("passkeys")
    .select(["credential_id", "transports"])
    .where("user_id", "=", userId)
    .execute();
  return rows.map((r) => ({ id: r.credential_id, transports: splitTransports(r.transports) }));
}

export class PasskeyInputError extends Error {}

export async function addPasskey(
  db: Db,
  input: {
    userId: number;
    credentialId: string;
    publicKey: Uint8Array;
    counter: number;
    transports: string[];
    backedUp: boolean;
    name: string;
  },
): Promise<Passkey> {
  const taken = await db.kysely
    .selectFrom("passkeys")
    .select("id")
    .where("credential_id", "=", input.credentialId)
    .executeTakeFirst();
  if (taken) throw new PasskeyInputError("This passkey is registered already.");
  return db.kysely
    .insertInto("passkeys")
    .values({
      user_id: input.userId,
      credential_id: input.credentialId,
      public_key: Buffer.from(input.publicKey).toString("base64url"),
      counter: input.counter,
      transports: input.transports.filter((t) => /^[a-z-]{1,20}$/.test(t)).join(","),
      name: input.name.trim().slice(0, maxPasskeyNameLength),
      backed_up: input.backedUp ? 1 : 0,
      created_at: nowIso(),
      last_used_at: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export interface StoredCredential {
  passkeyId: number;
  user: User;
  credential: {
    id: string;
    publicKey: Uint8Array<ArrayBuffer>;
    counter: number;
    transports: string[];
  };
}

/** The passkey a browser's answer names, with its account; undefined when nobody has it. */
export async function findCredential(
  db: Db,
  credentialId: string,
): Promise<StoredCredential | undefined> {
  if (credentialId.length === 0 || credentialId.length > 1400) return undefined;
  const row = await db.kysely
    .selectFrom("passkeys")
    .select(["id", "user_id", "credential_id", "public_key", "counter", "transports"])
    .where("credential_id", "=", credentialId)
    .executeTakeFirst();
  if (!row) return undefined;
  const user = await db.kysely
    .selectFrom("users")
    .selectAll()
    .where("id", "=", row.user_id)
    .executeTakeFirstOrThrow();
  return {
    passkeyId: row.id,
    user,
    credential: {
      id: row.credential_id,
      publicKey: new Uint8Array(Buffer.from(row.public_key, "base64url")),
      counter: Number(row.counter),
      transports: splitTransports(row.transports),
    },
  };
}

export async function recordPasskeyUse(
  db: Db,
  passkeyId: number,
  use: { counter: number; backedUp: boolean },
): Promise<void> {
  await db.kysely
    .updateTable("passkeys")
    .set({ counter: use.counter, backed_up: use.backedUp ? 1 : 0, last_used_at: nowIso() })
    .where("id", "=", passkeyId)
    .execute();
}

/** Removes one of a person's own passkeys; false when they have no passkey by that id. */
export async function removePasskey(db: Db, userId: number, passkeyId: number): Promise<boolean> {
  const result = await db.kysely
    .deleteFrom("passkeys")
    .where("id", "=", passkeyId)
    .where("user_id", "=", userId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export async function passkeyOf(
  db: Db,
  userId: number,
  passkeyId: number,
): Promise<PasskeyRow | undefined> {
  return (await passkeysOf(db, userId)).find((p) => p.id === passkeyId);
}

function splitTransports(value: string): string[] {
  return value ? value.split(",") : [];
}

/**
 * What a failed passkey sign-in counts against when the passkey belongs to nobody: the
 * credential id it named (hashed, as it is the browser's to choose and may be long).
 */
export function passkeyLimitKey(credentialId: string): string {
  return `passkey:${createHash("sha256").update(credentialId).digest("hex").slice(0, 32)}`;
}
