// The site's secret key, for signing tokens (CSRF, unsubscribe links, …). Created once,
// kept in the database so every app instance signs alike, never shown on any page.
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { Db } from "../db/connect.ts";

const secretKey = "secret";
const memo = new WeakMap<Db, Promise<Buffer>>();

export function siteSecret(db: Db): Promise<Buffer> {
  let secret = memo.get(db);
  if (!secret) {
    secret = loadOrCreate(db);
    memo.set(db, secret);
    secret.catch(() => memo.delete(db));
  }
  return secret;
}

async function loadOrCreate(db: Db): Promise<Buffer> {
  // Two instances starting at once both try to insert; the first wins and both read it.
  await db.kysely
    .insertInto("settings")
    .values({ key: secretKey, value: randomBytes(32).toString("base64url") })
    .onConflict((oc) => oc.column("key").doNothing())
    .execute();
  const row = await db.kysely
    .selectFrom("settings")
    .select("value")
    .where("key", "=", secretKey)
    .executeTakeFirstOrThrow();
  return Buffer.from(row.value, "base64url");
}

/** HMAC-SHA256 of a message under the site secret, as base64url. */
export async function sign(db: Db, message: string): Promise<string> {
  return createHmac("sha256", await siteSecret(db))
    .update(message)
    .digest("base64url");
}

export async function verifySignature(
  db: Db,
  message: string,
  signature: string,
): Promise<boolean> {
  const expected = Buffer.from(await sign(db, message));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
