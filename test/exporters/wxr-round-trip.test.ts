// Cinelog → WXR → Cinelog, on both databases: the site exported and imported into an empty
// second database gives the same reviews, films, series, stills and comments (spam, which
// the export leaves out, aside). Stills and the image in a review's text come from the first
// site's media folder, given as the uploads folder.
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postSubject } from "../../src/domain/comment-subjects.ts";
import { createComment } from "../../src/domain/comments.ts";
import { createFilm } from "../../src/domain/films.ts";
import { replaceOwnUpNext } from "../../src/domain/review-up-next.ts";
import { importWordPress } from "../../src/importers/wordpress/import-wordpress.ts";
import type { ImportSummary } from "../../src/importers/import-summary.ts";
import { dialects, openTestDb, type TestDb } from "../support/databases.ts";
import { buildExportSite, exportToFile } from "./wxr-site.ts";

/** Media paths differ between sites (ids and random names): compared by their shape. */
const samePlace = (text: string) =>
  text.replace(/\/media\/inline\/\d+\/[\w-]+-(\d+)\.jpg/g, "/media/inline/N/NAME-$1.jpg");

async function reviewsOf(db: TestDb) {
  const rows = await db.kysely
    .selectFrom("reviews")
    .innerJoin("films", "films.id", "reviews.film_id")
    .innerJoin("users", "users.id", "reviews.author_id")
    .select([
      "reviews.id",
      "reviews.slug",
      "films.title",
      "films.year",
      "reviews.body_md",
      "reviews.excerpt",
      "reviews.rating",
      "reviews.watched_on",
      "reviews.is_rewatch",
      "reviews.has_spoilers",
      "reviews.status",
      "reviews.published_at",
      "users.email",
    ])
    .orderBy("reviews.slug")
    .execute();
  const out = [];
  for (const { id, ...row } of rows) {
    const tags = await db.kysely
      .selectFrom("review_tags")
      .innerJoin("tags", "tags.id", "review_tags.tag_id")
      .select("tags.name")
      .where("review_id", "=", id)
      .orderBy("tags.name")
      .execute();
    const stills = await db.kysely
      .selectFrom("stills")
      .select(["alt", "caption", "width", "height", "position"])
      .where("review_id", "=", id)
      .orderBy("position")
      .execute();
    out.push({
      ...row,
      body_md: samePlace(row.body_md),
      tags: tags.map((t) => t.name),
      stills,
    });
  }
  return out;
}

async function filmsOf(db: TestDb) {
  const films = await db.kysely
    .selectFrom("films")
    .select(["id", "title", "year", "original_title", "runtime_minutes", "countries", "imdb_id"])
    .orderBy("title")
    .execute();
  const out = [];
  for (const { id, ...film } of films) {
    const credits = await db.kysely
      .selectFrom("credits")
      .innerJoin("people", "people.id", "credits.person_id")
      .select(["credits.role", "people.name", "credits.character"])
      .where("film_id", "=", id)
      .orderBy("credits.role")
      .orderBy("credits.position")
      .execute();
    out.push({ ...film, credits });
  }
  return out;
}

async function seriesOf(db: TestDb) {
  const all = await db.kysely.selectFrom("series").selectAll().orderBy("slug").execute();
  const out = [];
  for (const series of all) {
    const entries = await db.kysely
      .selectFrom("series_entries")
      .innerJoin("films", "films.id", "series_entries.film_id")
      .leftJoin("reviews", "reviews.id", "series_entries.review_id")
      .select(["films.title", "films.year", "reviews.slug as review"])
      .where("series_id", "=", series.id)
      .orderBy("position")
      .execute();
    out.push({ slug: series.slug, title: series.title, description: series.description, entries });
  }
  return out;
}

/** Each review's own Up Next list, by its slug, as film labels in order. */
async function ownListsOf(db: TestDb) {
  const rows = await db.kysely
    .selectFrom("review_up_next")
    .innerJoin("reviews", "reviews.id", "review_up_next.review_id")
    .innerJoin("films", "films.id", "review_up_next.film_id")
    .select(["reviews.slug", "films.title", "films.year"])
    .orderBy("reviews.slug")
    .orderBy("review_up_next.position")
    .execute();
  const lists: Record<string, string[]> = {};
  for (const row of rows) (lists[row.slug] ??= []).push(`${row.title} (${row.year})`);
  return lists;
}

async function commentsOf(db: TestDb) {
  const rows = await db.kysely
    .selectFrom("comments")
    .innerJoin("reviews", "reviews.id", "comments.review_id")
    .leftJoin("comments as parent", "parent.id", "comments.parent_id")
    .select([
      "reviews.slug as review",
      "comments.author_name",
      "comments.author_email",
      "comments.author_url",
      // What readers see: the importer may escape a bracket the original left bare.
      "comments.body_html",
      "comments.status",
      "comments.kind",
      "comments.created_at",
      "parent.author_name as parent_author",
      "parent.created_at as parent_created_at",
    ])
    .where("comments.status", "!=", "spam")
    .orderBy("comments.created_at")
    .execute();
  // A reply to spam stands alone after the trip (its parent is not exported).
  return rows.map((r) =>
    r.parent_author === "Cheap Watches"
      ? { ...r, parent_author: null, parent_created_at: null }
      : r,
  );
}

async function postCommentsOf(db: TestDb) {
  return db.kysely
    .selectFrom("comments")
    .innerJoin("posts", "posts.id", "comments.post_id")
    .leftJoin("comments as parent", "parent.id", "comments.parent_id")
    .select([
      "posts.slug as post",
      "comments.author_name",
      "comments.body_html",
      "comments.status",
      "comments.created_at",
      "parent.author_name as parent_author",
    ])
    .orderBy("comments.created_at")
    .execute();
}

