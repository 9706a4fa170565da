// Rate limiting of sign-in: failures are counted per account and address pair and per address over a window,
// in the database, so that several app instances (and restarts) count the same attempts.
import type { Db } from "../db/connect.ts";
import { nowIso } from "./time.ts";

const attemptWindowMs = 15 * 60 * 1000;
const maxFailuresPerAccount = 5;
const maxFailuresPerAddress = 20;

export function accountKey(email: string): string {
  return `email:${email.trim().toLowerCase()}`;
}

/**
 * Password failures are counted per account *and* address: someone hammering the owner's
 * account from one address locks only that pair, never the owner signing in from another
 * (the per-address limit still stops one address trying many accounts).
 */
export function accountAtAddressKey(email: string, ip: string): string {
  return `${accountKey(email)}|ip:${ip}`;
}

export function addressKey(ip: string): string {
  return `ip:${ip}`;
}

/** Minutes until a locked key may try again, or 0 when it may try now. */
export async function lockedForMinutes(
  db: Db,
  keys: { account: string; address: string },
): Promise<number> {
  const since = new Date(Date.now() - attemptWindowMs).toISOString();
  let waitMs = 0;
  for (const [key, limit] of [
    [keys.account, maxFailuresPerAccount],
    [keys.address, maxFailuresPerAddress],
  ] as const) {
    const rows = await db.kysely
      .selectFrom("sign_in_attempts")
      .select("at")
      .where("key", "=", key)
      .where("at", ">", since)
      .orderBy("at", "desc")
      .limit(limit)
      .execute();
    if (rows.length < limit) continue;
    // Locked until the oldest of the last `limit` failures leaves the window.
    const oldest = rows[rows.length - 1]!.at;
    waitMs = Math.max(waitMs, Date.parse(oldest) + attemptWindowMs - Date.now());
  }
  return waitMs > 0 ? Math.ceil(waitMs / 60_000) : 0;
}

export async function recordFailure(
  db: Db,
  keys: { account: string; address: string },
): Promise<void> {
  const at = nowIso();
  await db.kysely
    .insertInto("sign_in_attempts")
    .values([
      { key: keys.account, at },
      { key: keys.address, at },
    ])
    .execute();
  // Old rows are useless for counting; trim them now and then rather than in a job.
  if (Math.random() < 0.05) {
    await db.kysely
      .deleteFrom("sign_in_attempts")
      .where("at", "<", new Date(Date.now() - attemptWindowMs).toISOString())
      .execute();
  }
}

/**
 * A budget of requests per key over the window, for requests that cost the server
 * something even when nobody fails (a passkey challenge is a row). Counts this request and
 * returns 0, or the minutes until the key may ask again without counting it.
 */
export async function spendAllowance(db: Db, key: string, limit: number): Promise<number> {
  const since = new Date(Date.now() - attemptWindowMs).toISOString();
  const rows = await db.kysely
    .selectFrom("sign_in_attempts")
    .select("at")
    .where("key", "=", key)
    .where("at", ">", since)
    .orderBy("at", "desc")
    .limit(limit)
    .execute();
  if (rows.length >= limit) {
    const waitMs = Date.parse(rows[rows.length - 1]!.at) + attemptWindowMs - Date.now();
    return Math.max(1, Math.ceil(waitMs / 60_000));
  }
  await db.kysely.insertInto("sign_in_attempts").values({ key, at: nowIso() }).execute();
  return 0;
}

/** A successful sign-in forgets the account's failures (not the address's). */
export async function clearAccountFailures(db: Db, accountKeyValue: string): Promise<void> {
  await db.kysely.deleteFrom("sign_in_attempts").where("key", "=", accountKeyValue).execute();
}
