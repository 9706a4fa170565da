// E-mail subscriptions, double opt-in. A reader who ticks "notify me" gets a pending
// subscription and (at most once a day per address) one mail with a signed link; only the
// owner of the mailbox can confirm, and only confirmed subscriptions are ever mailed.
// Every list mail carries a signed unsubscribe link that works for as long as the site does.
//
// Scopes name the list:
//   posts         every newly published review
//   review:ID     new comments on one review, once approved
//   author        a writer's notices of comments on their reviews (on unless they leave)
import type { Db } from "../db/connect.ts";
import type { Comment, SubscriptionStatus } from "../db/schema.ts";
import { enqueueMail } from "./mail-outbox.ts";
import { sign, verifySignature } from "./secrets.ts";
import { nowIso } from "./time.ts";

export type Scope = "posts" | "author" | `review:${number}`;

/** One confirmation mail per address per this long: the form must not spam anyone. */
const confirmationIntervalMs = 24 * 60 * 60 * 1000;
/** How long a confirmation link works. */
const confirmationLifetimeMs = 7 * 24 * 60 * 60 * 1000;

export function parseScope(scope: string): Scope | undefined {
  if (scope === "posts" || scope === "author") return scope;
  const match = /^review:(\d{1,12})$/.exec(scope);
  return match ? `review:${Number(match[1])}` : undefined;
}

const encode = (text: string) => Buffer.from(text).toString("base64url");
const decode = (text: string) => Buffer.from(text, "base64url").toString();

/** `DATA.SIG`, where DATA names the address and the list. Never expires (RFC 8058). */
export async function unsubscribeToken(db: Db, email: string, scope: Scope): Promise<string> {
  const data = encode(JSON.stringify([email, scope]));
  return `${data}.${await sign(db, `unsubscribe:${data}`)}`;
}

export async function readUnsubscribeToken(
  db: Db,
  token: string,
): Promise<{ email: string; scope: Scope } | undefined> {
  const match = /^([\w-]{1,1000})\.([\w-]{43})$/.exec(token);
  if (!match || !(await verifySignature(db, `unsubscribe:${match[1]}`, match[2]!)))
    return undefined;
  try {
    const value: unknown = JSON.parse(decode(match[1]!));
    if (!Array.isArray(value) || typeof value[0] !== "string" || typeof value[1] !== "string") {
      return undefined;
    }
    const scope = parseScope(value[1]);
    return scope ? { email: value[0], scope } : undefined;
  } catch {
    return undefined;
  }
}

/** `DATA.ISSUED.SIG`: lets the holder confirm the pending subscriptions of one address. */
export async function confirmationToken(
  db: Db,
  email: string,
  issuedAt = Date.now(),
): Promise<string> {
  const data = encode(email);
  return `${data}.${issuedAt}.${await sign(db, `confirm:${data}:${issuedAt}`)}`;
}

export async function readConfirmationToken(
  db: Db,
  token: string,
  now = Date.now(),
): Promise<string | undefined> {
  const match = /^([\w-]{1,500})\.(\d{1,15})\.([\w-]{43})$/.exec(token);
  if (!match) return undefined;
  const issuedAt = Number(match[2]);
  if (issuedAt > now + 60_000 || now - issuedAt > confirmationLifetimeMs) return undefined;
  const valid = await verifySignature(db, `confirm:${match[1]}:${issuedAt}`, match[3]!);
  return valid ? decode(match[1]!) : undefined;
}

/**
 * The "notify me" boxes of a comment just stored: pending subscriptions for what was ticked,
 * and one confirmation mail unless this address had one in the last day. Spam gets nothing:
 * a bot must not be able to use the form to mail a stranger.
 */
export async function subscribeFromComment(db: Db, comment: Comment): Promise<void> {
  if (comment.status === "spam" || comment.status === "trash") return;
  const wanted: Scope[] = [];
  // Lists of new comments exist for reviews; on a post the box is not offered.
  if (comment.notify_replies && comment.review_id !== null) {
    wanted.push(`review:${comment.review_id}`);
  }
  if (comment.notify_posts) wanted.push("posts");
  if (wanted.length === 0) return;
  const email = comment.author_email;
  const now = nowIso();
  let needsConfirming = false;
  for (const scope of wanted) {
    const status = await requestSubscription(db, email, scope, now);
    if (status === "pending") needsConfirming = true;
  }
  if (needsConfirming && (await claimConfirmationSlot(db, email, now))) {
    await enqueueMail(db, { kind: "confirmation", to: email, payload: {} });
  }
}

async function requestSubscription(
  db: Db,
  email: string,
  scope: Scope,
  now: string,
): Promise<SubscriptionStatus> {
  const reviewId = scope.startsWith("review:") ? Number(scope.slice("review:".length)) : null;
  await db.kysely
    .insertInto("mail_subscriptions")
    .values({ email, scope, review_id: reviewId, status: "pending", created_at: now })
    .onConflict((oc) => oc.columns(["email", "scope"]).doNothing())
    .execute();
  // Someone who left a list and ticks the box again must confirm again.
  await db.kysely
    .updateTable("mail_subscriptions")
    .set({ status: "pending", created_at: now, unsubscribed_at: null })
    .where("email", "=", email)
    .where("scope", "=", scope)
    .where("status", "=", "unsubscribed")
    .execute();
  const row = await db.kysely
    .selectFrom("mail_subscriptions")
    .select("status")
    .where("email", "=", email)
    .where("scope", "=", scope)
    .executeTakeFirstOrThrow();
  return row.status;
}

