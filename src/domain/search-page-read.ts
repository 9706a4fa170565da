// One page of search results in ONE prepared statement: the count of every public match, and
// this page's reviews ranked, with their films, directors, approved comment counts, lead
// stills and the body text the snippet is cut from. It was five statements (the ranked page,
// body texts, directors, comment counts, stills), each built through Kysely per request; the
// SQL is now written once per database (src/db/prepared.ts). The full-text part is the search
// engine's (src/search/); the rules are those of visibility.ts and the listings'
// (indexes/summary-page-read.ts), written here in SQL.
import type { Db, Dialect } from "../db/connect.ts";
import { readJson } from "../db/nested-json.ts";
import { preparedRead } from "../db/prepared.ts";
import type { Still } from "../db/schema.ts";
import { engineForDialect } from "../search/engine.ts";
import type { QueryTerm } from "../search/tokens.ts";
import {
  approvedCommentCount,
  directorsJson,
  isPublicAt1,
  leadStillJson,
} from "./indexes/summary-page-read.ts";

/** A matching review as read, before its title and snippet are marked (review-search.ts). */
interface SearchRow {
  id: number;
  slug: string;
  publishedAt: string;
  hasSpoilers: boolean;
  film: {
    id: number;
    slug: string;
    title: string;
    originalTitle: string | null;
    year: number | null;
  };
  directors: { slug: string; name: string }[];
  commentCount: number;
  leadStill?: Still;
  bodyText: string;
}

interface Row {
  total: number | string;
  id: number | null;
  slug: string;
  publishedAt: string | null;
  hasSpoilers: number;
  filmId: number;
  filmSlug: string;
  filmTitle: string;
  filmOriginalTitle: string | null;
  filmYear: number | null;
  directors: unknown;
  commentCount: number | string;
  leadStill: unknown;
  bodyText: string | null;
}

// $1 now, $2 and $3 the engine's match and rank parameters, $4 the page size, $5 the offset.
// The matches are read once, materialised (the full-text match is the cost of a search for a
// common word, and counting in a second pass did all of it again), and only their id, score
// and date are kept and sorted; the page's rows alone are joined to their films. Visibility
// is checked here, at query time, never at indexing time. CROSS JOIN keeps the matches first:
// SQLite would otherwise run the full-text query once for every review.
function write(dialect: Dialect): string {
  const engine = engineForDialect(dialect);
  return `with matched as materialized (
    select m.id as id, m.score as score, r.published_at as published_at
    from (${engine.matchesSql}) m cross join reviews r
    where r.id = m.id and ${isPublicAt1("r")}
  )
  select (select count(*) from matched) as total, shown.*
  from (select 1 as one) o left join (
    select r.id as id, r.slug as slug, r.published_at as "publishedAt",
      r.has_spoilers as "hasSpoilers", p.score as score,
      f.id as "filmId", f.slug as "filmSlug", f.title as "filmTitle",
      f.original_title as "filmOriginalTitle", f.year as "filmYear",
      ${directorsJson(dialect, "f.id")} as directors,
      ${approvedCommentCount("r.id")} as "commentCount",
      ${leadStillJson(dialect, "r.id")} as "leadStill",
      ${engine.bodyTextSql("r.id")} as "bodyText"
    -- Equal scores fall back to the newest review, so pages never shuffle between requests.
    from (select id, score, published_at from matched
          order by score desc, published_at desc, id desc limit $4 offset $5) p
    inner join reviews r on r.id = p.id inner join films f on f.id = r.film_id
  ) shown on 1 = 1
  order by shown.score desc, shown."publishedAt" desc, shown.id desc`;
}

// Planned for each query's words on PostgreSQL: how many reviews hold them decides the plan.
const statement = preparedRead<Row>(write, { planEachRun: true });

/** Public reviews at `now` holding every term, best first: one page of them and the count. */
export async function readSearchPage(
  db: Db,
  terms: QueryTerm[],
  now: string,
  page: number,
  perPage: number,
): Promise<{ total: number; rows: SearchRow[] }> {
  const [match, rank] = engineForDialect(db.dialect).matchParameters(terms);
  const rows = await statement.run(db, [now, match, rank, perPage, (page - 1) * perPage]);
  const total = Number(rows[0]?.total ?? 0); // PostgreSQL returns count() as a string
  return { total, rows: rows.filter((r) => r.id !== null).map(toSearchRow) };
}

function toSearchRow(row: Row): SearchRow {
  const leadStill = readJson<Still | null>(row.leadStill);
  return {
    id: row.id!,
    slug: row.slug,
    publishedAt: row.publishedAt ?? "",
    hasSpoilers: Number(row.hasSpoilers) === 1,
    film: {
      id: row.filmId,
      slug: row.filmSlug,
      title: row.filmTitle,
      originalTitle: row.filmOriginalTitle,
      year: row.filmYear,
    },
    directors: readJson(row.directors),
    commentCount: Number(row.commentCount),
    ...(leadStill ? { leadStill } : {}),
    bodyText: row.bodyText ?? "",
  };
}
