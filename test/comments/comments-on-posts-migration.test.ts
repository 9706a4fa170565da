// Migration 019 on a site that already has comments: every row keeps its id, words, status and
// thread (SQLite rebuilds the table; PostgreSQL alters it), the old indexes are there, and new
// ids follow the old ones.
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrateToLatest } from "../../src/db/migrate.ts";
import { createComment } from "../../src/domain/comments.ts";
import { openDatabaseAt, type DatabaseAtMigration } from "../support/database-at-migration.ts";
import { dialects } from "../support/databases.ts";

describe.each(dialects)("migration 019 on existing comments, %s", (dialect) => {
  let site: DatabaseAtMigration;
  let before: unknown[];

  beforeAll(async () => {
    site = await openDatabaseAt(dialect, "018-review-up-next");
    const { db } = site;
    const now = new Date().toISOString();
    const user = await db.kysely
      .insertInto("users")
      .values({
        email: "o@example.com",
        display_name: "Owner",
        role: "owner",
        created_at: now,
      } as never)
      .returning("id")
      .executeTakeFirstOrThrow();
    const film = await db.kysely
      .insertInto("films")
      .values({
        title: "Before",
        slug: "before-1990",
        year: 1990,
        created_at: now,
        updated_at: now,
      } as never)
      .returning("id")
      .executeTakeFirstOrThrow();
    const review = await db.kysely
      .insertInto("reviews")
      .values({
        film_id: film.id,
        author_id: user.id,
        slug: "before-1990",
        status: "published",
        body_md: "x",
        published_at: now,
        created_at: now,
        updated_at: now,
      } as never)
      .returning("id")
      .executeTakeFirstOrThrow();
    // A reply stored before its parent (ids out of thread order), as a restore may leave them.
    const base = {
      review_id: review.id,
      author_email: "r@example.com",
      body_html: "<p>x</p>",
      created_at: now,
    };
    await sql`insert into comments (id, review_id, parent_id, author_name, author_email, body_md, body_html, status, created_at) values (5, ${review.id}, null, 'Parent', 'p@example.com', 'parent', '<p>parent</p>', 'approved', ${now})`.execute(
      db.kysely,
    );
    await db.kysely
      .insertInto("comments")
      .values([
        {
          ...base,
          id: 2,
          parent_id: 5,
          author_name: "Early reply",
          body_md: "reply",
          status: "approved",
        },
        {
          ...base,
          id: 7,
          parent_id: 2,
          author_name: "Deeper",
          body_md: "deeper",
          status: "pending",
        },
        {
          ...base,
          id: 9,
          parent_id: null,
          author_name: "Spam",
          body_md: "spam",
          status: "spam",
          prior_status: null,
        },
      ] as never)
      .execute();
    if (dialect === "postgres") {
      await sql`select setval(pg_get_serial_sequence('comments', 'id'), 9)`.execute(db.kysely);
    }
    before = await db.kysely.selectFrom("comments").selectAll().orderBy("id").execute();
    await migrateToLatest(db);
  });
  afterAll(() => site.dispose());

  it("keeps every row: id, words, status and thread", async () => {
    const after = await site.db.kysely.selectFrom("comments").selectAll().orderBy("id").execute();
    // Every column the rows had keeps its value; later migrations may add columns of their own.
    const asBefore = after.map((row) =>
      Object.fromEntries(Object.keys(before[0] as object).map((key) => [key, row[key as never]])),
    );
    expect(asBefore).toEqual(before);
    expect(after.map((row) => row.post_id)).toEqual(before.map(() => null));
  });

  it("keeps the old indexes and adds one for posts", async () => {
    const names =
      dialect === "sqlite"
        ? (
            await sql<{
              name: string;
            }>`select name from sqlite_master where type = 'index' and tbl_name = 'comments'`.execute(
              site.db.kysely,
            )
          ).rows.map((r) => r.name)
        : (
            await sql<{
              name: string;
            }>`select indexname as name from pg_indexes where tablename = 'comments' and schemaname = current_schema()`.execute(
              site.db.kysely,
            )
          ).rows.map((r) => r.name);
    for (const name of [
      "comments_review_status_created",
      "comments_email_status",
      "comments_ip_created",
      "comments_post_status_created",
    ]) {
      expect(names).toContain(name);
    }
  });

  it("numbers new comments after the old ones, and deleting a parent still frees its reply", async () => {
    const review = await site.db.kysely
      .selectFrom("reviews")
      .select("id")
      .executeTakeFirstOrThrow();
    const fresh = await createComment(site.db, {
      reviewId: review.id,
      name: "New",
      email: "n@example.com",
      body: "After the upgrade.",
      status: "approved",
    });
    expect(fresh.id).toBeGreaterThan(9);
    await site.db.kysely.deleteFrom("comments").where("id", "=", 2).execute();
    const deeper = await site.db.kysely
      .selectFrom("comments")
      .select("parent_id")
      .where("id", "=", 7)
      .executeTakeFirstOrThrow();
    expect(deeper.parent_id).toBeNull();
  });
});