async function postsOf(db: TestDb) {
  const posts = await db.kysely
    .selectFrom("posts")
    .leftJoin("posts as parent", "parent.id", "posts.parent_id")
    .select([
      "posts.id",
      "posts.kind",
      "posts.slug",
      "posts.title",
      "posts.status",
      "posts.published_at",
      "parent.slug as parent",
    ])
    .orderBy("posts.slug")
    .execute();
  const out = [];
  for (const { id, ...post } of posts) {
    const tags = await db.kysely
      .selectFrom("post_tags")
      .innerJoin("tags", "tags.id", "post_tags.tag_id")
      .select("tags.name")
      .where("post_id", "=", id)
      .execute();
    out.push({ ...post, tags: tags.map((t) => t.name) });
  }
  return out;
}

describe.each(dialects)("Cinelog → WXR → Cinelog on %s", (dialect) => {
  let source: TestDb;
  let target: TestDb;
  let summary: ImportSummary;
  let file: string;

  beforeAll(async () => {
    source = await openTestDb(dialect);
    target = await openTestDb(dialect);
    const fixture = await buildExportSite(source);
    // An own Up Next list (as an import leaves it), naming a film no series holds.
    const mona = await createFilm(source, {
      title: "Mona Lisa",
      year: 1986,
      credits: [{ role: "director", name: "Neil Jordan" }],
    });
    const { games, friday } = fixture.films;
    await replaceOwnUpNext(source, fixture.reviews.vegasReview.id, [mona.id, games.id, friday.id]);
    // Comments on a post and a page: a thread and one still waiting.
    const about = await source.kysely
      .selectFrom("posts")
      .select("id")
      .where("slug", "=", "about")
      .executeTakeFirstOrThrow();
    const onPage = postSubject(about.id);
    const opener = await createComment(source, {
      subject: onPage,
      name: "Page Reader",
      email: "page@example.net",
      body: "Who else writes here?",
      status: "approved",
      createdAt: "2026-01-02T09:00:00.000Z",
    });
    await createComment(source, {
      subject: onPage,
      parentId: opener.id,
      name: "Page Answer",
      email: "answer@example.net",
      body: "Nobody, it is one voice.",
      status: "approved",
      createdAt: "2026-01-02T10:00:00.000Z",
    });
    await createComment(source, {
      subject: onPage,
      name: "Page Waiting",
      email: "wait@example.net",
      body: "Still in the queue.",
      status: "pending",
      createdAt: "2026-01-02T11:00:00.000Z",
    });
    file = (await exportToFile(source)).file;
    summary = await importWordPress(target, {
      file,
      uploadsDir: source.mediaDir,
      mediaDir: target.mediaDir,
    });
  });
  afterAll(async () => {
    await source.dispose();
    await target.dispose();
  });

  it("keeps the reviews: film, text, rating, dates, status, tags, stills, author", async () => {
    const before = await reviewsOf(source);
    const after = await reviewsOf(target);
    expect(after).toEqual(before);
    // The image in the text is a file of this site now.
    const bob = after.find((r) => r.title === "Bob le Flambeur" && !r.slug.includes("rewatch"));
    expect(bob?.body_md).toContain("![Dawn over Pigalle](/media/inline/N/NAME-900.jpg)");
  });

  it("keeps the films, with their directors and other credits", async () => {
    expect(await filmsOf(target)).toEqual(await filmsOf(source));
  });

  it("keeps the series: name, order, and entries not yet reviewed", async () => {
    const after = await seriesOf(target);
    expect(after).toEqual(await seriesOf(source));
    expect(after[0]?.entries.map((e) => e.review === null)).toEqual([
      false,
      false,
      false,
      true,
      false,
      true,
    ]);
  });

  it("keeps each review's own Up Next list, and writes it as the post's Up Next line", async () => {
    const lists = await ownListsOf(target);
    expect(lists).toEqual(await ownListsOf(source));
    expect(Object.values(lists)).toEqual([
      ["Mona Lisa (1986)", "House of Games (1987)", "His Girl Friday (1940)"],
    ]);
    expect(fs.readFileSync(file, "utf8")).toContain(
      "<p>Up Next: Mona Lisa (1986), House of Games (1987), His Girl Friday (1940)</p>",
    );
  });

  it("keeps the comments: threads, statuses, kinds, authors", async () => {
    expect(await commentsOf(target)).toEqual(await commentsOf(source));
  });

  it("keeps the comments on posts and pages: threads and statuses", async () => {
    const before = await postCommentsOf(source);
    expect(before).toHaveLength(3);
    expect(await postCommentsOf(target)).toEqual(before);
  });

  it("keeps posts and pages as posts and pages", async () => {
    const after = await postsOf(target);
    expect(after).toEqual(await postsOf(source));
    expect(after.map((p) => p.title)).toContain("The best of (2025)");
  });

  it("reports nothing left behind, and adds nothing when run again", async () => {
    expect(summary.skipped.map((s) => s.why)).toEqual([]);
    const again = await importWordPress(target, {
      file,
      uploadsDir: source.mediaDir,
      mediaDir: target.mediaDir,
    });
    expect(again.counts.get("reviews already imported")).toBe(7);
    expect(again.counts.get("series already imported")).toBe(1);
    expect(await reviewsOf(target)).toEqual(await reviewsOf(source));
    expect(await seriesOf(target)).toEqual(await seriesOf(source));
    expect(await ownListsOf(target)).toEqual(await ownListsOf(source));
  });
});
