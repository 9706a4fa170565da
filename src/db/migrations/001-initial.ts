// The first schema: films, people, credits, reviews, stills, tags, series, users, settings.
import { sql, type Kysely } from "kysely";
import type { Dialect } from "../connect.ts";
import { idColumn } from "./columns.ts";

// Migrations must not depend on today's table types, which will change: hence `any`.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

export async function up(db: AnyDb, dialect: Dialect): Promise<void> {
  const id = idColumn(dialect);

  await db.schema
    .createTable("users")
    .addColumn("id", id.type, id.build)
    .addColumn("email", "text", (c) => c.notNull().unique())
    .addColumn("display_name", "text", (c) => c.notNull())
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("password_hash", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("films")
    .addColumn("id", id.type, id.build)
    .addColumn("slug", "text", (c) => c.notNull().unique())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("original_title", "text")
    .addColumn("year", "integer")
    .addColumn("runtime_minutes", "integer")
    .addColumn("countries", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("imdb_id", "text")
    .addColumn("tmdb_id", "text")
    .addColumn("wikidata_id", "text")
    .addColumn("letterboxd_slug", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("films_title_year").on("films").columns(["title", "year"]).execute();

  await db.schema
    .createTable("people")
    .addColumn("id", id.type, id.build)
    .addColumn("slug", "text", (c) => c.notNull().unique())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("credits")
    .addColumn("id", id.type, id.build)
    .addColumn("film_id", "integer", (c) => c.notNull().references("films.id").onDelete("cascade"))
    .addColumn("person_id", "integer", (c) =>
      c.notNull().references("people.id").onDelete("cascade"),
    )
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("character", "text")
    .addColumn("position", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex("credits_film").on("credits").columns(["film_id", "role"]).execute();
  await db.schema
    .createIndex("credits_person")
    .on("credits")
    .columns(["person_id", "role"])
    .execute();

  await db.schema
    .createTable("reviews")
    .addColumn("id", id.type, id.build)
    .addColumn("film_id", "integer", (c) => c.notNull().references("films.id"))
    .addColumn("author_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("slug", "text", (c) => c.notNull().unique())
    .addColumn("excerpt", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("rating", "integer")
    .addColumn("watched_on", "text")
    .addColumn("is_rewatch", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("has_spoilers", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("published_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    // Long text goes last: SQLite then reads status and dates without following the
    // overflow pages that hold a 2,000-word body.
    .addColumn("body_md", "text", (c) => c.notNull())
    .addCheckConstraint("reviews_status", sql`status in ('draft', 'scheduled', 'published')`)
    .addCheckConstraint("reviews_rating", sql`rating is null or (rating >= 0 and rating <= 100)`)
    .execute();
  // Public listings filter on status and order by publication time.
  await db.schema
    .createIndex("reviews_public")
    .on("reviews")
    .columns(["status", "published_at"])
    .execute();
  await db.schema.createIndex("reviews_film").on("reviews").column("film_id").execute();

  await db.schema
    .createTable("stills")
    .addColumn("id", id.type, id.build)
    .addColumn("review_id", "integer", (c) =>
      c.notNull().references("reviews.id").onDelete("cascade"),
    )
    .addColumn("path", "text", (c) => c.notNull())
    .addColumn("width", "integer", (c) => c.notNull())
    .addColumn("height", "integer", (c) => c.notNull())
    .addColumn("alt", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("caption", "text")
    .addColumn("position", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex("stills_review").on("stills").column("review_id").execute();

  await db.schema
    .createTable("tags")
    .addColumn("id", id.type, id.build)
    .addColumn("slug", "text", (c) => c.notNull().unique())
    .addColumn("name", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("review_tags")
    .addColumn("review_id", "integer", (c) =>
      c.notNull().references("reviews.id").onDelete("cascade"),
    )
    .addColumn("tag_id", "integer", (c) => c.notNull().references("tags.id").onDelete("cascade"))
    .addPrimaryKeyConstraint("review_tags_pk", ["review_id", "tag_id"])
    .execute();
  await db.schema.createIndex("review_tags_tag").on("review_tags").column("tag_id").execute();

  await db.schema
    .createTable("series")
    .addColumn("id", id.type, id.build)
    .addColumn("slug", "text", (c) => c.notNull().unique())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("series_entries")
    .addColumn("id", id.type, id.build)
    .addColumn("series_id", "integer", (c) =>
      c.notNull().references("series.id").onDelete("cascade"),
    )
    .addColumn("film_id", "integer", (c) => c.notNull().references("films.id"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("review_id", "integer", (c) => c.references("reviews.id").onDelete("set null"))
    .execute();
  await db.schema
    .createIndex("series_entries_order")
    .on("series_entries")
    .columns(["series_id", "position"])
    .execute();
  await db.schema
    .createIndex("series_entries_review")
    .on("series_entries")
    .column("review_id")
    .execute();

  await db.schema
    .createTable("settings")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("value", "text", (c) => c.notNull())
    .execute();
}
