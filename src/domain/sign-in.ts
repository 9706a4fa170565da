// Checking a password sign-in: the rate limits first (a locked account is refused even with
// the right password), then the password, with the same work done whether or not the
// account exists so that timing does not tell.
import type { Db } from "../db/connect.ts";
import type { User } from "../db/schema.ts";
import {
  accountAtAddressKey,
  addressKey,
  clearAccountFailures,
  lockedForMinutes,
  recordFailure,
} from "./sign-in-limits.ts";
import { hashPassword, passwordMatches } from "./users.ts";

type SignInOutcome =
  | { outcome: "signed-in"; user: User }
  | { outcome: "refused" }
  | { outcome: "locked"; minutes: number };

let decoyHash: Promise<string> | undefined;

export async function checkPasswordSignIn(
  db: Db,
  input: { email: string; password: string; address: string },
): Promise<SignInOutcome> {
  const email = input.email.trim().toLowerCase();
  const keys = {
    account: accountAtAddressKey(email, input.address),
    address: addressKey(input.address),
  };
  const minutes = await lockedForMinutes(db, keys);
  if (minutes > 0) return { outcome: "locked", minutes };

  const user = await db.kysely
    .selectFrom("users")
    .selectAll()
    .where("email", "=", email)
    .executeTakeFirst();
  let matches: boolean;
  if (user?.password_hash) {
    matches = await passwordMatches(user, input.password);
  } else {
    decoyHash ??= hashPassword("a password nobody has, for equal timing");
    await passwordMatches({ password_hash: await decoyHash } as User, input.password || "-");
    matches = false;
  }
  if (!user || !matches) {
    await recordFailure(db, keys);
    return { outcome: "refused" };
  }
  await clearAccountFailures(db, keys.account);
  return { outcome: "signed-in", user };
}
