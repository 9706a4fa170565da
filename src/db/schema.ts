// Table types for Kysely. These are the single source of truth for row shapes:
// domain code derives its types from here (Selectable/Insertable), never by hand.
//
// Portability choices (see README, "Architecture"):
// - times are ISO-8601 UTC strings (`2026-11-26T09:00:00.000Z`) on both databases, so they
//   compare and sort the same way everywhere and never shift with a server's time zone;
// - booleans are integers 0/1 on both databases;
// - ratings are stored on a 0–100 scale and shown on the site's chosen scale.
import type { ColumnType, Generated, Selectable } from "kysely";
import type {
  CommenterIdentitiesTable,
  CommenterSessionsTable,
  MastodonAppsTable,
  PendingSignInsTable,
} from "./schema-commenters.ts";
import type {
  FilmLogTable,
  ImportItemsTable,
  ImportJobsTable,
  RedirectsTable,
} from "./schema-imports.ts";
import type {
  MailAnnouncementsTable,
  MailConfirmationsTable,
  MailOutboxTable,
  MailSubscriptionsTable,
} from "./schema-mail.ts";
import type { BackupRunsTable } from "./schema-backup-runs.ts";
import type { WebmentionsTable } from "./schema-webmentions.ts";
import type { FederationWriterKeysTable, FederationWritersTable } from "./schema-writers.ts";
import type {
  FederationBlocksTable,
  FederationFollowersTable,
  FederationKeysTable,
  FederationKvTable,
  FederationCommentNotesTable,
  FederationMentionsTable,
  FederationPostsTable,
  FederationPostSendsTable,
  FederationQueueTable,
  FederationReactionsTable,
  FederationRepliesTable,
} from "./schema-federation.ts";
import type { SignInLinksTable } from "./schema-sign-in-links.ts";
import type { ReviewUpNextTable } from "./schema-up-next.ts";

export type * from "./schema-backup-runs.ts";
export type * from "./schema-webmentions.ts";
export type * from "./schema-commenters.ts";
export type * from "./schema-federation.ts";
export type * from "./schema-imports.ts";
export type * from "./schema-mail.ts";
export type * from "./schema-sign-in-links.ts";
export type * from "./schema-up-next.ts";

export type Role = "owner" | "editor" | "author" | "contributor";
export type ReviewStatus = "draft" | "scheduled" | "published";
export type CreditRole = "director" | "writer" | "cast" | "cinematography" | "music";

interface UsersTable {
  id: Generated<number>;
  email: string;
  display_name: string;
  role: Role;
  password_hash: string | null;
  created_at: string;
}

interface FilmsTable {
  id: Generated<number>;
  slug: string;
  title: string;
  original_title: string | null;
  year: number | null;
  runtime_minutes: number | null;
  /** ISO 3166-1 alpha-2 codes, comma separated ("FR,IT"). */
  countries: string;
  imdb_id: string | null;
  tmdb_id: string | null;
  wikidata_id: string | null;
  letterboxd_slug: string | null;
  created_at: string;
  updated_at: string;
}

interface PeopleTable {
  id: Generated<number>;
  slug: string;
  name: string;
  created_at: string;
}

interface CreditsTable {
  id: Generated<number>;
  film_id: number;
  person_id: number;
  role: CreditRole;
  /** For cast: the character played. */
  character: string | null;
  /** Billing order within the role. */
  position: number;
}

interface ReviewsTable {
  id: Generated<number>;
  film_id: number;
  author_id: number;
  slug: string;
  body_md: string;
  /** body_md rendered and sanitised, kept in step with it by the domain. */
  body_html: Generated<string>;
  excerpt: string;
  /** 0–100, or null when the review is unrated. */
  rating: number | null;
  watched_on: string | null;
  is_rewatch: number;
  has_spoilers: number;
  status: ReviewStatus;
  /** When it went (or goes, for scheduled reviews) public. */
  published_at: string | null;
  created_at: string;
  updated_at: string;
}

