// Everything a feed shows — its latest public reviews (with author, film, directors, tags and
// stills) and, for the site's and a tag's feed, its latest posts (with their tags) — in ONE
// prepared statement (src/db/prepared.ts). A feed is rebuilt from what it reads on every
// request (src/feeds/rebuild-on-change.ts compares it with what each kept entry was built
// from), so this read is most of an uncached feed's cost: it was six Kysely queries, each
// built and compiled per request, on PostgreSQL six round trips. The rules are those of
// visibility.ts, posts-public.ts, films.ts (directorsOf), tags.ts and stills.ts, in SQL.
// Bodies stay plain columns (one row per review or post): only the short lists are nested as
// JSON (src/db/nested-json.ts), so 144 KB of HTML is never escaped into JSON and parsed back.
// On PostgreSQL a review's body is not even read: a change key is (bodyKeyOf), and the bodies
// of the entries to build again follow in a second statement (fillFeedBodies) only when there
// are any, so a feed whose entries are all kept is one round trip of a few kilobytes.
import type { Db, Dialect } from "../db/connect.ts";
import { jsonArrayOf, jsonObject, readJson } from "../db/nested-json.ts";
import { preparedRead } from "../db/prepared.ts";
import { columnsOf, stillColumns } from "./read-columns.ts";
import { isPublicSql } from "./visibility.ts";
import { feedLength, type FeedReview, type FeedScope } from "./feed-items.ts";
import type { FeedPost } from "./feed-posts.ts";

/** One review or post; the columns a post has not are null. JSON columns: see readJson. */
interface FeedRow {
  kind: "review" | "post";
  id: number;
  slug: string;
  title: string | null;
  /** Null for a review on PostgreSQL: its bodyKey is read instead. */
  bodyHtml: string | null;
  bodyKey: string | null;
  excerpt: string;
  rating: number | null;
  publishedAt: string | null;
  updatedAt: string;
  authorName: string;
  filmId: number | null;
  filmSlug: string | null;
  filmTitle: string | null;
  filmYear: number | null;
  /** JSON text on both databases (cast on PostgreSQL, whose driver would parse json). */
  directors: string | null;
  tags: string;
  stills: string | null;
}

/** Public at $1 (src/domain/visibility.ts, src/domain/posts-public.ts). */
const isPublic = (alias: string) => isPublicSql(alias, "$1");

/** A nested list as JSON text on both databases: kept as written for comparing (listsKey). */
function asText(dialect: Dialect, subquery: string): string {
  return dialect === "postgres" ? `cast(${subquery} as text)` : subquery;
}

function tagList(dialect: Dialect, link: string, owner: string): string {
  return asText(
    dialect,
    `(select ${jsonArrayOf(dialect, jsonObject(dialect, { slug: "t.slug", name: "t.name" }), "t.name")}
      from ${link} l inner join tags t on t.id = l.tag_id where ${owner})`,
  );
}

/**
 * What a review's body was on PostgreSQL, read without reading the body. A body is ~5.7 KB kept
 * compressed out of line (TOAST): its SHA-256 made every feed fetch and decompress 20 of them,
 * half of PostgreSQL's time for the statement (bench/README.md, section 2). `xmin` is the id of
 * the transaction that wrote this version of the row: every write of a row — an edit, a
 * re-render, an import, a restore, a migration, by any process — makes a new version with its
 * own transaction's id, so an unchanged xmin means an unchanged body (another column's edit
 * only costs a rebuild). Transaction ids come round again after 2^32 of them; the body's
 * length in bytes (read from the TOAST pointer, not from the body) is added so that even then
 * an edit would have to keep the length to go unseen.
 */
function bodyKeyOf(alias: string): string {
  return `cast(${alias}.xmin as text) || '.' || octet_length(${alias}.body_html)`;
}

/**
 * The statement for one kind of scope; $1 is now, $2 the series, person or tag id. Subqueries
 * rather than joins for the scope: a film credited twice to one person, or listed twice in a
 * series, still gives one entry per review.
 */
