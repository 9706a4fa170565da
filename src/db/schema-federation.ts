// Table types for federation (migrations 028, 029, 032 and 033); src/db/schema.ts gathers every table.
import type { Generated } from "kysely";

/** Fedify's key-value store (src/federation/kv-store.ts). */
export interface FederationKvTable {
  /** JSON array of the key's parts. */
  key: string;
  /** JSON. */
  value: string;
  expires_at: string | null;
}

/** Fedify's message queue (src/federation/message-queue.ts). */
export interface FederationQueueTable {
  id: Generated<number>;
  message: string;
  ordering_key: string | null;
  created_at: string;
  due_at: string;
  attempts: Generated<number>;
  claimed_until: string | null;
  last_error: string | null;
}

export type FederationKeyAlgorithm = "RSASSA-PKCS1-v1_5" | "Ed25519";

export interface FederationKeysTable {
  algorithm: FederationKeyAlgorithm;
  private_jwk: string;
  public_jwk: string;
  created_at: string;
}

export type FollowerStatus = "accepted" | "pending";

export interface FederationFollowersTable {
  id: Generated<number>;
  actor_uri: string;
  host: string;
  handle: string | null;
  name: string | null;
  inbox_uri: string;
  shared_inbox_uri: string | null;
  follow_id: string | null;
  status: FollowerStatus;
  created_at: string;
  /** The local actor followed: 0 for the blog, else the writer's user id (migration 036). */
  writer_id: Generated<number>;
}

export type FederationBlockKind = "actor" | "server";

export interface FederationBlocksTable {
  id: Generated<number>;
  kind: FederationBlockKind;
  value: string;
  created_at: string;
}

export interface FederationPostsTable {
  review_id: number;
  sent_updated_at: string;
  sent_at: string;
}

/** Posts and pages sent to followers, when the owner chose to (migration 038). */
export interface FederationPostSendsTable {
  post_id: number;
  sent_updated_at: string;
  sent_at: string;
}

export type ReactionKind = "like" | "boost";

/** Likes and boosts of reviews (migration 033). */
export interface FederationReactionsTable {
  id: Generated<number>;
  review_id: number;
  kind: ReactionKind;
  actor_uri: string;
  host: string;
  activity_id: string;
  created_at: string;
}

/** Remote Notes that became comments (migration 032). */
export interface FederationRepliesTable {
  id: Generated<number>;
  comment_id: number;
  note_id: string;
  actor_uri: string;
  actor_host: string;
  actor_inbox: string | null;
  created_at: string;
}

/** The site's own comments sent to the fediverse as Notes (migration 032). */
export interface FederationCommentNotesTable {
  comment_id: number;
  review_id: number;
  sent_at: string;
  /** The author name and body the fediverse last received (migration 037). */
  sent_author_name: string | null;
  sent_body_html: string | null;
  /** When the last Update(Note) went out; null until the comment is edited. */
  edited_at: string | null;
  /** The remote Note's author this comment answers, sent every activity about it. */
  addressee_actor: string | null;
  addressee_inbox: string | null;
}

/** Notes mentioning the blog with no thread here to go in (migration 032). */
export interface FederationMentionsTable {
  id: Generated<number>;
  note_id: string;
  actor_uri: string;
  author_name: string;
  author_handle: string | null;
  url: string;
  body_html: string;
  created_at: string;
}