interface StillsTable {
  id: Generated<number>;
  review_id: number;
  /** Path below the media directory, e.g. `stills/12/original.jpg`. */
  path: string;
  width: number;
  height: number;
  alt: string;
  caption: string | null;
  position: number;
  /** JSON list of StillVariant (src/media/still-variants.ts): the responsive files. */
  variants: Generated<string>;
  /** Base64 ThumbHash for a placeholder while the image loads. */
  thumbhash: string | null;
}

interface TagsTable {
  id: Generated<number>;
  slug: string;
  name: string;
}

interface ReviewTagsTable {
  review_id: number;
  tag_id: number;
}

interface SeriesTable {
  id: Generated<number>;
  slug: string;
  title: string;
  description: string;
  created_at: string;
  updated_at: string;
}

interface SeriesEntriesTable {
  id: Generated<number>;
  series_id: number;
  film_id: number;
  position: number;
  /** The review that covers this entry, once one is written. */
  review_id: number | null;
}

interface SettingsTable {
  key: string;
  value: string;
}

interface ContentChangesTable {
  id: Generated<number>;
  /** Space-separated cache tags (see src/domain/changes.ts). */
  tags: string;
  at: string;
}

interface SessionsTable {
  /** SHA-256 (hex) of the random token in the cookie. */
  id: string;
  user_id: number;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  user_agent: string;
}

interface SignInAttemptsTable {
  id: Generated<number>;
  /** `ip:ADDRESS` or `email:ADDRESS`: one failed sign-in counted against it. */
  key: string;
  at: string;
}

interface PasskeysTable {
  id: Generated<number>;
  user_id: number;
  /** base64url, as the browser names the credential. */
  credential_id: string;
  /** COSE public key, base64url. */
  public_key: string;
  /** bigint: PostgreSQL returns it as a string, so read it with Number(). */
  counter: ColumnType<number | string, number, number>;
  /** Comma-separated transports. */
  transports: string;
  name: string;
  backed_up: number;
  created_at: string;
  last_used_at: string | null;
}

export type WebauthnPurpose = "register" | "sign-in";

interface WebauthnChallengesTable {
  /** base64url; single-use, deleted when answered. */
  challenge: string;
  purpose: WebauthnPurpose;
  /** Whose account a `register` challenge adds a passkey to; null for `sign-in`. */
  user_id: number | null;
  expires_at: string;
}

interface ReviewRevisionsTable {
  id: Generated<number>;
  review_id: number;
  body_md: string;
  author_id: number | null;
  created_at: string;
}

interface ReviewAutosavesTable {
  id: Generated<number>;
  user_id: number;
  /** The review being edited; null for a review not saved yet (see draft_key). */
  review_id: number | null;
  /** The editor page's own key for a new review, until it is saved for real. */
  draft_key: string | null;
  /** JSON of the editor's fields as typed (src/domain/review-autosave.ts reads it). */
  fields: string;
  saved_at: string;
}

export type CommentStatus = "pending" | "approved" | "spam" | "trash";
/** Webmentions (migration 030) arrive as "mention", "reply", "like" or "repost". */
export type CommentKind =
  "comment" | "pingback" | "trackback" | "mention" | "reply" | "like" | "repost";

export interface CommentsTable {
  id: Generated<number>;
  /** The review the comment is on; null when it is on a post or page (migration 019). */
  review_id: number | null;
  /** The post or page the comment is on; exactly one of review_id and post_id is set. */
  post_id: number | null;
  parent_id: number | null;
  author_name: string;
  /** Never shown on any page or feed. */
  author_email: string;
  author_url: string | null;
  body_md: string;
  /** body_md rendered with the comment subset and sanitised (src/content/comment-markdown). */
  body_html: string;
  status: CommentStatus;
  kind: Generated<CommentKind>;
  /** The commenter's choices, 0/1; mail is sent by a later feature. */
  notify_replies: Generated<number>;
  notify_posts: Generated<number>;
  ip: Generated<string>;
  user_agent: Generated<string>;
  created_at: string;
  approved_at: string | null;
  /** The status before the comment went to spam or trash, for "Not spam" and "Restore". */
  prior_status: CommentStatus | null;
  /** Why the moderation rules did not approve it at once (migration 021); null otherwise. */
  hold_reason: Generated<string | null>;
  /** The page on another site a Webmention came from (migration 030); null otherwise. */
  source_url: Generated<string | null>;
  /** A fediverse author's @user@server (migration 032); null for the site's own comments. */
  author_handle: Generated<string | null>;
  /** That author's picture, copied under the media directory; null when there is none. */
  avatar_path: Generated<string | null>;
}