function write(scope: FeedScope["kind"], dialect: Dialect): string {
  const reviewScope = {
    site: "",
    series: "and r.film_id in (select film_id from series_entries where series_id = $2)",
    person: "and r.film_id in (select film_id from credits where person_id = $2)",
    tag: "and r.id in (select review_id from review_tags where tag_id = $2)",
  }[scope];
  // A null column of the posts' rows, typed so that PostgreSQL can append them to the reviews'.
  const none = (type: string) => `cast(null as ${type})`;
  // On PostgreSQL each review's body stays in the database unless the feed needs it (see
  // fillFeedBodies): bodyKeyOf tells whether it changed.
  const body =
    dialect === "postgres"
      ? `${none("text")} as "bodyHtml", ${bodyKeyOf("r")} as "bodyKey"`
      : `r.body_html as "bodyHtml", ${none("text")} as "bodyKey"`;
  const reviews = `select 'review' as kind, r.id, r.slug, ${none("text")} as title, ${body}, r.excerpt, r.rating, r.published_at as "publishedAt",
      r.updated_at as "updatedAt", u.display_name as "authorName", f.id as "filmId",
      f.slug as "filmSlug", f.title as "filmTitle", f.year as "filmYear",
      ${asText(
        dialect,
        `(select ${jsonArrayOf(dialect, jsonObject(dialect, { slug: "p.slug", name: "p.name" }), "c.position")}
        from credits c inner join people p on p.id = c.person_id
        where c.film_id = f.id and c.role = 'director')`,
      )} as directors,
      ${tagList(dialect, "review_tags", "l.review_id = r.id")} as tags,
      ${asText(
        dialect,
        `(select ${jsonArrayOf(dialect, jsonObject(dialect, columnsOf("s", stillColumns)), "s.position, s.id")}
        from stills s where s.review_id = r.id)`,
      )} as stills
    from reviews r inner join films f on f.id = r.film_id inner join users u on u.id = r.author_id
    where ${isPublic("r")} ${reviewScope}
    order by r.published_at desc, r.id desc limit ${feedLength}`;
  // Series and people are about films; no post belongs to them.
  if (scope === "series" || scope === "person") return reviews;
  const postScope =
    scope === "tag" ? "and p.id in (select post_id from post_tags where tag_id = $2)" : "";
  const posts = `select 'post' as kind, p.id, p.slug, p.title, p.body_html as "bodyHtml",
      ${none("text")} as "bodyKey", p.excerpt, ${none("integer")} as rating, p.published_at as "publishedAt",
      p.updated_at as "updatedAt", u.display_name as "authorName", ${none("integer")} as "filmId",
      ${none("text")} as "filmSlug", ${none("text")} as "filmTitle", ${none("integer")} as "filmYear",
      ${none("text")} as directors, ${tagList(dialect, "post_tags", "l.post_id = p.id")} as tags,
      ${none("text")} as stills
    from posts p inner join users u on u.id = p.author_id
    where ${isPublic("p")} and p.kind = 'post' ${postScope}
    order by p.published_at desc, p.id desc limit ${feedLength}`;
  // Each list in its own order (the feed merges the two by date).
  return `select * from (${reviews}) feed_reviews
    union all select * from (${posts}) feed_posts
    order by "publishedAt" desc, id desc`;
}

const statements = {
  site: preparedRead<FeedRow>((dialect) => write("site", dialect)),
  series: preparedRead<FeedRow>((dialect) => write("series", dialect)),
  person: preparedRead<FeedRow>((dialect) => write("person", dialect)),
  tag: preparedRead<FeedRow>((dialect) => write("tag", dialect)),
};

function scopeId(scope: FeedScope): number[] {
  switch (scope.kind) {
    case "site":
      return [];
    case "series":
      return [scope.seriesId];
    case "person":
      return [scope.personId];
    case "tag":
      return [scope.tagId];
  }
}

/** The later of publication and last edit: a review scheduled after its last edit changed,
 *  for its readers, when it went out. */
function dates(row: FeedRow) {
  const publishedAt = row.publishedAt ?? row.updatedAt;
  return { publishedAt, updatedAt: row.updatedAt > publishedAt ? row.updatedAt : publishedAt };
}

/** The latest public reviews and posts of a feed, each list newest first. */
export async function readFeedEntries(
  db: Parameters<typeof statements.site.run>[0],
  scope: FeedScope,
  now: string,
): Promise<{ reviews: FeedReview[]; posts: FeedPost[] }> {
  const rows = await statements[scope.kind].run(db, [now, ...scopeId(scope)]);
  const reviews: FeedReview[] = [];
  const posts: FeedPost[] = [];
  for (const row of rows) {
    if (row.kind === "review") {
      reviews.push({
        id: row.id,
        slug: row.slug,
        bodyHtml: row.bodyHtml ?? undefined,
        bodyKey: row.bodyKey ?? row.bodyHtml!,
        excerpt: row.excerpt,
        rating: row.rating,
        ...dates(row),
        authorName: row.authorName,
        film: { id: row.filmId!, slug: row.filmSlug!, title: row.filmTitle!, year: row.filmYear },
        directors: readJson(row.directors),
        tags: readJson(row.tags),
        stills: readJson(row.stills),
        // A raw line break cannot occur in JSON text: the three stay apart.
        listsKey: `${row.directors}\n${row.tags}\n${row.stills}`,
      });
    } else {
      posts.push({
        id: row.id,
        slug: row.slug,
        title: row.title!,
        bodyHtml: row.bodyHtml!,
        excerpt: row.excerpt,
        ...dates(row),
        authorName: row.authorName,
        tags: readJson(row.tags),
      });
    }
  }
  return { reviews, posts };
}

/**
 * Reads the bodies of these reviews into them: on PostgreSQL, those whose entry the feed
 * must build again (new, or changed since: src/feeds/feed-document.ts, reviewsNeedingBodies).
 * A body edited since the first read comes newer than its key: the next feed sees the key
 * change and builds the entry again.
 */
export async function fillFeedBodies(db: Db, reviews: FeedReview[]): Promise<void> {
  if (reviews.length === 0) return;
  const rows = await db.kysely
    .selectFrom("reviews")
    .select(["id", "body_html"])
    .where(
      "id",
      "in",
      reviews.map((r) => r.id),
    )
    .execute();
  const bodies = new Map(rows.map((r) => [r.id, r.body_html]));
  for (const review of reviews) review.bodyHtml = bodies.get(review.id) ?? "";
}
