// Migration 037 on a site that already sent comment Notes: each is taken as sent with the
// words it has now (so upgrading sends no Update for old comments), and an edit made after the
// upgrade is found as due.
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrateToLatest } from "../../src/db/migrate.ts";
import { createComment } from "../../src/domain/comments.ts";
import { commentNotesToUpdate } from "../../src/domain/federation/comment-notes.ts";
import { createReview } from "../../src/domain/reviews.ts";
import { openDatabaseAt, type DatabaseAtMigration } from "../support/database-at-migration.ts";
import { dialects } from "../support/databases.ts";
import { buildFixture } from "../support/fixture.ts";

describe.each(dialects)("migration 037 on comment Notes already sent, %s", (dialect) => {
  let site: DatabaseAtMigration;
  let commentId: number;

  beforeAll(async () => {
    site = await openDatabaseAt(dialect, "035-listing-indexes");
    const { db } = site;
    // Today's domain code writes reviews into search's own index, which migration 041 makes:
    // stand-ins take those writes here, and go before the migrations run.
    await sql`create table search_texts (review_id integer primary key, body_text text)`.execute(
      db.kysely,
    );
    await sql`create table search_postings (token text, review_id integer, impact real)`.execute(
      db.kysely,
    );
    const fixture = await buildFixture(db);
    const review = await createReview(db, {
      filmId: fixture.films.friday.id,
      authorId: fixture.author.id,
      body: "Sent before the upgrade.",
      status: "published",
    });
    await db.kysely
      .insertInto("federation_posts")
      .values({
        review_id: review.id,
        sent_at: "2026-01-01T00:00:00Z",
        sent_updated_at: "2026-01-01T00:00:00Z",
      })
      .execute();
    const comment = await createComment(db, {
      reviewId: review.id,
      name: "Rosalind",
      email: "rosalind@example.test",
      body: "Sent as a Note long ago.",
      status: "approved",
    });
    commentId = comment.id;
    await db.kysely
      .insertInto("federation_comment_notes")
      .values({
        comment_id: comment.id,
        review_id: review.id,
        sent_at: "2026-01-01T00:00:00Z",
      })
      .execute();
    await sql`drop table search_postings`.execute(db.kysely);
    await sql`drop table search_texts`.execute(db.kysely);
    await migrateToLatest(db);
  });
  afterAll(async () => {
    await site?.dispose();
  });

  it("takes old Notes as sent with their present words, and finds a later edit", async () => {
    const { db } = site;
    const row = await db.kysely
      .selectFrom("federation_comment_notes")
      .selectAll()
      .where("comment_id", "=", commentId)
      .executeTakeFirstOrThrow();
    expect(row.sent_author_name).toBe("Rosalind");
    expect(row.sent_body_html).toContain("Sent as a Note long ago.");
    expect(row.edited_at).toBeNull();
    expect(await commentNotesToUpdate(db)).toEqual([]);

    await db.kysely
      .updateTable("comments")
      .set({ body_html: "<p>Edited after the upgrade.</p>" })
      .where("id", "=", commentId)
      .execute();
    expect((await commentNotesToUpdate(db)).map((c) => c.id)).toEqual([commentId]);
  });
});