/** Posts and pages that are not reviews (migration 015; src/domain/posts.ts). */
export type PostKind = "post" | "page";

interface PostsTable {
  id: Generated<number>;
  kind: PostKind;
  /** Unique within its kind. */
  slug: string;
  title: string;
  /** Markdown or, for imported posts, WordPress's HTML as it was: both render the same way. */
  body_md: string;
  /** body_md rendered and sanitised like a review's body (src/content/markdown.ts). */
  body_html: Generated<string>;
  excerpt: string;
  status: ReviewStatus;
  author_id: number;
  parent_id: number | null;
  menu_order: Generated<number>;
  published_at: string | null;
  created_at: string;
  updated_at: string;
}

interface PostTagsTable {
  post_id: number;
  tag_id: number;
}

export interface Database {
  users: UsersTable;
  films: FilmsTable;
  people: PeopleTable;
  credits: CreditsTable;
  reviews: ReviewsTable;
  stills: StillsTable;
  tags: TagsTable;
  review_tags: ReviewTagsTable;
  series: SeriesTable;
  series_entries: SeriesEntriesTable;
  settings: SettingsTable;
  content_changes: ContentChangesTable;
  sessions: SessionsTable;
  sign_in_attempts: SignInAttemptsTable;
  passkeys: PasskeysTable;
  webauthn_challenges: WebauthnChallengesTable;
  review_revisions: ReviewRevisionsTable;
  review_autosaves: ReviewAutosavesTable;
  comments: CommentsTable;
  commenter_identities: CommenterIdentitiesTable;
  commenter_sessions: CommenterSessionsTable;
  pending_sign_ins: PendingSignInsTable;
  mastodon_apps: MastodonAppsTable;
  mail_outbox: MailOutboxTable;
  mail_subscriptions: MailSubscriptionsTable;
  mail_confirmations: MailConfirmationsTable;
  mail_announcements: MailAnnouncementsTable;
  import_items: ImportItemsTable;
  redirects: RedirectsTable;
  import_jobs: ImportJobsTable;
  posts: PostsTable;
  post_tags: PostTagsTable;
  film_log: FilmLogTable;
  review_up_next: ReviewUpNextTable;
  sign_in_links: SignInLinksTable;
  backup_runs: BackupRunsTable;
  webmentions: WebmentionsTable;
  federation_kv: FederationKvTable;
  federation_queue: FederationQueueTable;
  federation_keys: FederationKeysTable;
  federation_followers: FederationFollowersTable;
  federation_blocks: FederationBlocksTable;
  federation_posts: FederationPostsTable;
  federation_post_sends: FederationPostSendsTable;
  federation_reactions: FederationReactionsTable;
  federation_replies: FederationRepliesTable;
  federation_comment_notes: FederationCommentNotesTable;
  federation_mentions: FederationMentionsTable;
  federation_writers: FederationWritersTable;
  federation_writer_keys: FederationWriterKeysTable;
}

export type User = Selectable<UsersTable>;
export type Film = Selectable<FilmsTable>;
export type Person = Selectable<PeopleTable>;
export type Credit = Selectable<CreditsTable>;
export type Review = Selectable<ReviewsTable>;
export type Still = Selectable<StillsTable>;
export type Tag = Selectable<TagsTable>;
export type Series = Selectable<SeriesTable>;
export type Session = Selectable<SessionsTable>;
export type Passkey = Selectable<PasskeysTable>;
export type ReviewRevision = Selectable<ReviewRevisionsTable>;
export type Comment = Selectable<CommentsTable>;
export type Post = Selectable<PostsTable>;
