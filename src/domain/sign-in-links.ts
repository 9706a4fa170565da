// E-mailed one-time sign-in links: the way in that an attacker hammering the password form
// cannot block. Asking for one says the same whatever the address (nobody learns which
// addresses have accounts); a link is mailed through the outbox only to an account's own
// address, works once, for 15 minutes, and only the hash of its secret is stored.
import { createHash, randomBytes } from "node:crypto";
import type { Db } from "../db/connect.ts";
import type { LinkPurpose } from "../db/schema-sign-in-links.ts";
import { inTransaction } from "../db/transaction.ts";
import { enqueueMail } from "./mail-outbox.ts";
import { spendAllowance } from "./sign-in-limits.ts";

const linkLifetimeMs = 15 * 60 * 1000;
/** Links one e-mail address may be sent per 15 minutes, and that one client may ask for. */
const linksPerEmail = 3;
const linksPerClient = 10;

function hashOf(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** A link's secret as it appears in the address: 43 base64url characters. */
function looksLikeLinkToken(token: string): boolean {
  return /^[\w-]{43}$/.test(token);
}

type LinkRequestOutcome = { outcome: "asked" } | { outcome: "limited"; minutes: number };

/**
 * Counts the request against the e-mail address and the client, then, if the address is an
 * account's, stores a new link and queues its mail. The outcome never tells whether it was.
 */
export async function requestSignInLink(
  db: Db,
  input: { email: string; client: string; purpose?: LinkPurpose },
  now = new Date(),
): Promise<LinkRequestOutcome> {
  const email = input.email.trim().toLowerCase();
  const purpose = input.purpose ?? "sign-in";
  // Each purpose has its own allowance: asking for a reset does not use up sign-in links.
  const prefix = purpose === "sign-in" ? "sign-in-link" : purpose;
  const minutes =
    (await spendAllowance(db, `${prefix}:${input.client}`, linksPerClient)) ||
    (await spendAllowance(db, `${prefix}:email:${email}`, linksPerEmail));
  if (minutes > 0) return { outcome: "limited", minutes };
  const user = await db.kysely
    .selectFrom("users")
    .select(["id", "email"])
    .where("email", "=", email)
    .executeTakeFirst();
  if (!user) return { outcome: "asked" };
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + linkLifetimeMs).toISOString();
  await inTransaction(db, async (trx) => {
    await trx.kysely
      .insertInto("sign_in_links")
      .values({
        user_id: user.id,
        token_hash: hashOf(token),
        created_at: now.toISOString(),
        expires_at: expiresAt,
        used_at: null,
        purpose,
      })
      .execute();
    await enqueueMail(trx, {
      kind: purpose === "sign-in" ? "sign-in-link" : "password-reset",
      to: user.email,
      payload: { token, expiresAt },
      queuedAt: now.toISOString(),
    });
  });
  // Old links are useless; trim them now and then rather than in a job.
  if (Math.random() < 0.1) {
    await db.kysely
      .deleteFrom("sign_in_links")
      .where("expires_at", "<", new Date(now.getTime() - 24 * 60 * 60 * 1000).toISOString())
      .execute();
  }
  return { outcome: "asked" };
}

export type LinkState = "valid" | "used" | "expired" | "unknown";

/** What a link is now, without using it (the page a mail's link opens). */
export async function signInLinkState(
  db: Db,
  token: string,
  now = new Date(),
  purpose: LinkPurpose = "sign-in",
): Promise<LinkState> {
  if (!looksLikeLinkToken(token)) return "unknown";
  const row = await db.kysely
    .selectFrom("sign_in_links")
    .select(["used_at", "expires_at"])
    .where("token_hash", "=", hashOf(token))
    .where("purpose", "=", purpose)
    .executeTakeFirst();
  if (!row) return "unknown";
  if (row.used_at) return "used";
  return row.expires_at <= now.toISOString() ? "expired" : "valid";
}

/**
 * Uses the link: one UPDATE that only a valid, unused link passes, so two requests racing
 * with the same link sign in once. The user's id, or why not.
 */
export async function redeemSignInLink(
  db: Db,
  token: string,
  now = new Date(),
  purpose: LinkPurpose = "sign-in",
): Promise<{ userId: number; email: string } | { refused: Exclude<LinkState, "valid"> }> {
  if (!looksLikeLinkToken(token)) return { refused: "unknown" };
  const at = now.toISOString();
  const used = await db.kysely
    .updateTable("sign_in_links")
    .set({ used_at: at })
    .where("token_hash", "=", hashOf(token))
    .where("purpose", "=", purpose)
    .where("used_at", "is", null)
    .where("expires_at", ">", at)
    .returning("user_id")
    .executeTakeFirst();
  if (!used) {
    const state = await signInLinkState(db, token, now, purpose);
    return { refused: state === "valid" ? "used" : state };
  }
  const user = await db.kysely
    .selectFrom("users")
    .select(["id", "email"])
    .where("id", "=", used.user_id)
    .executeTakeFirstOrThrow();
  return { userId: user.id, email: user.email };
}
