// Accounts of the people who write the site. Passwords are hashed with argon2id.
import { hash, verify } from "@node-rs/argon2";
import type { Db } from "../db/connect.ts";
import type { Role, User } from "../db/schema.ts";
import { nowIso } from "./time.ts";

export const roles: readonly Role[] = ["owner", "editor", "author", "contributor"];

export class UserInputError extends Error {}

export async function createUser(
  db: Db,
  input: { email: string; displayName: string; role: Role; password?: string | null },
): Promise<User> {
  const email = input.email.trim().toLowerCase();
  if (!/^[^\s@]+@[^\s@]+$/.test(email)) throw new UserInputError(`Not an email address: ${email}`);
  if (input.password != null && input.password.length < 10) {
    throw new UserInputError("A password needs at least 10 characters.");
  }
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
