// One page of review cards in ONE prepared statement: the count of every match, this page's
// reviews with their films, directors, approved comment counts and lead stills. It was five
// statements (count, ids, rows, directors, comments, stills), each built through Kysely per
// request and each a round trip on PostgreSQL. The SQL is written once per database
// (src/db/prepared.ts); the rules are those of visibility.ts, films.ts (directorsOf),
// comment-counts.ts and listing-stills.ts, written here in SQL.
import type { Db, Dialect } from "../../db/connect.ts";
import { jsonArrayOf, jsonObject, readJson } from "../../db/nested-json.ts";
import { preparedRead } from "../../db/prepared.ts";
import type { Still } from "../../db/schema.ts";
import { columnsOf, stillColumns } from "../read-columns.ts";
import { isPublicSql } from "../visibility.ts";
import type { Page, ReviewSummary } from "../reviews.ts";

/** `alias` is a public review at $1 (src/domain/visibility.ts). */
export function isPublicAt1(alias: string): string {
  return isPublicSql(alias, "$1");
}

/** Approved comments on review `reviewId` (an SQL expression). */
export function approvedCommentCount(reviewId: string): string {
  return `(select count(*) from comments cm where cm.review_id = ${reviewId} and cm.status = 'approved')`;
}

/** The lead still (lowest position, then id) of review `reviewId` as JSON, or null. */
export function leadStillJson(dialect: Dialect, reviewId: string): string {
  return `(select ${jsonObject(dialect, columnsOf("s", stillColumns))} from stills s where s.review_id = ${reviewId}
    order by s.position, s.id limit 1)`;
}

/** The directors ({ slug, name }, in credit order) of film `filmId` as a JSON array. */
export function directorsJson(dialect: Dialect, filmId: string): string {
  const director = jsonObject(dialect, { slug: "p.slug", name: "p.name" });
  return `(select ${jsonArrayOf(dialect, director, "c.position, c.id")}
      from credits c inner join people p on p.id = c.person_id
      where c.film_id = ${filmId} and c.role = 'director')`;
}

/** A review card's columns, from reviews `r` joined with films `f`. */
function summaryColumns(dialect: Dialect): string {
  return `r.id as id, r.slug as slug, r.excerpt as excerpt, r.rating as rating,
    r.is_rewatch as "isRewatch", r.published_at as "publishedAt",
    f.id as "filmId", f.slug as "filmSlug", f.title as "filmTitle", f.year as "filmYear",
    ${directorsJson(dialect, "f.id")} as directors,
    ${approvedCommentCount("r.id")} as "commentCount",
    ${leadStillJson(dialect, "r.id")} as "leadStill"`;
}

interface SummaryFilter {
  /** Rows counted for the total: a FROM over reviews `r` (and films `f`, if it needs them). */
  countFrom: string;
  /** Extra conditions on `r` and `f`, with parameters from $4 on; "" for none. */
  where: string;
  /** Columns shown before the page (e.g. the listing's own record), read once. */
  head?: (dialect: Dialect) => string;
}

interface SummaryRow {
  total: number | string;
  id: number | null;
  slug: string;
  excerpt: string;
  rating: number | null;
  isRewatch: number;
  publishedAt: string | null;
  filmId: number;
  filmSlug: string;
  filmTitle: string;
  filmYear: number | null;
  directors: unknown;
  commentCount: number | string;
  leadStill: unknown;
  [head: string]: unknown;
}

function write(filter: SummaryFilter, dialect: Dialect): string {
  const where = `${isPublicAt1("r")}${filter.where ? ` and ${filter.where}` : ""}`;
  const head = filter.head ? `${filter.head(dialect)}, ` : "";
  // One row even when the page is empty (past the end, or nothing matches): it carries the total.
  return `select ${head}(select count(*) from ${filter.countFrom} where ${where}) as total, shown.*
  from (select 1 as one) o left join (
    select ${summaryColumns(dialect)}
    from (select r.id from reviews r inner join films f on f.id = r.film_id where ${where}
          order by r.published_at desc, r.id desc limit $2 offset $3) ids
    inner join reviews r on r.id = ids.id inner join films f on f.id = r.film_id
  ) shown on 1 = 1
  order by shown."publishedAt" desc, shown.id desc`;
}

function toSummary(row: SummaryRow): ReviewSummary {
  const leadStill = readJson<Still | null>(row.leadStill);
  return {
    id: row.id!,
    slug: row.slug,
    excerpt: row.excerpt,
    rating: row.rating,
    isRewatch: Number(row.isRewatch) === 1,
    publishedAt: row.publishedAt ?? "",
    film: { id: row.filmId, slug: row.filmSlug, title: row.filmTitle, year: row.filmYear },
    directors: readJson(row.directors),
    commentCount: Number(row.commentCount),
    ...(leadStill ? { leadStill } : {}),
  };
}

interface SummaryPageRead {
  /**
   * One page of the public reviews at `now` the filter finds, newest first, with the head's
   * columns (from the first row); `parameters` are the filter's $4, $5…
   */
  run(
    db: Db,
    now: string,
    page: number,
    perPage: number,
    parameters?: unknown[],
  ): Promise<{ page: Page<ReviewSummary>; head: Record<string, unknown> }>;
}

/** A statement for one kind of listing, written once per database on first use. */
export function summaryPageRead(filter: SummaryFilter): SummaryPageRead {
  const statement = preparedRead<SummaryRow>((dialect) => write(filter, dialect));
  return {
    async run(db, now, page, perPage, parameters = []) {
      const rows = await statement.run(db, [now, perPage, (page - 1) * perPage, ...parameters]);
      const first = rows[0];
      const total = Number(first?.total ?? 0); // PostgreSQL returns count() as a string
      const items = rows.filter((r) => r.id !== null).map(toSummary);
      return {
        page: { items, page, pageCount: Math.max(1, Math.ceil(total / perPage)), total },
        head: first ?? {},
      };
    },
  };
}
