// The one-time setup link printed by `cinelog serve` while a site has no owner: it lets the
// person at the terminal create the owner account in the browser. Signed with the site
// secret, valid 24 hours, and useless as soon as any owner exists.
import type { Db } from "../db/connect.ts";
import { sign, verifySignature } from "./secrets.ts";

const setupLifetimeMs = 24 * 60 * 60 * 1000;

export async function createSetupToken(db: Db, now = Date.now()): Promise<string> {
  const expires = String(now + setupLifetimeMs);
  return `${expires}.${await sign(db, `setup:${expires}`)}`;
}

export async function setupTokenIsValid(db: Db, token: string): Promise<boolean> {
  const match = /^(\d{1,16})\.([\w-]{20,100})$/.exec(token);
  if (!match) return false;
  const [, expires, signature] = match;
  if (Number(expires) <= Date.now()) return false;
  if (!(await verifySignature(db, `setup:${expires}`, signature!))) return false;
  return !(await hasOwner(db));
}

export async function hasOwner(db: Db): Promise<boolean> {
  const row = await db.kysely
    .selectFrom("users")
    .select("id")
    .where("role", "=", "owner")
    // As `cinelog serve` counts them: an owner who can sign in.
    .where("password_hash", "is not", null)
    .executeTakeFirst();
  return row !== undefined;
}
