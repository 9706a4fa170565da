// The census of a query's terms, taken before the ranking statement is written (match-sql.ts):
// each term's first and last spelling in the index, so that a term with one spelling is read
// as that word and a term found nowhere ends the search here; and, when there are several
// terms, how many postings each has, so that the statement starts from the rarest and weighs
// each by its rarity. For one term the census is two seeks into the index.
import type { Db } from "../db/connect.ts";
import { preparedRead, type PreparedRead } from "../db/prepared.ts";
import { planForTheWordsFrom, type PlannedTerm } from "./match-sql.ts";
import type { QueryTerm } from "./tokens.ts";

// Above every letter and digit: a prefix's range ends at the prefix followed by it. Both
// databases compare the token column byte by byte (SQLite's BINARY, PostgreSQL's "C"
// collation), which for UTF-8 is code point order, and no word holds U+10FFFF (not a letter).
const afterEveryWord = "\u{10FFFF}";

interface CensusRow {
  term: number;
  first: string | null;
  last: string | null;
  /**
   * Postings in the term's range, counted only when there are several terms; on the row of
   * term -1, there only when there are several, the site's reviews.
   */
  postings: number | string | null;
}

/**
 * A row per term (`term` from 0), and with several terms one more (-1) with the reviews.
 * Parameters: each term's first and last possible token (its own, and lastTokenOf). Each of
 * first and last is one seek into the postings' key.
 */
function censusSql(termCount: number): string {
  // Every review is indexed, drafts included (indexer.ts), so `reviews` and `search_texts`
  // count the same: SQLite counts `reviews` in its smallest index, where `search_texts` would
  // be walked page by page with its texts (PostgreSQL's census of several terms is below).
  const perTerm = Array.from({ length: termCount }, (_, term) => {
    const range = `from search_postings where token >= $${2 * term + 1} and token <= $${2 * term + 2}`;
    const postings = termCount === 1 ? "null" : `(select count(*) ${range})`;
    return `select ${term} as term, (select min(token) ${range}) as first,
        (select max(token) ${range}) as last, ${postings} as postings`;
  });
  const site = termCount === 1 ? [] : [`select -1, null, null, (select count(*) from reviews)`];
  return [...perTerm, ...site].join("\nunion all ");
}

/** A term's range ends here: a whole word is a range of one token; a prefix finds longer words. */
function lastTokenOf(term: QueryTerm): string {
  return term.prefix ? term.token + afterEveryWord : term.token;
}

/** BM25's idf in the form that stays positive for a word in most reviews. */
function rarity(reviews: number, holding: number): number {
  return Math.log(1 + (reviews - holding + 0.5) / (holding + 0.5));
}

// One census statement for each number of terms, written when first needed. Its plan, seeks
// and ranges of one index, suits any words, so it is named (on PostgreSQL only for one term).
const censuses = new Map<number, PreparedRead<CensusRow>>();
function censusFor(termCount: number): PreparedRead<CensusRow> {
  let statement = censuses.get(termCount);
  if (statement === undefined) {
    statement = preparedRead<CensusRow>(() => censusSql(termCount));
    censuses.set(termCount, statement);
  }
  return statement;
}

/**
 * PostgreSQL, several terms: the same rows from one statement for any number of terms, their
 * ranges given as two arrays ($1 the firsts, $2 the lasts) and each counted in one pass of
 * its range, its first and last spelling read on the way. Written as censusSql, PostgreSQL
 * planned its three subqueries a term anew on every run, and planning took as long as running
 * (six words: 0.87 ms of planning and 1.2 of running; this way 0.09 and 1.25; two words 0.6
 * ms in all, now 0.36).
 */
const manyTermsSql = `select (t.n - 1)::int as term, p.first as first, p.last as last,
      p.postings as postings
    from unnest($1::text[], $2::text[]) with ordinality as t(first, last, n),
      lateral (select min(token) as first, max(token) as last, count(*) as postings
        from search_postings where token >= t.first and token <= t.last) p
    -- search_texts: thirteen pages for 2,000 reviews, where reviews has over a hundred.
    union all select -1, null, null, (select count(*) from search_texts)`;
/** Two terms: named, as the page statement after it (search-page-read.ts). */
const twoTermsOnPostgres = preparedRead<CensusRow>(() => manyTermsSql);
/**
 * More: unnamed, as the page statement after it is planned for its words (planForTheWordsFrom),
 * so that the connection runs both in the same plan mode and need not switch between them
 * (src/db/postgres.ts, planModes). Statements are named by their text, hence the comment.
 */
const moreTermsOnPostgres = preparedRead<CensusRow>(
  () => `/* planned for its words */ ${manyTermsSql}`,
  { planEachRun: true },
);

function takeCensus(db: Db, terms: QueryTerm[]): Promise<CensusRow[]> {
  if (db.dialect === "postgres" && terms.length > 1) {
    const census = terms.length < planForTheWordsFrom ? twoTermsOnPostgres : moreTermsOnPostgres;
    return census.run(db, [terms.map((t) => t.token), terms.map(lastTokenOf)]);
  }
  return censusFor(terms.length).run(
    db,
    terms.flatMap((t) => [t.token, lastTokenOf(t)]),
  );
}

/**
 * The terms as the ranking statement takes them, rarest first; none when some term is in no
 * review (nothing can hold them all).
 */
export async function planTerms(db: Db, terms: QueryTerm[]): Promise<PlannedTerm[]> {
  const rows = await takeCensus(db, terms);
  const reviews = Number(rows.find((r) => Number(r.term) === -1)?.postings ?? 0);
  const counted = rows.filter((r) => Number(r.term) >= 0);
  if (counted.length !== terms.length || counted.some((r) => r.first === null || r.last === null)) {
    return [];
  }
  return counted
    .map((row): PlannedTerm => {
      // A range's postings count a review once for each spelling it holds ("night" and
      // "nights"); as reviews holding the term, that is an upper bound, near enough for its
      // rarity and cheaper than counting reviews apart, and the same on both databases.
      const postings = Number(row.postings ?? 0);
      return {
        first: row.first!,
        last: row.last!,
        postings,
        rarity: rarity(reviews, Math.min(postings, reviews)),
      };
    })
    .sort((a, b) => a.postings - b.postings);
}
