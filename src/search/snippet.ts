// Highlighted text for search results, built in one place for both databases.
//
// Neither FTS5's snippet() nor PostgreSQL's ts_headline() is used: the index holds folded
// words, and ts_headline over the original text cannot see that "amelie" is "Amélie"
// without the unaccent extension. Marking words here, with the same folding as the index,
// highlights accented words on both databases alike. The result is data, not HTML: the view
// wraps marked segments in <mark> and its renderer escapes every character of the text.
import { tokensOf, termMatches, type QueryTerm } from "./tokens.ts";

export interface Segment {
  text: string;
  marked: boolean;
}

/**
 * The words of a text, as parallel lists rather than an object a word: a search page scans
 * ten whole reviews, and most of their words match nothing.
 */
interface Words {
  start: number[];
  end: number[];
  /** Index of the query term each word matches, or -1. */
  term: number[];
}

// Marks belong to their letter here (the original text is not folded yet).
const wordPattern = /[\p{L}\p{N}\p{M}]+/gu;
/** Words of context before the first match of a snippet. */
const leadIn = 4;

// eslint-disable-next-line no-control-regex
const asciiText = /^[\x00-\x7f]*$/;

const isAsciiWordChar = (c: number) =>
  (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

function wordsOf(text: string, terms: QueryTerm[]): Words {
  const words: Words = { start: [], end: [], term: [] };
  const match = termMatcher(text, terms);
  if (asciiText.test(text)) {
    // Plain ASCII: a word is a run of letters and digits, found without a regular expression.
    const length = text.length;
    let i = 0;
    while (i < length) {
      while (i < length && !isAsciiWordChar(text.charCodeAt(i))) i++;
      if (i === length) break;
      const start = i;
      while (i < length && isAsciiWordChar(text.charCodeAt(i))) i++;
      words.start.push(start);
      words.end.push(i);
      words.term.push(match(start, i, true));
    }
    return words;
  }
  for (const m of text.matchAll(wordPattern)) {
    const end = m.index + m[0].length;
    let plain = true;
    for (let i = m.index; i < end && plain; i++) plain = text.charCodeAt(i) < 128;
    words.start.push(m.index);
    words.end.push(end);
    words.term.push(match(m.index, end, plain));
  }
  return words;
}

/** The index of the first query term a word of the text matches, or -1. */
function termMatcher(text: string, terms: QueryTerm[]) {
  const firstChars = new Set(terms.map((t) => t.token.charCodeAt(0)));
  return (start: number, end: number, plain: boolean): number => {
    if (plain) {
      // A plain ASCII word is its own single token, lower-cased: it can only match a term
      // that begins with its first letter, which rules out most words without a copy.
      const first = text.charCodeAt(start);
      if (!firstChars.has(first >= 65 && first <= 90 ? first + 32 : first)) return -1;
      const token = text.slice(start, end).toLowerCase();
      return terms.findIndex((t) => termMatches(token, t));
    }
    const tokens = tokensOf(text.slice(start, end));
    return terms.findIndex((t) => tokens.some((token) => termMatches(token, t)));
  };
}

/** The whole text, with every matching word marked. */
export function highlight(text: string, terms: QueryTerm[]): Segment[] {
  const words = wordsOf(text, terms);
  return segmentsOf(text, words, 0, words.term.length, 0, text.length);
}

export function hasMatch(segments: Segment[]): boolean {
  return segments.some((s) => s.marked);
}

/**
 * About `size` words of the text around the passage that matches the most query words,
 * marked, with an ellipsis where text was left out. Without any match: the opening words.
 */
export function snippet(text: string, terms: QueryTerm[], size = 32): Segment[] {
  const words = wordsOf(text, terms);
  const count = words.term.length;
  if (count <= size) return segmentsOf(text, words, 0, count, 0, text.length);
  const first = bestWindow(words.term, size);
  const last = Math.min(count, first + size) - 1;
  const from = first === 0 ? 0 : (words.start[first] ?? 0);
  const to = last === count - 1 ? text.length : (words.end[last] ?? text.length);
  const segments = segmentsOf(text, words, first, last + 1, from, to);
  if (from > 0) segments.unshift({ text: "… ", marked: false });
  if (to < text.length) segments.push({ text: " …", marked: false });
  return mergePlain(segments);
}

/**
 * Slides a window of `size` words over the text and keeps the one with the most different
 * query words, then the most matches, then the first match nearest `leadIn` words in (so
 * it reads with some context), then the earliest. `termOf` holds each word's term, or -1.
 */
function bestWindow(termOf: number[], size: number): number {
  const count = termOf.length;
  // nextMatch[i]: index of the first matching word at or after i.
  const nextMatch = new Array<number>(count + 1).fill(Infinity);
  for (let i = count - 1; i >= 0; i--) {
    nextMatch[i] = (termOf[i] ?? -1) >= 0 ? i : (nextMatch[i + 1] ?? Infinity);
  }
  const inWindow = new Map<number, number>();
  let hits = 0;
  const shift = (term: number | undefined, by: 1 | -1) => {
    if (term === undefined || term < 0) return;
    hits += by;
    const n = (inWindow.get(term) ?? 0) + by;
    if (n === 0) inWindow.delete(term);
    else inWindow.set(term, n);
  };
  for (let i = 0; i < size; i++) shift(termOf[i], 1);
  const lead = (first: number) =>
    first === 0 ? 0 : Math.abs((nextMatch[first] ?? Infinity) - first - leadIn);
  let best = { first: 0, distinct: inWindow.size, hits, lead: 0 };
  for (let first = 1; first + size <= count; first++) {
    shift(termOf[first - 1], -1);
    shift(termOf[first + size - 1], 1);
    const distinct = inWindow.size;
    if (distinct < best.distinct || (distinct === best.distinct && hits < best.hits)) continue;
    const candidate = { first, distinct, hits, lead: lead(first) };
    if (
      candidate.distinct > best.distinct ||
      candidate.hits > best.hits ||
      candidate.lead < best.lead
    ) {
      best = candidate;
    }
  }
  return best.first;
}

/** The text from `from` to `to`, with the matching words among words[fromWord, toWord) marked. */
function segmentsOf(
  text: string,
  words: Words,
  fromWord: number,
  toWord: number,
  from: number,
  to: number,
): Segment[] {
  const segments: Segment[] = [];
  let at = from;
  for (let i = fromWord; i < toWord; i++) {
    if ((words.term[i] ?? -1) < 0) continue;
    const start = words.start[i] ?? at;
    const end = words.end[i] ?? at;
    segments.push({ text: text.slice(at, start), marked: false });
    segments.push({ text: text.slice(start, end), marked: true });
    at = end;
  }
  segments.push({ text: text.slice(at, to), marked: false });
  return mergePlain(segments);
}

function mergePlain(segments: Segment[]): Segment[] {
  const merged: Segment[] = [];
  for (const segment of segments) {
    if (segment.text === "") continue;
    const previous = merged[merged.length - 1];
    if (previous && !previous.marked && !segment.marked) previous.text += segment.text;
    else merged.push({ ...segment });
  }
  return merged;
}
