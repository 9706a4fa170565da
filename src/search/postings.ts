// What the search index stores for one review: a row per distinct word (a "posting") with the
// word's weight in the review, its "impact". Search finds a word's reviews by a range of one
// B-tree (the word, then the impact), best first, and ranks them from these numbers alone, in
// the same SQL on SQLite and PostgreSQL (match-sql.ts), so both databases rank alike.
//
// The impact is BM25's weight of a word in a review,  f·(k1+1) / (f + k1·(1 − b + b·length/
// average)),  where f counts the word's matches (weighted by column, below) and the
// denominator discounts long reviews; a query of several words adds up each word's impact
// times its rarity across reviews (census.ts). The "average" length is a fixed reference
// rather than the site's mean, so that a review's rows never change when another review is
// written: a 1,000-word review is the neutral one, a shorter one counts a match a little more,
// a longer one a little less. A prefix's several words in one review ("night", "nights") add
// their impacts, each saturated apart: close to BM25, which would add their matches first.
import type { SearchDocument } from "./document.ts";

/**
 * A match in the title counts as a hundred in the body, a person as twenty, a tag as five:
 * one match in a heavier column outranks the usual number in a lighter one, as readers
 * expect ("Vertigo" finds the film called Vertigo before reviews that mention it).
 */
const columnWeights = { title: 100, people: 20, tags: 5, body: 1 } as const;

/** BM25's k1: how fast further matches stop adding to a word's score. */
const saturation = 1.2;
/** BM25's b: how much a review's length discounts its matches (0 none, 1 fully). */
const lengthEffect = 0.75;
/** The review length (in words, all columns) whose matches are neither discounted nor raised. */
const referenceLength = 1000;

/** Each distinct word of the review with its impact (above). */
export function postingsOf(document: SearchDocument): Map<string, number> {
  const frequencies = new Map<string, number>();
  let length = 0;
  for (const column of ["title", "people", "tags", "body"] as const) {
    const weight = columnWeights[column];
    // The columns hold folded words separated by single spaces (tokens.ts, indexText).
    for (const token of document[column].split(" ")) {
      if (token === "") continue;
      frequencies.set(token, (frequencies.get(token) ?? 0) + weight);
      length += 1;
    }
  }
  const lengthNorm = saturation * (1 - lengthEffect + (lengthEffect * length) / referenceLength);
  const impacts = new Map<string, number>();
  for (const [token, f] of frequencies)
    impacts.set(token, (f * (saturation + 1)) / (f + lengthNorm));
  return impacts;
}
