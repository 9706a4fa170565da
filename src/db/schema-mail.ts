// Table types for mail (src/mail, migration 009); src/db/schema.ts gathers every table.
import type { Generated } from "kysely";

/** Mail (src/mail, migration 009): the outbox, subscriptions, and their bookkeeping. */
export type MailKind =
  | "confirmation"
  | "author-notice"
  | "reply-notice"
  | "post-notice"
  | "sign-in-link"
  | "password-reset";

export interface MailOutboxTable {
  id: Generated<number>;
  kind: MailKind;
  to_address: string;
  /** The list the recipient can leave from this mail ("posts", "review:ID", "author"). */
  list_scope: string | null;
  /** JSON, read back with zod by src/mail/messages.ts. */
  payload: string;
  dedupe_key: string | null;
  created_at: string;
  next_attempt_at: string;
  attempts: Generated<number>;
  claimed_until: string | null;
  sent_at: string | null;
  failed_at: string | null;
  last_error: string | null;
}

export type SubscriptionStatus = "pending" | "confirmed" | "unsubscribed";

export interface MailSubscriptionsTable {
  id: Generated<number>;
  email: string;
  scope: string;
  review_id: number | null;
  status: SubscriptionStatus;
  created_at: string;
  confirmed_at: string | null;
  unsubscribed_at: string | null;
}

export interface MailConfirmationsTable {
  email: string;
  last_sent_at: string;
}

export interface MailAnnouncementsTable {
  review_id: number;
  announced_at: string;
}
