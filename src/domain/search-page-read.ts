// One page of search results in ONE prepared statement, after the census of its words
// (src/search/census.ts): the count of every public match, and
// this page's reviews ranked, with their films, directors, approved comment counts, lead
// stills and the body text the snippet is cut from. It was five statements (the ranked page,
// body texts, directors, comment counts, stills), each built through Kysely per request; the
// SQL is written once per shape of query (src/db/prepared.ts). The matching and ranking
// part is the search index's (src/search/match-sql.ts); the rules are those of visibility.ts
// and the listings' (indexes/summary-page-read.ts), written here in SQL.
import type { Db, Dialect } from "../db/connect.ts";
import { readJson } from "../db/nested-json.ts";
import { preparedRead, type PreparedRead } from "../db/prepared.ts";
import type { Still } from "../db/schema.ts";
import { planTerms } from "../search/census.ts";
import {
  planForTheWordsFrom,
  rankingParameters,
  rankingSql,
  shapeOf,
} from "../search/match-sql.ts";
import { hiddenReviewIdsSql } from "./visibility.ts";
import type { QueryTerm } from "../search/tokens.ts";
import { approvedCommentCount, directorsJson, leadStillJson } from "./indexes/summary-page-read.ts";

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

// $1 now, $2 the offset, $3 the offset of the page's last place, and from $4 on the terms as
// the ranking statement takes them (match-sql.ts). The page size is written into the text, as
// the listings do (indexes/summary-page-read.ts): SQLite ran this statement in 0.44–0.55 ms
// with it bound and 0.24–0.25 with it written, for "night" and for "quiet harbour" alike.
// Visibility is checked here, at query time, never at indexing time, but against the few
// reviews that are hidden rather than on every match's row (hiddenReviewIdsSql). The page's
// order breaks equal scores by date, which lives on the review's row: `edge` is the score the
// page's last place has, and only matches scoring at least that much, the page's own and any
// tied with them, are looked up for their dates; no match scoring less can come before them.
function write(shape: string, perPage: number, dialect: Dialect): string {
  const hidden = hiddenReviewIdsSql("$1");
  // A single word's postings are kept best first: counted in one range of the index, its edge
  // and its page read from the top of that range, nothing sorted but the page's ties.
  // Otherwise the matches are scored once and materialised, keeping only their id and score
  // (counting in a second pass would score them all again).
  const matched =
    shape === "w"
      ? `matched as not materialized (
          select m.review_id as id, m.impact as score from search_postings m
          where m.token = $4 and m.review_id not in (${hidden})
        )`
      : `matched as materialized (
          select m.id as id, m.score as score from (${rankingSql(shape, 4, dialect)}) m
          where m.id not in (${hidden})
        )`;
  return `with ${matched}, edge as (
    select score from matched order by score desc limit 1 offset $3
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
      (select t.body_text from search_texts t where t.review_id = r.id) as "bodyText"
    -- Equal scores fall back to the newest review, so pages never shuffle between requests.
    -- The date is looked up for the few matches at or above the edge only: written as a join,
    -- PostgreSQL cannot tell how few pass the edge and hashed all of reviews to join them.
    from (select m.id as id, m.score as score,
            (select d.published_at from reviews d where d.id = m.id) as published_at
          from matched m
          -- Scores are above zero: with fewer matches than the page's edge, every one is in.
          where m.score >= coalesce((select score from edge), -1)
          order by m.score desc, published_at desc, m.id desc limit ${perPage} offset $2) p
    inner join reviews r on r.id = p.id inner join films f on f.id = r.film_id
  ) shown on 1 = 1
  order by shown.score desc, shown."publishedAt" desc, shown.id desc`;
}

// One statement for each shape of query (match-sql.ts, shapeOf) and page size, written when
// first needed. On PostgreSQL a query of one or two terms has its statement prepared under a
// name, and so run on the plan made without the words (src/db/postgres.ts, planModes): one
// term is read from one range of the postings' key whatever the word; a second is joined to
// the first in a hash, as the plans made for the words do too. Planned anew for each run it
// cost 1.0–1.4 ms a search before running at all, for plans that ran no faster (a lone prefix
// "th" of 300 spellings: 2.9 ms on the generic plan, 3.2 on its own; bench/README.md,
// "PostgreSQL's named reads on their generic plans"). From three terms on the words are
// planned for (planForTheWordsFrom, match-sql.ts).
const statements = new Map<string, PreparedRead<Row>>();
function statementFor(shape: string, perPage: number): PreparedRead<Row> {
  // Written into the SQL text: only ever a whole number.
  if (!Number.isSafeInteger(perPage) || perPage < 1) throw new Error(`bad page size ${perPage}`);
  const key = `${shape} ${perPage}`;
  let statement = statements.get(key);
  if (statement === undefined) {
    statement = preparedRead<Row>((dialect) => write(shape, perPage, dialect), {
      planEachRun: shape.length >= planForTheWordsFrom,
    });
    statements.set(key, statement);
  }
  return statement;
}

/** Public reviews at `now` holding every term, best first: one page of them and the count. */
export async function readSearchPage(
  db: Db,
  terms: QueryTerm[],
  now: string,
  page: number,
  perPage: number,
): Promise<{ total: number; rows: SearchRow[] }> {
  const planned = await planTerms(db, terms);
  if (planned.length === 0) return { total: 0, rows: [] };
  const offset = (page - 1) * perPage;
  const rows = await statementFor(shapeOf(planned), perPage).run(db, [
    now,
    offset,
    offset + perPage - 1,
    ...rankingParameters(planned),
  ]);
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
