// The moderation screens' operations without HTTP, on both databases: the queue as each role
// sees it, one row's action (and deletion only from spam or the trash), a bulk action that a
// single forged id refuses whole with nothing changed, and replies refused under spam.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CommentStatus, User } from "../../src/db/schema.ts";
import {
  commentToModerate,
  isRepliable,
  moderateOneComment,
  moderateSelectedComments,
  moderationQueuePage,
  replyToComment,
} from "../../src/domain/comment-moderation-operations.ts";
import { commentById, createComment } from "../../src/domain/comments.ts";
import { createReview } from "../../src/domain/reviews.ts";
import { createUser } from "../../src/domain/users.ts";
import { dialects, openTestDb, type TestDb } from "../support/databases.ts";
import { buildFixture } from "../support/fixture.ts";

const allQuery = { status: "all" as const, reviewId: undefined, search: "", page: 1 };

describe.each(dialects)("comment moderation operations on %s", (dialect) => {
  let db: TestDb;
  let owner: User;
  let author: User;
  let contributor: User;
  let ownersReviewId: number;
  let authorsReviewId: number;

  beforeAll(async () => {
    db = await openTestDb(dialect);
    const f = await buildFixture(db);
    owner = f.author;
    author = await createUser(db, { email: "a@example.com", displayName: "Au", role: "author" });
    contributor = await createUser(db, {
      email: "c@example.com",
      displayName: "Co",
      role: "contributor",
    });
    ownersReviewId = f.reviews.vegasReview.id;
    const authors = await createReview(db, {
      filmId: f.films.friday.id,
      authorId: author.id,
      body: "The author's own review.",
      status: "published",
    });
    authorsReviewId = authors.id;
  });
  afterAll(async () => {
    await db.dispose();
  });

  let seq = 0;
  const add = (reviewId: number, status: CommentStatus) =>
    createComment(db, {
      reviewId,
      name: "Reader",
      email: "reader@example.com",
      body: `Comment ${++seq}.`,
      status,
    });
  const statusOf = async (id: number) => (await commentById(db, id))?.status;

  it("shows an author only the comments under their own reviews, and a contributor none", async () => {
    const onOwners = await add(ownersReviewId, "pending");
    const onAuthors = await add(authorsReviewId, "pending");
    const everyone = await moderationQueuePage(db, owner, allQuery);
    const own = await moderationQueuePage(db, author, allQuery);
    if (!everyone.ok || !own.ok) throw new Error("an owner and an author moderate");
    const ids = (page: typeof own) => page.rows.map((r) => r.comment.id);
    expect(ids(everyone)).toEqual(expect.arrayContaining([onOwners.id, onAuthors.id]));
    expect(ids(own)).toContain(onAuthors.id);
    expect(ids(own)).not.toContain(onOwners.id);
    expect(own.reviews.map((r) => r.id)).toEqual([authorsReviewId]);
    expect(own.counts.pending).toBe(own.total);
    expect(own.pages).toBe(1);
    expect(await moderationQueuePage(db, contributor, allQuery)).toEqual({
      ok: false,
      reason: "forbidden",
    });
  });

  it("finds a comment to moderate only for someone who may moderate it", async () => {
    const onOwners = await add(ownersReviewId, "pending");
    const onAuthors = await add(authorsReviewId, "pending");
    expect(await commentToModerate(db, owner, onAuthors.id)).toMatchObject({
      ok: true,
      target: { comment: { id: onAuthors.id }, subject: { kind: "review", id: authorsReviewId } },
    });
    expect(await commentToModerate(db, author, onOwners.id)).toEqual({
      ok: false,
      reason: "forbidden",
    });
    expect(await commentToModerate(db, contributor, onAuthors.id)).toEqual({
      ok: false,
      reason: "forbidden",
    });
    expect(await commentToModerate(db, owner, 987654)).toEqual({ ok: false, reason: "not-found" });
  });

  it("carries out a row's action once, and deletes only from spam or the trash", async () => {
    const comment = await add(authorsReviewId, "pending");
    expect(await moderateOneComment(db, author, comment.id, "approve")).toEqual({
      ok: true,
      changed: true,
    });
    expect(await moderateOneComment(db, author, comment.id, "approve")).toEqual({
      ok: true,
      changed: false,
    });
    expect(await moderateOneComment(db, author, comment.id, "delete")).toEqual({
      ok: true,
      changed: false,
    });
    expect(await statusOf(comment.id)).toBe("approved");
    await moderateOneComment(db, author, comment.id, "trash");
    expect(await moderateOneComment(db, author, comment.id, "delete")).toEqual({
      ok: true,
      changed: true,
    });
    expect(await commentById(db, comment.id)).toBeUndefined();
    const others = await add(ownersReviewId, "spam");
    expect(await moderateOneComment(db, author, others.id, "delete")).toEqual({
      ok: false,
      reason: "forbidden",
    });
    expect(await statusOf(others.id)).toBe("spam");
  });

  it("refuses a bulk action whole when one comment is not the moderator's, changing nothing", async () => {
    const mine = await add(authorsReviewId, "pending");
    const alsoMine = await add(authorsReviewId, "pending");
    const forged = await add(ownersReviewId, "pending");
    const ids = [mine.id, forged.id, alsoMine.id];
    expect(await moderateSelectedComments(db, author, ids, "spam")).toEqual({
      ok: false,
      reason: "forbidden",
    });
    for (const id of ids) expect(await statusOf(id)).toBe("pending");
    expect(await moderateSelectedComments(db, contributor, [mine.id], "spam")).toEqual({
      ok: false,
      reason: "forbidden",
    });
    expect(
      await moderateSelectedComments(db, author, [mine.id, alsoMine.id, 987654], "spam"),
    ).toEqual({ ok: true, changed: 2 });
    expect(await statusOf(mine.id)).toBe("spam");
    expect(await moderateSelectedComments(db, owner, ids, "spam")).toEqual({
      ok: true,
      changed: 1,
    });
    expect(await statusOf(forged.id)).toBe("spam");
  });

  it("replies under a waiting comment, approving it, and never under spam", async () => {
    const waiting = await add(authorsReviewId, "pending");
    const found = await commentToModerate(db, author, waiting.id);
    if (!found.ok) throw new Error("the author moderates comments on their review");
    const replied = await replyToComment(db, {
      target: found.target,
      user: author,
      body: "Thank you for reading.",
      maxDepth: 3,
    });
    expect(replied).toMatchObject({
      ok: true,
      reply: { parent_id: waiting.id, status: "approved", author_name: "Au" },
    });
    expect(await statusOf(waiting.id)).toBe("approved");

    const spam = await add(authorsReviewId, "spam");
    const spamTarget = await commentToModerate(db, author, spam.id);
    if (!spamTarget.ok) throw new Error("the author moderates comments on their review");
    expect(isRepliable(spamTarget.target.comment)).toBe(false);
    const before = await db.kysely
      .selectFrom("comments")
      .select("id")
      .where("parent_id", "=", spam.id)
      .execute();
    expect(
      await replyToComment(db, {
        target: spamTarget.target,
        user: author,
        body: "Hello?",
        maxDepth: 3,
      }),
    ).toEqual({ ok: false, reason: "not-repliable" });
    expect(before).toEqual([]);
    const after = await db.kysely
      .selectFrom("comments")
      .select("id")
      .where("parent_id", "=", spam.id)
      .execute();
    expect(after).toEqual([]);
    expect(await statusOf(spam.id)).toBe("spam");
  });
});
