// Content changes, announced so that cached pages showing that content are dropped.
//
// Tags say what changed; each cached page carries the tags of what it shows
// (src/web/cache/page-tags.ts):
//   site              everything (settings such as the site title)
//   public-set        which reviews are public (a publish or schedule): every listing and
//                     every review page (previous/next, Up Next)
//   lists             the summaries shown in listings, feeds and indexes
//   series            series pages and the Up Next line
//   comments          which comments are public: comment feeds and the comment counts in
//                     review listings (not every listing: see page-tags.ts)
//   review:SLUG       one review page
//   post:KIND:SLUG    one post or page (src/domain/posts.ts), KIND being post or page
import type { Db } from "../db/connect.ts";
import type { CommentSubject } from "./comment-subjects.ts";
import { nowIso } from "./time.ts";

export type ChangeTag =
  "site" | "public-set" | "lists" | "series" | "comments" | `review:${string}` | `post:${string}`;

/** How long the change log keeps rows; an instance that polls less often than this rebuilds. */
const keepChangesMs = 24 * 60 * 60 * 1000;

export async function recordChange(db: Db, tags: ChangeTag[]): Promise<void> {
  if (tags.length === 0) return;
  if (db.pendingChanges) db.pendingChanges.push(tags);
  else db.changes.emit(tags);
  const row = await db.kysely
    .insertInto("content_changes")
    .values({ tags: tags.join(" "), at: nowIso() })
    .returning("id")
    .executeTakeFirstOrThrow();
  for (const own of ownChangeIds.get(db.changes) ?? []) own.add(row.id);
  if (row.id % 500 === 0) {
    await db.kysely
      .deleteFrom("content_changes")
      .where("at", "<", new Date(Date.now() - keepChangesMs).toISOString())
      .execute();
  }
}

export async function reviewChangeTags(db: Db, reviewId: number): Promise<ChangeTag[]> {
  const review = await db.kysely
    .selectFrom("reviews")
    .select(["slug", "status"])
    .where("id", "=", reviewId)
    .executeTakeFirst();
  if (!review || review.status === "draft") return [];
  return [`review:${review.slug}`, "lists"];
}

/**
 * A review's or post's public comments changed (one shown, hidden or edited): its page, the
 * comment feeds and the listings counting its comments. Not "lists": feeds of reviews, search
 * and the sitemap show no comments, so a busy comment section does not keep emptying them.
 * A bare number is a review's id.
 */
export async function commentChangeTags(
  db: Db,
  subject: number | CommentSubject,
): Promise<ChangeTag[]> {
  const { kind, id } = typeof subject === "number" ? { kind: "review", id: subject } : subject;
  if (kind === "post") {
    const post = await db.kysely
      .selectFrom("posts")
      .select(["kind", "slug"])
      .where("id", "=", id)
      .executeTakeFirst();
    return post ? [`post:${post.kind}:${post.slug}`, "comments"] : [];
  }
  const review = await db.kysely
    .selectFrom("reviews")
    .select("slug")
    .where("id", "=", id)
    .executeTakeFirst();
  return review ? [`review:${review.slug}`, "comments"] : [];
}

// Changes this process made itself were already announced on its bus; pollers skip them.
// Keyed by the bus, which a transaction's Db shares with the Db it came from; one set per
// feed, so two caches following the same database each skip the process's own changes.
const ownChangeIds = new WeakMap<Db["changes"], Set<Set<number>>>();

export interface ChangeFeed {
  /** Tags of changes made by other processes since the last call. */
  poll(): Promise<string[]>;
}

export async function followChanges(db: Db): Promise<ChangeFeed> {
  const own = new Set<number>();
  const feeds = ownChangeIds.get(db.changes) ?? new Set<Set<number>>();
  feeds.add(own);
  ownChangeIds.set(db.changes, feeds);
  const latest = await db.kysely
    .selectFrom("content_changes")
    .select((eb) => eb.fn.max("id").as("max"))
    .executeTakeFirst();
  let lastSeen = latest?.max == null ? 0 : Number(latest.max);
  return {
    async poll() {
      const rows = await db.kysely
        .selectFrom("content_changes")
        .select(["id", "tags"])
        .where("id", ">", lastSeen)
        .orderBy("id")
        .execute();
      const tags: string[] = [];
      for (const row of rows) {
        lastSeen = Math.max(lastSeen, row.id);
        if (own.delete(row.id)) continue;
        tags.push(...row.tags.split(" "));
      }
      return tags;
    },
  };
}
