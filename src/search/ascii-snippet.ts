// The snippet of a plain-text review, found without reading the whole review.
//
// snippet.ts finds the best passage by listing every word of the text, then sliding a window
// over the list. A search page does that for ten reviews of about 900 words each, and
// listing the words was most of a snippet's cost (a branch a character, 30 µs a review),
// though only the words near the matches can change which passage is best. Here, for text
// whose words are all plain ASCII, the matches are found by searching the lower-cased text
// (native code), and words are counted only between neighbouring matches, up to a window's
// length: two matches further apart can never share a window, so how much further does not
// matter. The window is then chosen over those counts, by the same rules and with the same
// result as snippet.ts's slide (test/search/snippet.property.test.ts holds the two to the
// code before either was made fast).
import type { Segment } from "./snippet.ts";
import type { QueryTerm } from "./tokens.ts";

/** Words of context before the first match of a snippet (as in snippet.ts). */
const leadIn = 4;

const isWordChar = (c: number) =>
  (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

/** 1 at the code unit of each ASCII letter and digit, 0 at every other one. */
const wordUnits = new Uint8Array(0x10000);
for (let c = 0; c < 128; c++) wordUnits[c] = isWordChar(c) ? 1 : 0;

/** The matching words of the text, in order: where each starts and ends, and its term. */
interface Matches {
  start: number[];
  end: number[];
  term: number[];
}

/**
 * Every word that matches a term: a term's token where a word begins (and, unless it is a
 * prefix, where that word ends). A word takes the first term it matches.
 */
function matchesOf(text: string, terms: QueryTerm[]): Matches {
  const lower = text.toLowerCase();
  const termAt = new Map<number, number>();
  terms.forEach((t, index) => {
    const length = t.token.length;
    for (let at = lower.indexOf(t.token); at >= 0; at = lower.indexOf(t.token, at + 1)) {
      if (at > 0 && isWordChar(text.charCodeAt(at - 1))) continue;
      if (!t.prefix && at + length < text.length && isWordChar(text.charCodeAt(at + length))) {
        continue;
      }
      if (!termAt.has(at)) termAt.set(at, index);
    }
  });
  const starts = [...termAt.keys()].sort((a, b) => a - b);
  return {
    start: starts,
    end: starts.map((at) => wordEnd(text, at)),
    term: starts.map((at) => termAt.get(at) ?? -1),
  };
}

function wordEnd(text: string, at: number): number {
  let i = at;
  while (i < text.length && isWordChar(text.charCodeAt(i))) i++;
  return i;
}

/**
 * How many words lie in text[from, to), counting no further than `cap`; `from` is where a
 * word may begin. Each code unit adds one where a word begins, with no branch on what it is:
 * prose turns from word to space every few letters, and a loop that skipped a word, then the
 * gap after it, guessed each turn wrong (all the words of a 5,600-character review: 20 µs;
 * this way 8).
 */
function wordsBetween(text: string, from: number, to: number, cap: number): number {
  let count = 0;
  let previous = 0;
  for (let i = from; i < to; i++) {
    const unit = wordUnits[text.charCodeAt(i)]!;
    count += unit & (previous ^ 1);
    previous = unit;
    if (count >= cap) return cap;
  }
  return count;
}

/** The start of the word `n` words before the word starting at `at`. */
function startWordsBack(text: string, at: number, n: number): number {
  let i = at;
  for (let k = 0; k < n; k++) {
    while (i > 0 && !isWordChar(text.charCodeAt(i - 1))) i--;
    while (i > 0 && isWordChar(text.charCodeAt(i - 1))) i--;
  }
  return i;
}

/** The end of the word `n` words after the word ending at `end`. */
function endWordsOn(text: string, end: number, n: number): number {
  let i = end;
  for (let k = 0; k < n; k++) {
    while (i < text.length && !isWordChar(text.charCodeAt(i))) i++;
    while (i < text.length && isWordChar(text.charCodeAt(i))) i++;
  }
  return i;
}

/**
 * Each match's place among the words, and the number of words, as the slide would see them,
 * except that a stretch of `size` words or more without a match counts as exactly `size`
 * (it cannot change the result: see the top of this file). Exact whenever `count` ≤ `size`.
 */
function placesOf(text: string, matches: Matches, size: number) {
  const n = matches.start.length;
  const place = new Array<number>(n);
  let next = wordsBetween(text, 0, matches.start[0] ?? text.length, size);
  for (let k = 0; k < n; k++) {
    place[k] = next;
    const gapEnd = k + 1 < n ? (matches.start[k + 1] ?? 0) : text.length;
    next += 1 + wordsBetween(text, matches.end[k] ?? 0, gapEnd, size);
  }
  return { place, count: next };
}

/**
 * The first word of the best window of `size` words, by snippet.ts's rules: the most
 * different terms, then the most matches, then the first match nearest `leadIn` words in,
 * then the earliest. The matches' contents change only where one enters or leaves the
 * window, so each stretch of windows between such points is judged by its best start.
 */
function bestFirst(place: number[], term: number[], count: number, size: number): number {
  const lastFirst = count - size;
  const edges = new Set<number>([0]);
  for (const p of place) {
    if (p - size + 1 > 0 && p - size + 1 <= lastFirst) edges.add(p - size + 1);
    if (p + 1 <= lastFirst) edges.add(p + 1);
  }
  const starts = [...edges].sort((a, b) => a - b);
  let best = { first: 0, distinct: -1, hits: 0, lead: 0 };
  let low = 0;
  for (let s = 0; s < starts.length; s++) {
    const from = starts[s] ?? 0;
    const to = (starts[s + 1] ?? lastFirst + 1) - 1;
    while (low < place.length && (place[low] ?? 0) < from) low++;
    const seen = new Set<number>();
    let hits = 0;
    for (let k = low; k < place.length && (place[k] ?? 0) < from + size; k++) {
      hits++;
      seen.add(term[k] ?? -1);
    }
    // Within the stretch the window's first match is the same one, `firstMatch`.
    const firstMatch = hits > 0 ? (place[low] ?? 0) : Infinity;
    const first = from === 0 ? 0 : Math.min(to, Math.max(from, firstMatch - leadIn));
    const lead = first === 0 ? 0 : Math.abs(firstMatch - first - leadIn);
    const distinct = seen.size;
    if (
      distinct > best.distinct ||
      (distinct === best.distinct && hits > best.hits) ||
      (distinct === best.distinct && hits === best.hits && lead < best.lead)
    ) {
      best = { first, distinct, hits, lead };
    }
  }
  return best.first;
}

/** text[from, to) with the matches in it marked, plain runs merged, empty ones left out. */
function markedSegments(text: string, matches: Matches, from: number, to: number): Segment[] {
  const segments: Segment[] = [];
  let at = from;
  const plain = (until: number) => {
    if (until > at) segments.push({ text: text.slice(at, until), marked: false });
  };
  for (let k = 0; k < matches.start.length; k++) {
    const start = matches.start[k] ?? 0;
    const end = matches.end[k] ?? 0;
    if (start < from || end > to) continue;
    plain(start);
    segments.push({ text: text.slice(start, end), marked: true });
    at = end;
  }
  plain(to);
  return segments;
}

/**
 * About `size` words around the passage that matches the most query words, as snippet.ts's
 * `snippet` gives it. Only for text with no word character outside ASCII.
 */
export function asciiSnippet(text: string, terms: QueryTerm[], size: number): Segment[] {
  const matches = matchesOf(text, terms);
  if (matches.start.length === 0) {
    // Every window ties: the opening words.
    const count = wordsBetween(text, 0, text.length, size + 1);
    if (count <= size) return markedSegments(text, matches, 0, text.length);
    const to = endWordsOn(text, 0, size);
    return withEllipses(markedSegments(text, matches, 0, to), false, to < text.length);
  }
  const { place, count } = placesOf(text, matches, size);
  if (count <= size) return markedSegments(text, matches, 0, text.length);
  const first = bestFirst(place, matches.term, count, size);
  const last = first + size - 1;
  // The window holds a match (any window but those without one is better), found from it.
  const anchor = place.findIndex((p) => p >= first);
  const anchorPlace = place[anchor] ?? 0;
  const from =
    first === 0 ? 0 : startWordsBack(text, matches.start[anchor] ?? 0, anchorPlace - first);
  const to =
    last === count - 1
      ? text.length
      : endWordsOn(text, matches.end[anchor] ?? 0, last - anchorPlace);
  return withEllipses(markedSegments(text, matches, from, to), from > 0, to < text.length);
}

/** An ellipsis where text was left out, joined to the plain text beside it. */
function withEllipses(segments: Segment[], before: boolean, after: boolean): Segment[] {
  const head = segments[0];
  if (before) {
    if (head && !head.marked) head.text = `… ${head.text}`;
    else segments.unshift({ text: "… ", marked: false });
  }
  const tail = segments[segments.length - 1];
  if (after) {
    if (tail && !tail.marked) tail.text = `${tail.text} …`;
    else segments.push({ text: " …", marked: false });
  }
  return segments;
}
