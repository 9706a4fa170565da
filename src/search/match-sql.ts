// The reviews holding every word of a query, ranked, in SQL that SQLite and PostgreSQL both
// run as written, so the two rank alike. The impacts are made in postings.ts; what each
// term's rows are, counted before this statement is written, in census.ts.
//
// The statement starts from the rarest term's reviews and joins each other term to them; a
// term that turned out to have a single spelling is read as that word, with nothing to group.
import type { Dialect } from "../db/connect.ts";

/** One term as the ranking statement reads it: a single word, or a range of several. */
export interface PlannedTerm {
  first: string;
  last: string;
  /** Postings in the range: reviews for a single word, more for a range. */
  postings: number;
  /** BM25's rarity of the term among the site's reviews. */
  rarity: number;
}

const isSingleWord = (term: PlannedTerm) => term.first === term.last;

/**
 * From this many terms on, PostgreSQL plans a search for its words on every run rather than
 * keep one plan (src/db/prepared.ts, planEachRun): a plan made without them guesses each step
 * fewer reviews than the last and joins the later terms one review at a time, each a walk
 * through all of that word's postings; for twelve common words, thousands of walks.
 */
export const planForTheWordsFrom = 3;

/**
 * The key a ranking statement is kept under: a letter a term, rarest first, "w" for a single
 * word and "r" for a range of several.
 */
export function shapeOf(terms: PlannedTerm[]): string {
  return terms.map((t) => (isSingleWord(t) ? "w" : "r")).join("");
}

/**
 * The statement's parameters for these terms, in order: a word's token, or a range's first and
 * last; then, when there are several terms, its rarity. The SQL below numbers them alike.
 */
export function rankingParameters(terms: PlannedTerm[]): unknown[] {
  return terms.flatMap((t) => [
    ...(isSingleWord(t) ? [t.first] : [t.first, t.last]),
    ...(terms.length > 1 ? [t.rarity] : []),
  ]);
}

/** The parameters' numbers for `shape`, in rankingParameters' order, from `$first` on. */
function slotsOf(shape: string, first: number) {
  let next = first;
  const take = () => `$${next++}`;
  return [...shape].map((kind) => {
    const from = take();
    const to = kind === "w" ? from : take();
    const rarity = shape.length > 1 ? take() : undefined;
    return { kind, from, to, rarity };
  });
}

/**
 * SQL for the postings of one term: all of them for a word, grouped by review for a range (its
 * several words in one review are one term), as (id, impact).
 */
function termRowsSql(kind: string, from: string, to: string): string {
  return kind === "w"
    ? `select review_id as id, impact from search_postings where token = ${from}`
    : `select review_id as id, sum(impact) as impact from search_postings
        where token >= ${from} and token <= ${to} group by review_id`;
}

/**
 * SQL for the reviews holding every term, as rows (id, score), higher scores more relevant;
 * hidden reviews are among them, the caller leaves them out. Written for `shape` (shapeOf);
 * the parameters, from `$first` on, are rankingParameters'.
 */
export function rankingSql(shape: string, first: number, dialect: Dialect): string {
  const [lead, ...others] = slotsOf(shape, first);
  const leading = termRowsSql(lead!.kind, lead!.from, lead!.to);
  if (others.length === 0) return `select l.id as id, l.impact as score from (${leading}) l`;
  return dialect === "postgres" ? chainedSql(lead!, others) : joinedSql(lead!, others);
}

type Slot = ReturnType<typeof slotsOf>[number];

const asDouble = (parameter: string | undefined) => `cast(${parameter} as double precision)`;

const tokensOf = (alias: string, term: Slot) =>
  term.kind === "w"
    ? `${alias}.token = ${term.from}`
    : `${alias}.token >= ${term.from} and ${alias}.token <= ${term.to}`;

/**
 * SQLite: each other term joined on the review. SQLite takes a cross join's tables in the
 * order written, so it walks the lead's reviews and looks each term up in the index on
 * (review_id, token). A range's rows are joined as they are and added up per review at the
 * end: grouped first, SQLite would sort the whole range and index it before the first lookup
 * (0.87 ms for "eldor elju*" against 0.55).
 */
function joinedSql(lead: Slot, others: Slot[]): string {
  const joined = others.map((_, i) => `cross join search_postings t${i + 1}`).join("\n    ");
  const conditions = others.map(
    (term, i) => `${tokensOf(`t${i + 1}`, term)} and t${i + 1}.review_id = l.id`,
  );
  const ranged = others.some((term) => term.kind === "r");
  // With a range among them a review has a row per spelling: its other terms' impacts are the
  // same on each (max), the range's are added up (sum).
  const impactOf = (kind: string, column: string) =>
    !ranged ? column : kind === "r" ? `sum(${column})` : `max(${column})`;
  const score = [
    `${asDouble(lead.rarity)} * ${impactOf("w", "l.impact")}`,
    ...others.map(
      (term, i) => `${asDouble(term.rarity)} * ${impactOf(term.kind, `t${i + 1}.impact`)}`,
    ),
  ].join(" + ");
  return `select l.id as id, ${score} as score from (${termRowsSql(lead.kind, lead.from, lead.to)}) l
    ${joined}
    where ${conditions.join(" and ")}${ranged ? " group by l.id" : ""}`;
}

/**
 * PostgreSQL: the same sums, one term a step, each step its own materialised part. Written as
 * one join, PostgreSQL weighs every order of the terms before running it: 1.8–3.3 ms of
 * planning for six words, 0.4–0.6 as steps, which it runs with the same hash and merge joins
 * of each term's range (bench/README.md, "Search on its own index"). The score is added up
 * in the same order as SQLite's, as the two should agree.
 */
function chainedSql(lead: Slot, others: Slot[]): string {
  const steps = [
    `s0 as materialized (select l.id as id, ${asDouble(lead.rarity)} * l.impact as score
      from (${termRowsSql(lead.kind, lead.from, lead.to)}) l)`,
    ...others.map((term, i) => {
      const impact = term.kind === "r" ? "sum(t.impact)" : "t.impact";
      return `s${i + 1} as materialized (select s.id as id,
        s.score + ${asDouble(term.rarity)} * ${impact} as score
        from s${i} s join search_postings t on ${tokensOf("t", term)} and t.review_id = s.id
        ${term.kind === "r" ? "group by s.id, s.score" : ""})`;
    }),
  ];
  return `with ${steps.join(",\n    ")}
    select id, score from s${others.length}`;
}
