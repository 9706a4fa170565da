// The search page's snippets were made cheaper (parallel lists instead of an object a word,
// most words ruled out by their first letter, no regular expression over plain ASCII; then,
// for plain text, words counted only near the matches): for any text and any query they must
// mark and cut exactly what the code before did.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { highlight, snippet } from "../../src/search/snippet.ts";
import { queryTerms } from "../../src/search/tokens.ts";
import * as reference from "./snippet-reference.ts";

// Plain words, words that fold (accents, strokes, ligatures, a combining mark, a fraction
// that splits into two tokens), digits, punctuation and spacing of every kind.
const vocabulary = [
  ...["night", "Night", "NIGHTS", "nightfall", "harbour", "quiet", "Quiet", "the", "a", "x"],
  ...["Amélie", "AMELIE", "amelie", "Søren", "Straße", "ﬁlm", "film", "Ærø", "e\u0301te", "ete"],
  ...["a½b", "a1", "2b", "1984", "8½", "日本", "映画", "Jean-Pierre's", "don’t", "“quoted”"],
];
const separators = [" ", "  ", "\n", ", ", ". ", " — ", "… ", "\t", "🎬", "-", "'"];

const text = fc
  .array(fc.tuple(fc.constantFrom(...vocabulary), fc.constantFrom(...separators)), {
    maxLength: 90,
  })
  .map((pairs) => pairs.map(([word, separator]) => word + separator).join(""));
const asciiText = fc
  .array(fc.tuple(fc.constantFrom(...vocabulary.slice(0, 10)), fc.constantFrom(" ", ". ")), {
    maxLength: 90,
  })
  .map((pairs) => pairs.map(([word, separator]) => word + separator).join(""));
// Plain words between typographic punctuation (curly quotes, dashes, an emoji).
const typographicText = fc
  .array(fc.tuple(fc.constantFrom(...vocabulary.slice(0, 10)), fc.constantFrom(...separators)), {
    maxLength: 90,
  })
  .map((pairs) => pairs.map(([word, separator]) => `“${word}”${separator}`).join(""));
// Long plain text where matches are rare and far apart, or bunched: the snippet of plain
// text counts words only near its matches (src/search/ascii-snippet.ts).
const sparseText = fc
  .array(
    fc.tuple(
      fc.oneof(
        { weight: 12, arbitrary: fc.constantFrom("the", "a", "x", "Quietly", "harbours") },
        { weight: 1, arbitrary: fc.constantFrom(...vocabulary.slice(0, 10)) },
      ),
      fc.constantFrom(" ", ". ", ", ", " — ", "“", "” ", "\n"),
    ),
    { maxLength: 300 },
  )
  .map((pairs) => pairs.map(([word, separator]) => word + separator).join(""));
const query = fc
  .array(fc.oneof(fc.constantFrom(...vocabulary), fc.constantFrom("nig", "am", "e", "2")), {
    minLength: 1,
    maxLength: 3,
  })
  .map((words) => words.join(" "));

describe("snippets, as before they were made fast", () => {
  it("mark and cut any text exactly as the previous code did", () => {
    fc.assert(
      fc.property(
        fc.oneof(text, asciiText, typographicText, sparseText),
        query,
        fc.integer({ min: 1, max: 40 }),
        (t, q, n) => {
          const terms = queryTerms(q);
          expect(snippet(t, terms, n)).toEqual(reference.snippet(t, terms, n));
          expect(highlight(t, terms)).toEqual(reference.highlight(t, terms));
        },
      ),
      { numRuns: 400 },
    );
  });

  it("mark and cut whatever a review or a reader sends exactly as the previous code did", () => {
    // Any code points (control characters, lone surrogates, NUL), with words of the
    // vocabulary among them so that queries find something; the query as typed, any string.
    const anyText = fc
      .array(
        fc.oneof(
          fc.string({ unit: "binary", maxLength: 12 }),
          fc.string({ unit: "binary-ascii", maxLength: 12 }),
          fc.constantFrom(...vocabulary, " ", ". "),
        ),
        { maxLength: 120 },
      )
      .map((parts) => parts.join(""));
    const anyQuery = fc.oneof(query, fc.string({ unit: "binary", maxLength: 20 }));
    fc.assert(
      fc.property(anyText, anyQuery, fc.integer({ min: 1, max: 40 }), (t, q, n) => {
        const terms = queryTerms(q);
        expect(snippet(t, terms, n)).toEqual(reference.snippet(t, terms, n));
        expect(highlight(t, terms)).toEqual(reference.highlight(t, terms));
      }),
      { numRuns: 500 },
    );
  });

  it("cut plain text exactly as the previous code did, matches near or far apart", () => {
    const plainQuery = fc
      .array(fc.constantFrom("night", "nig", "harbour", "harb", "quiet", "the", "x", "quietly"), {
        minLength: 1,
        maxLength: 3,
      })
      .map((words) => words.join(" "));
    fc.assert(
      fc.property(
        fc.oneof(asciiText, typographicText, sparseText),
        plainQuery,
        fc.integer({ min: 1, max: 40 }),
        (t, q, n) => {
          const terms = queryTerms(q);
          expect(snippet(t, terms, n)).toEqual(reference.snippet(t, terms, n));
        },
      ),
      { numRuns: 1500 },
    );
  });

  it("prefer the passage with more different words, a word counting for its first term", () => {
    // "night" is the first term's and the second's ("nig" is a prefix): it counts once, for
    // the first, so the passage with "nightfall" holds two different terms, two "night"s one.
    const the = (n: number) => Array(n).fill("the").join(" ");
    const text = `${the(20)} nightfall ${the(3)} night ${the(20)} night ${the(2)} night ${the(30)}`;
    const terms = queryTerms("night nig");
    expect(snippet(text, terms, 8)).toEqual([
      { text: "… the the the ", marked: false },
      { text: "nightfall", marked: true },
      { text: " the the the ", marked: false },
      { text: "night", marked: true },
      { text: " …", marked: false },
    ]);
    expect(snippet(text, terms, 8)).toEqual(reference.snippet(text, terms, 8));
  });

  it("still mark folded and split words", () => {
    const terms = queryTerms("ete 2b");
    expect(highlight("Été, a½b.", terms).filter((s) => s.marked)).toEqual([
      { text: "Été", marked: true },
      { text: "a½b", marked: true },
    ]);
  });
});