/**
 * Takes the address's confirmation slot if the last one is a day old (or there was none).
 * One statement, so two comments arriving together cannot both take it.
 */
async function claimConfirmationSlot(db: Db, email: string, now: string): Promise<boolean> {
  const cutoff = new Date(Date.parse(now) - confirmationIntervalMs).toISOString();
  const row = await db.kysely
    .insertInto("mail_confirmations")
    .values({ email, last_sent_at: now })
    .onConflict((oc) =>
      oc
        .column("email")
        .doUpdateSet({ last_sent_at: now })
        .where("mail_confirmations.last_sent_at", "<", cutoff),
    )
    .returning("email")
    .executeTakeFirst();
  return !!row;
}

export interface SubscriptionItem {
  id: number;
  scope: Scope;
  /** For review scopes: what the review is of, as "Title (Year)". */
  filmLabel?: string;
  reviewSlug?: string;
}

/** An address's subscriptions in one status, with the film each review scope is about. */
export async function subscriptionsOf(
  db: Db,
  email: string,
  status: SubscriptionStatus,
): Promise<SubscriptionItem[]> {
  const rows = await db.kysely
    .selectFrom("mail_subscriptions")
    .leftJoin("reviews", "reviews.id", "mail_subscriptions.review_id")
    .leftJoin("films", "films.id", "reviews.film_id")
    .select([
      "mail_subscriptions.id as id",
      "mail_subscriptions.scope as scope",
      "reviews.slug as slug",
      "films.title as title",
      "films.year as year",
    ])
    .where("mail_subscriptions.email", "=", email)
    .where("mail_subscriptions.status", "=", status)
    .orderBy("mail_subscriptions.id")
    .execute();
  const items: SubscriptionItem[] = [];
  for (const row of rows) {
    const scope = parseScope(row.scope);
    if (!scope) continue;
    items.push({
      id: row.id,
      scope,
      ...(row.title ? { filmLabel: row.year ? `${row.title} (${row.year})` : row.title } : {}),
      ...(row.slug ? { reviewSlug: row.slug } : {}),
    });
  }
  return items;
}

/** Confirms those of `ids` that are this address's and still pending; returns how many. */
export async function confirmSubscriptions(db: Db, email: string, ids: number[]): Promise<number> {
  if (ids.length === 0) return 0;
  const result = await db.kysely
    .updateTable("mail_subscriptions")
    .set({ status: "confirmed", confirmed_at: nowIso() })
    .where("email", "=", email)
    .where("status", "=", "pending")
    .where("id", "in", ids)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Leaves a list. For "author", which needs no subscribing, this records the opt-out. */
export async function unsubscribe(db: Db, email: string, scope: Scope): Promise<void> {
  const now = nowIso();
  if (scope === "author") {
    await db.kysely
      .insertInto("mail_subscriptions")
      .values({ email, scope, review_id: null, status: "unsubscribed", created_at: now })
      .onConflict((oc) => oc.columns(["email", "scope"]).doNothing())
      .execute();
  }
  await db.kysely
    .updateTable("mail_subscriptions")
    .set({ status: "unsubscribed", unsubscribed_at: now })
    .where("email", "=", email)
    .where("scope", "=", scope)
    .where("status", "!=", "unsubscribed")
    .execute();
}

export async function subscriptionStatus(
  db: Db,
  email: string,
  scope: Scope,
): Promise<SubscriptionStatus | undefined> {
  const row = await db.kysely
    .selectFrom("mail_subscriptions")
    .select("status")
    .where("email", "=", email)
    .where("scope", "=", scope)
    .executeTakeFirst();
  return row?.status;
}

/** Addresses with a confirmed subscription to a list. */
export async function confirmedSubscribers(db: Db, scope: Scope): Promise<string[]> {
  const rows = await db.kysely
    .selectFrom("mail_subscriptions")
    .select("email")
    .where("scope", "=", scope)
    .where("status", "=", "confirmed")
    .orderBy("id")
    .execute();
  return rows.map((r) => r.email);
}

/** What a list is about, for the pages that name it. */
export async function describeScope(
  db: Db,
  scope: Scope,
): Promise<{ scope: Scope; filmLabel?: string; reviewSlug?: string }> {
  if (!scope.startsWith("review:")) return { scope };
  const row = await db.kysely
    .selectFrom("reviews")
    .innerJoin("films", "films.id", "reviews.film_id")
    .select(["reviews.slug as slug", "films.title as title", "films.year as year"])
    .where("reviews.id", "=", Number(scope.slice("review:".length)))
    .executeTakeFirst();
  if (!row) return { scope };
  return {
    scope,
    filmLabel: row.year ? `${row.title} (${row.year})` : row.title,
    reviewSlug: row.slug,
  };
}

/** Unconfirmed subscriptions are forgotten after this long; their links died long before. */
const keepUnconfirmedMs = 30 * 24 * 60 * 60 * 1000;

/** Forgets old unconfirmed subscriptions and confirmation slots that have expired. */
export async function tidySubscriptions(db: Db, now: Date): Promise<void> {
  await db.kysely
    .deleteFrom("mail_subscriptions")
    .where("status", "=", "pending")
    .where("created_at", "<", new Date(now.getTime() - keepUnconfirmedMs).toISOString())
    .execute();
  await db.kysely
    .deleteFrom("mail_confirmations")
    .where("last_sent_at", "<", new Date(now.getTime() - confirmationIntervalMs).toISOString())
    .execute();
}
