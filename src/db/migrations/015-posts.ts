// Posts and pages that are not film reviews: a WordPress site's "About" page, a note to
// readers, a plain post. One table for both kinds; a slug is unique within its kind, since
// each kind has an address space of its own (/post/SLUG, /pages/SLUG).
import { sql, type Kysely } from "kysely";
import type { Dialect } from "../connect.ts";
import { idColumn } from "./columns.ts";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const id = idColumn(dialect);
  await db.schema
    .createTable("posts")
    .addColumn("id", id.type, id.build)
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("slug", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("excerpt", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("author_id", "integer", (c) => c.notNull().references("users.id"))
    /** A page's parent page (WordPress nests pages); null for a post or a top-level page. */
    .addColumn("parent_id", "integer", (c) => c.references("posts.id").onDelete("set null"))
    /** Where a page sits among its siblings in lists such as the footer. */
    .addColumn("menu_order", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("published_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    // Long text last, as in reviews: listings read the short columns without the body.
    .addColumn("body_html", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("body_md", "text", (c) => c.notNull())
    .addUniqueConstraint("posts_kind_slug", ["kind", "slug"])
    .addCheckConstraint("posts_kind", sql`kind in ('post', 'page')`)
    .addCheckConstraint("posts_status", sql`status in ('draft', 'scheduled', 'published')`)
    .execute();
  await db.schema
    .createIndex("posts_public")
    .on("posts")
    .columns(["kind", "status", "published_at"])
    .execute();

  await db.schema
    .createTable("post_tags")
    .addColumn("post_id", "integer", (c) => c.notNull().references("posts.id").onDelete("cascade"))
    .addColumn("tag_id", "integer", (c) => c.notNull().references("tags.id").onDelete("cascade"))
    .addPrimaryKeyConstraint("post_tags_pk", ["post_id", "tag_id"])
    .execute();
  await db.schema.createIndex("post_tags_tag").on("post_tags").column("tag_id").execute();
}
