// Comments belong to any published content: a review, or a post or page (migration 015). A
// comment names exactly one of them — `review_id` or `post_id` — and the database refuses a
// row with both or neither, on SQLite and PostgreSQL alike.
//
// PostgreSQL alters the table in place. SQLite can neither drop NOT NULL nor add a CHECK with
// ALTER, so the table is rebuilt under a new name, every row copied with its id, the indexes
// made again, and the new table renamed into place. Its replies point at the new table from
// the start (`comments_next.parent_id`), and the rename rewrites that reference, so dropping
// the old table sets no reply's parent to null.
import { sql, type Kysely } from "kysely";
import type { Dialect } from "../connect.ts";
import { idColumn } from "./columns.ts";

const oneSubject = sql`(review_id is null) <> (post_id is null)`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  if (dialect === "postgres") {
    await db.schema
      .alterTable("comments")
      .alterColumn("review_id", (c) => c.dropNotNull())
      .execute();
    await db.schema
      .alterTable("comments")
      .addColumn("post_id", "integer", (c) => c.references("posts.id").onDelete("cascade"))
      .execute();
    await db.schema
      .alterTable("comments")
      .addCheckConstraint("comments_one_subject", oneSubject)
      .execute();
  } else {
    await rebuildOnSqlite(db, dialect);
  }
  await db.schema
    .createIndex("comments_post_status_created")
    .on("comments")
    .columns(["post_id", "status", "created_at"])
    .execute();
}

const columns = [
  "id",
  "review_id",
  "parent_id",
  "author_name",
  "author_email",
  "author_url",
  "body_md",
  "body_html",
  "status",
  "kind",
  "notify_replies",
  "notify_posts",
  "ip",
  "user_agent",
  "created_at",
  "approved_at",
  "prior_status",
];

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function rebuildOnSqlite(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const id = idColumn(dialect);
  await db.schema
    .createTable("comments_next")
    .addColumn("id", id.type, id.build)
    .addColumn("review_id", "integer", (c) => c.references("reviews.id").onDelete("cascade"))
    .addColumn("parent_id", "integer", (c) => c.references("comments_next.id").onDelete("set null"))
    .addColumn("author_name", "text", (c) => c.notNull())
    .addColumn("author_email", "text", (c) => c.notNull())
    .addColumn("author_url", "text")
    .addColumn("body_md", "text", (c) => c.notNull())
    .addColumn("body_html", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull().defaultTo("comment"))
    .addColumn("notify_replies", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("notify_posts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("ip", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("user_agent", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("approved_at", "text")
    .addColumn("prior_status", "text")
    .addColumn("post_id", "integer", (c) => c.references("posts.id").onDelete("cascade"))
    .addCheckConstraint("comments_one_subject", oneSubject)
    .execute();
  const list = sql.join(columns.map((c) => sql.ref(c)));
  const withoutParent = sql.join(columns.map((c) => (c === "parent_id" ? sql`null` : sql.ref(c))));
  // Rows first, threads after: a parent copied after its reply would fail the foreign key.
  await sql`insert into comments_next (${list}) select ${withoutParent} from comments`.execute(db);
  await sql`update comments_next set parent_id = (
    select old.parent_id from comments as old where old.id = comments_next.id
  )`.execute(db);
  await db.schema.dropTable("comments").execute();
  await db.schema.alterTable("comments_next").renameTo("comments").execute();
  await db.schema
    .createIndex("comments_review_status_created")
    .on("comments")
    .columns(["review_id", "status", "created_at"])
    .execute();
  await db.schema
    .createIndex("comments_email_status")
    .on("comments")
    .columns(["author_email", "status"])
    .execute();
  await db.schema
    .createIndex("comments_ip_created")
    .on("comments")
    .columns(["ip", "created_at"])
    .execute();
}
