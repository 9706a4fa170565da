// One page of review cards in ONE prepared statement: the count of every match, this page's
// reviews with their films, directors, approved comment counts and lead stills. It was five
// statements (count, ids, rows, directors, comments, stills), each built through Kysely per
// request and each a round trip on PostgreSQL. The SQL is written once per database
// (src/db/prepared.ts); the rules are those of visibility.ts, films.ts (directorsOf),
// comment-counts.ts and listing-stills.ts, written here in SQL.
import type { Db, Dialect } from "../../db/connect.ts";
import { jsonArrayOf, jsonObject, readJson } from "../../db/nested-json.ts";
import { preparedRead, type PreparedRead } from "../../db/prepared.ts";
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
  /**
   * The matching public reviews `r`: the text after FROM (the tables, joins and WHERE), with
   * the filter's parameters from $3 on. The count and the page's ids both read it.
   */
  matching: (dialect: Dialect) => string;
  /**
   * The matches are few and found from elsewhere (a year's films, a tag's reviews): they are
   * read once, into a list that is counted and cut, instead of twice. Without it (every public
   * review, a month) the count walks the index and the page stops after its own rows.
   */
  few?: boolean;
  /** Columns shown before the page (e.g. the listing's own record), read once. */
  head?: (dialect: Dialect) => string;
}

/** Public reviews `r` that meet `conditions` (on `r` alone, parameters from $3 on). */
export function publicReviewsWhere(conditions: string): string {
  return `reviews r where ${isPublicAt1("r")}${conditions ? ` and ${conditions}` : ""}`;
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

// The page's size is written into the text, not passed: PostgreSQL plans a named statement's
// generic plan without the values, guesses a LIMIT it cannot see as a tenth of the rows (67
// reviews of 2,000, each with three subqueries) and, finding that dearer than planning anew
// with the values, planned the home page's statement again on every run (bench/README.md).
function write(filter: SummaryFilter, dialect: Dialect, perPage: number): string {
  const head = filter.head ? `${filter.head(dialect)}, ` : "";
  const newestFirst = (alias: string) => `order by ${alias}.published_at desc, ${alias}.id desc`;
  const [matches, total, ids] = filter.few
    ? [
        `with matching as materialized (select r.id as id, r.published_at as published_at
          from ${filter.matching(dialect)})\n`,
        "(select count(*) from matching)",
        `select m.id from matching m ${newestFirst("m")}`,
      ]
    : [
        "",
        `(select count(*) from ${filter.matching(dialect)})`,
        `select r.id from ${filter.matching(dialect)} ${newestFirst("r")}`,
      ];
  // One row even when the page is empty (past the end, or nothing matches): it carries the total.
  return `${matches}select ${head}${total} as total, shown.*
  from (select 1 as one) o left join (
    select ${summaryColumns(dialect)}
    from (${ids} limit ${perPage} offset $2) ids
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
   * columns (from the first row); `parameters` are the filter's $3, $4…
   */
  run(
    db: Db,
    now: string,
    page: number,
    perPage: number,
    parameters?: unknown[],
  ): Promise<{ page: Page<ReviewSummary>; head: Record<string, unknown> }>;
}

/** A statement for one kind of listing and page size, written once per database on first use. */
export function summaryPageRead(filter: SummaryFilter): SummaryPageRead {
  const statements = new Map<number, PreparedRead<SummaryRow>>();
  const statementFor = (perPage: number) => {
    // Written into the SQL text: only ever a whole number (settings allow 1 to 100).
    if (!Number.isSafeInteger(perPage) || perPage < 1) throw new Error(`bad page size ${perPage}`);
    let statement = statements.get(perPage);
    if (statement === undefined) {
      statement = preparedRead<SummaryRow>((dialect) => write(filter, dialect, perPage));
      statements.set(perPage, statement);
    }
    return statement;
  };
  return {
    async run(db, now, page, perPage, parameters = []) {
      const rows = await statementFor(perPage).run(db, [now, (page - 1) * perPage, ...parameters]);
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
