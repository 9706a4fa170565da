// Accounts of the people who write the site. Passwords are hashed with argon2id.
import { hash, verify } from "@node-rs/argon2";
import type { Db } from "../db/connect.ts";
import type { Role, User } from "../db/schema.ts";
import { inTransaction } from "../db/transaction.ts";
import { recordChange } from "./changes.ts";
import { endAllSessions, endOtherSessions } from "./sessions.ts";
import { accountKey, addressKey, lockedForMinutes, recordFailure } from "./sign-in-limits.ts";
import { nowIso } from "./time.ts";

export const roles: readonly Role[] = ["owner", "editor", "author", "contributor"];

export class UserInputError extends Error {}

export async function createUser(
  db: Db,
  input: { email: string; displayName: string; role: Role; password?: string | null },
): Promise<User> {
  const email = input.email.trim().toLowerCase();
  if (!/^[^\s@]+@[^\s@]+$/.test(email)) throw new UserInputError(`Not an email address: ${email}`);
  const weak = input.password != null ? passwordProblem(input.password) : undefined;
  if (weak) throw new UserInputError(weak);
  const taken = await db.kysely
    .selectFrom("users")
    .select("id")
    .where("email", "=", email)
    .executeTakeFirst();
  if (taken) throw new UserInputError(`There is already an account for ${email}.`);
  return db.kysely
    .insertInto("users")
    .values({
      email,
      display_name: input.displayName.trim() || email,
      role: input.role,
      password_hash: input.password ? await hashPassword(input.password) : null,
      created_at: nowIso(),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** What is wrong with a new password, the same rule everywhere one is set; else undefined. */
export function passwordProblem(password: string): string | undefined {
  return password.length < 10 ? "A password needs at least 10 characters." : undefined;
}

/**
 * Sets a password without asking for the old one (a mailed reset link, or the command line)
 * and signs the account out everywhere: whoever knew the old one is out.
 */
export async function resetPassword(db: Db, userId: number, password: string): Promise<void> {
  const weak = passwordProblem(password);
  if (weak) throw new UserInputError(weak);
  const passwordHash = await hashPassword(password);
  await inTransaction(db, async (trx) => {
    await trx.kysely
      .updateTable("users")
      .set({ password_hash: passwordHash })
      .where("id", "=", userId)
      .execute();
    await endAllSessions(trx, userId);
  });
}

export async function hashPassword(password: string): Promise<string> {
  // argon2id with the library's defaults (19 MiB, t=2), as OWASP suggests.
  return hash(password, { algorithm: 2 });
}

export async function passwordMatches(user: User, password: string): Promise<boolean> {
  if (!user.password_hash) return false;
  return verify(user.password_hash, password);
}

/** Emails of the owners who can sign in (accounts with a password). */
export async function ownerEmails(db: Db): Promise<string[]> {
  const rows = await db.kysely
    .selectFrom("users")
    .select("email")
    .where("role", "=", "owner")
    .where("password_hash", "is not", null)
    .orderBy("id")
    .execute();
  return rows.map((r) => r.email);
}

export async function findUser(db: Db, id: number): Promise<User | undefined> {
  return db.kysely.selectFrom("users").selectAll().where("id", "=", id).executeTakeFirst();
}

/** A refusal the person can fix, named by the form field it belongs to. */
type AccountOutcome<F extends string> = { ok: true } | { ok: false; field: F; message: string };

async function emailTakenByOther(db: Db, email: string, userId: number): Promise<boolean> {
  const other = await db.kysely
    .selectFrom("users")
    .select("id")
    .where("email", "=", email)
    .where("id", "<>", userId)
    .executeTakeFirst();
  return other !== undefined;
}

/**
 * Changes a person's name, e-mail and (when `role` is given) role. The site must keep an
 * owner: the last one can never become something else. A new role ends the person's
 * sessions, so nothing they had open keeps powers they have lost (or misses new ones).
 * The name appears on every review of theirs, so the public pages are told.
 */
export async function updateAccount(
  db: Db,
  userId: number,
  input: { email: string; displayName: string; role?: Role },
): Promise<AccountOutcome<"email" | "role">> {
  const email = input.email.trim().toLowerCase();
  const displayName = input.displayName.trim();
  return inTransaction(db, async (trx) => {
    const owners = await lockedOwnerIds(trx);
    const user = await findUser(trx, userId);
    if (!user) return { ok: false, field: "email", message: "This account no longer exists." };
    if (await emailTakenByOther(trx, email, userId)) {
      return { ok: false, field: "email", message: `There is already an account for ${email}.` };
    }
    const role = input.role ?? user.role;
    if (user.role === "owner" && role !== "owner" && owners.length <= 1) {
      return {
        ok: false,
        field: "role",
        message: "This is the site's only owner: make another account owner first.",
      };
    }
    await trx.kysely
      .updateTable("users")
      .set({ email, display_name: displayName, role })
      .where("id", "=", userId)
      .execute();
    if (role !== user.role) await endAllSessions(trx, userId);
    if (displayName !== user.display_name) await recordChange(trx, ["site"]);
    return { ok: true };
  });
}

/**
 * Sets a new password after checking the current one (an account without one, signed in by
 * passkey, may set its first). Every other session of the person ends: whoever else might
 * have been signed in with the old password is signed out.
 */
export async function changePassword(
  db: Db,
  userId: number,
  input: { current: string; next: string; keepSessionId: string; address: string },
): Promise<AccountOutcome<"currentPassword" | "newPassword">> {
  const user = await findUser(db, userId);
  if (!user) return { ok: false, field: "currentPassword", message: "This account is gone." };
  if (user.password_hash) {
    // Guessing the current password from a borrowed session counts like guessing at sign-in.
    const keys = { account: accountKey(user.email), address: addressKey(input.address) };
    const minutes = await lockedForMinutes(db, keys);
    if (minutes > 0) {
      const unit = minutes === 1 ? "minute" : "minutes";
      const message = `Too many attempts, try again in ${minutes} ${unit}.`;
      return { ok: false, field: "currentPassword", message };
    }
    if (!(await passwordMatches(user, input.current))) {
      await recordFailure(db, keys);
      return { ok: false, field: "currentPassword", message: "That is not your current password." };
    }
  }
  const weak = passwordProblem(input.next);
  if (weak) return { ok: false, field: "newPassword", message: weak };
  const passwordHash = await hashPassword(input.next);
  await inTransaction(db, async (trx) => {
    await trx.kysely
      .updateTable("users")
      .set({ password_hash: passwordHash })
      .where("id", "=", userId)
      .execute();
    await endOtherSessions(trx, userId, input.keepSessionId);
  });
  return { ok: true };
}

/** What removing an account does to what it wrote: shown before, done in one transaction. */
interface RemovalSummary {
  reviews: number;
}

export async function removalSummary(db: Db, userId: number): Promise<RemovalSummary> {
  const row = await db.kysely
    .selectFrom("reviews")
    .select((eb) => eb.fn.countAll().as("n"))
    .where("author_id", "=", userId)
    .executeTakeFirstOrThrow();
  // PostgreSQL returns count() as a string.
  return { reviews: Number(row.n) };
}

/**
 * Removes an account; its reviews (and the revisions it saved) become the heir's, so nothing
 * published disappears. Its sessions, passkeys and unsaved editor drafts go with it. Nobody
 * removes their own account here (the heir would be themselves), and the last owner stays.
 */
export async function removeAccount(
  db: Db,
  userId: number,
  heirId: number,
): Promise<AccountOutcome<"account"> & { reviews?: number }> {
  if (userId === heirId) {
    return { ok: false, field: "account", message: "You cannot remove your own account." };
  }
  return inTransaction(db, async (trx) => {
    const owners = await lockedOwnerIds(trx);
    const user = await findUser(trx, userId);
    if (!user) return { ok: false, field: "account", message: "This account no longer exists." };
    if (user.role === "owner" && owners.length <= 1) {
      return { ok: false, field: "account", message: "The site's only owner cannot be removed." };
    }
    const moved = await trx.kysely
      .updateTable("reviews")
      .set({ author_id: heirId })
      .where("author_id", "=", userId)
      .executeTakeFirst();
    await trx.kysely
      .updateTable("review_revisions")
      .set({ author_id: heirId })
      .where("author_id", "=", userId)
      .execute();
    // Posts and pages (src/domain/posts.ts) go to the heir too.
    const movedPosts = await trx.kysely
      .updateTable("posts")
      .set({ author_id: heirId })
      .where("author_id", "=", userId)
      .executeTakeFirst();
    await endAllSessions(trx, userId);
    await trx.kysely.deleteFrom("users").where("id", "=", userId).execute();
    const reviews = Number(moved.numUpdatedRows);
    // The reviews now carry another name on the public pages and in the feeds.
    if (reviews > 0 || Number(movedPosts.numUpdatedRows) > 0) await recordChange(trx, ["site"]);
    return { ok: true, reviews };
  });
}

/**
 * The owners' ids, locked until the transaction ends on PostgreSQL, so that two owners
 * demoting or removing each other at the same moment cannot leave the site with none.
 * (SQLite runs one writing transaction at a time, which gives the same guarantee.)
 */
async function lockedOwnerIds(trx: Db): Promise<number[]> {
  let query = trx.kysely.selectFrom("users").select("id").where("role", "=", "owner");
  if (trx.dialect === "postgres") query = query.forUpdate();
  return (await query.execute()).map((r) => r.id);
}
