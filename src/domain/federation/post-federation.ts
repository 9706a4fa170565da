// Which posts and pages (not reviews) the fediverse should hear about, when the owner chose to
// send that kind: public ones published since the choice was turned on, never sent or edited
// since (Create or Update), and sent ones no longer public (Delete). Claimed once each by
// compare-and-set, as reviews are (review-federation.ts).
import type { Db } from "../../db/connect.ts";
import type { PostKind } from "../../db/schema.ts";
import { isPublicPost } from "../posts-public.ts";
import { nowIso } from "../time.ts";

export interface PostToSend {
  id: number;
  kind: PostKind;
  slug: string;
  title: string;
  excerpt: string;
  publishedAt: string;
  updatedAt: string;
  /** Set when an earlier version went out: this one is an Update. */
  sentBefore: boolean;
  /** The version that went out last (null: none), which claiming this send must still find. */
  sentUpdatedAt: string | null;
}

/** Settings key: posts of this kind published before it was turned on are never sent. */
const sinceKey = (kind: PostKind) => `federation.since.${kind}`;

/** Records that sending this kind begins now (the owner just turned it on). */
export async function beginSendingKind(db: Db, kind: PostKind): Promise<void> {
  await db.kysely.deleteFrom("settings").where("key", "=", sinceKey(kind)).execute();
  await kindSince(db, kind);
}

/** When sending this kind began; the first call records now. */
async function kindSince(db: Db, kind: PostKind): Promise<string> {
  await db.kysely
    .insertInto("settings")
    .values({ key: sinceKey(kind), value: nowIso() })
    .onConflict((oc) => oc.column("key").doNothing())
    .execute();
  const row = await db.kysely
    .selectFrom("settings")
    .select("value")
    .where("key", "=", sinceKey(kind))
    .executeTakeFirstOrThrow();
  return row.value;
}

function postColumns(db: Db) {
  return db.kysely
    .selectFrom("posts")
    .leftJoin("federation_post_sends", "federation_post_sends.post_id", "posts.id")
    .select([
      "posts.id as id",
      "posts.kind as kind",
      "posts.slug as slug",
      "posts.title as title",
      "posts.excerpt as excerpt",
      "posts.published_at as publishedAt",
      "posts.updated_at as updatedAt",
      "federation_post_sends.sent_updated_at as sentUpdatedAt",
    ]);
}

type PostRow = Awaited<ReturnType<ReturnType<typeof postColumns>["execute"]>>[number];

function asPostToSend(row: PostRow): PostToSend {
  return {
    ...row,
    publishedAt: row.publishedAt!,
    sentBefore: row.sentUpdatedAt !== null,
  };
}

export async function postsToSend(
  db: Db,
  kinds: PostKind[],
  now: string,
  limit = 20,
): Promise<PostToSend[]> {
  const found: PostToSend[] = [];
  for (const kind of kinds) {
    const since = await kindSince(db, kind);
    const rows = await postColumns(db)
      .where(isPublicPost(now))
      .where("posts.kind", "=", kind)
      .where("posts.published_at", ">=", since)
      .where((eb) =>
        eb.or([
          eb("federation_post_sends.post_id", "is", null),
          eb("federation_post_sends.sent_updated_at", "<>", eb.ref("posts.updated_at")),
        ]),
      )
      .orderBy("posts.published_at")
      .limit(limit)
      .execute();
    found.push(...rows.map(asPostToSend));
  }
  return found;
}

/** A post the fediverse was sent and may still see, as its Article shows it. */
export async function sentPost(db: Db, postId: number): Promise<PostToSend | null> {
  const row = await postColumns(db)
    .where(isPublicPost(nowIso()))
    .where("posts.id", "=", postId)
    .where("federation_post_sends.post_id", "is not", null)
    .executeTakeFirst();
  if (!row) return null;
  return { ...asPostToSend(row), sentBefore: row.updatedAt > row.publishedAt! };
}

/** Posts sent earlier that are no longer public (unpublished, back to draft, deleted). */
export async function postsToRetract(db: Db, now: string): Promise<number[]> {
  const rows = await db.kysely
    .selectFrom("federation_post_sends")
    .leftJoin("posts", "posts.id", "federation_post_sends.post_id")
    .select("federation_post_sends.post_id as id")
    .where((eb) =>
      eb.or([
        eb("posts.id", "is", null),
        eb.not(
          eb.and([
            eb("posts.status", "in", ["published", "scheduled"]),
            eb("posts.published_at", "is not", null),
            eb("posts.published_at", "<=", now),
          ]),
        ),
      ]),
    )
    .limit(50)
    .execute();
  return rows.map((r) => r.id);
}

/** Claims the sending of this version of a post: true for exactly one caller. */
export async function claimPostSend(
  db: Db,
  post: Pick<PostToSend, "id" | "updatedAt" | "sentUpdatedAt">,
): Promise<boolean> {
  const values = { sent_updated_at: post.updatedAt, sent_at: nowIso() };
  if (post.sentUpdatedAt === null) {
    const inserted = await db.kysely
      .insertInto("federation_post_sends")
      .values({ post_id: post.id, ...values })
      .onConflict((oc) => oc.column("post_id").doNothing())
      .returning("post_id")
      .executeTakeFirst();
    return inserted !== undefined;
  }
  const updated = await db.kysely
    .updateTable("federation_post_sends")
    .set(values)
    .where("post_id", "=", post.id)
    .where("sent_updated_at", "=", post.sentUpdatedAt)
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) === 1;
}

/** Claims the Delete of a post sent earlier: true for the one caller that removed the record. */
export async function claimPostRetraction(db: Db, postId: number): Promise<boolean> {
  const result = await db.kysely
    .deleteFrom("federation_post_sends")
    .where("post_id", "=", postId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}
