// Highlighted text for search results, built in one place for both databases.
//
// Neither FTS5's snippet() nor PostgreSQL's ts_headline() is used: the index holds folded
// words, and ts_headline over the original text cannot see that "amelie" is "Amélie"
// without the unaccent extension. Marking words here, with the same folding as the index,
// highlights accented words on both databases alike. The result is data, not HTML: the view
// wraps marked segments in <mark> and its renderer escapes every character of the text.
import { asciiSnippet } from "./ascii-snippet.ts";
import { tokensOf, termMatches, type QueryTerm } from "./tokens.ts";

export interface Segment {
  text: string;
  marked: boolean;
}

/**
 * The words of a text, as parallel arrays rather than an object a word: a search page scans
 * ten whole reviews, and most of their words match nothing.
 */
interface Words {
  count: number;
  start: Int32Array;
  end: Int32Array;
  /** Index of the query term each word matches, or -1. */
  term: Int32Array;
}

// A word is a run of letters, digits and marks (marks belong to their letter here: the
// original text is not folded yet). Letters and digits of ASCII are told apart by their
// code; only other characters go through this pattern.
const wordChar = /^[\p{L}\p{N}\p{M}]$/u;
/** Words of context before the first match of a snippet. */
const leadIn = 4;

// A letter, digit or mark outside ASCII. Without one, every word is plain ASCII (curly quotes
// and dashes are not word characters), and lower-casing keeps every offset.
// eslint-disable-next-line no-control-regex
const nonAsciiWordChar = /(?![\x00-\x7f])[\p{L}\p{N}\p{M}]/u;
// Whether a text holds any character outside ASCII: only then is the pattern above needed,
// which tests every character of a 6 KB review against Unicode classes (a search page runs
// it on ten of them). Every such character takes two or more bytes in UTF-8, so a text is
// all ASCII exactly when its UTF-8 length is its length; Node counts that in native code,
// 1.1 µs for a 6 KB review against 8.1 for a scan with /[^\x00-\x7f]/.
const hasNonAscii = (text: string) => Buffer.byteLength(text, "utf8") !== text.length;

const isAsciiWordChar = (c: number) =>
  (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

/** The length of the word character at `i` (2 for a surrogate pair), or 0 if it is none. */
function wordCharLength(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c < 128) return isAsciiWordChar(c) ? 1 : 0;
  const pair = c >= 0xd800 && c <= 0xdbff && i + 1 < text.length ? 2 : 1;
  return wordChar.test(text.slice(i, i + pair)) ? pair : 0;
}

/** No word of the text holds a character outside ASCII (punctuation may). */
function isPlainAscii(text: string): boolean {
  return !hasNonAscii(text) || !nonAsciiWordChar.test(text);
}

function wordsOf(text: string, terms: QueryTerm[]): Words {
  // Words are at least one character apart, so there are at most this many.
  const capacity = (text.length >> 1) + 1;
  const start = new Int32Array(capacity);
  const end = new Int32Array(capacity);
  let count = 0;
  if (isPlainAscii(text)) {
    const length = text.length;
    let i = 0;
    while (i < length) {
      while (i < length && !isAsciiWordChar(text.charCodeAt(i))) i++;
      if (i === length) break;
      start[count] = i;
      while (i < length && isAsciiWordChar(text.charCodeAt(i))) i++;
      end[count++] = i;
    }
    const words = { count, start, end, term: new Int32Array(count).fill(-1) };
    markAsciiMatches(text, words, terms);
    return words;
  }
  const plain: boolean[] = [];
  const length = text.length;
  let i = 0;
  while (i < length) {
    let step = wordCharLength(text, i);
    if (step === 0) {
      i++;
      continue;
    }
    start[count] = i;
    let ascii = true;
    while (step > 0) {
      if (ascii && text.charCodeAt(i) >= 128) ascii = false;
      i += step;
      step = i < length ? wordCharLength(text, i) : 0;
    }
    end[count] = i;
    plain[count++] = ascii;
  }
  const term = new Int32Array(count);
  const firstLetters = new Set(terms.map((t) => t.token.charCodeAt(0)));
  for (let w = 0; w < count; w++) {
    term[w] = termOf(text, start[w] ?? 0, end[w] ?? 0, plain[w] ?? false, terms, firstLetters);
  }
  return { count, start, end, term };
}

/**
 * In ASCII text every word is its own token, lower-cased: each term is looked for in the
 * lower-cased text and kept where it begins a word (and, unless a prefix, ends it). A word
 * takes the first term it matches, as everywhere else.
 */
function markAsciiMatches(text: string, words: Words, terms: QueryTerm[]): void {
  const lower = text.toLowerCase();
  terms.forEach((t, index) => {
    for (let at = lower.indexOf(t.token); at >= 0; at = lower.indexOf(t.token, at + 1)) {
      const w = wordStartingAt(words, at);
      if (w < 0 || (words.term[w] ?? 0) >= 0) continue;
      if (!t.prefix && (words.end[w] ?? 0) - at !== t.token.length) continue;
      words.term[w] = index;
    }
  });
}

/** The index of the word that starts at `offset`, or -1. */
function wordStartingAt(words: Words, offset: number): number {
  let low = 0;
  let high = words.count - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const at = words.start[middle] ?? 0;
    if (at === offset) return middle;
    if (at < offset) low = middle + 1;
    else high = middle - 1;
  }
  return -1;
}

/** The index of the first query term the word text[start, end) matches, or -1. */
function termOf(
  text: string,
  start: number,
  end: number,
  plain: boolean,
  terms: QueryTerm[],
  firstLetters: Set<number>,
): number {
  if (plain) {
    // A plain ASCII word is its own single token, lower-cased: it can only match a term that
    // begins with its first letter, which rules out most words before any copy is made.
    const first = text.charCodeAt(start);
    if (!firstLetters.has(first >= 65 && first <= 90 ? first + 32 : first)) return -1;
    const token = text.slice(start, end).toLowerCase();
    return terms.findIndex((t) => termMatches(token, t));
  }
  const tokens = tokensOf(text.slice(start, end));
  return terms.findIndex((t) => tokens.some((token) => termMatches(token, t)));
}

/** The whole text, with every matching word marked. */
export function highlight(text: string, terms: QueryTerm[]): Segment[] {
  const words = wordsOf(text, terms);
  return segmentsOf(text, words, 0, words.count, 0, text.length);
}

export function hasMatch(segments: Segment[]): boolean {
  return segments.some((s) => s.marked);
}

/**
 * About `size` words of the text around the passage that matches the most query words,
 * marked, with an ellipsis where text was left out. Without any match: the opening words.
 */
export function snippet(text: string, terms: QueryTerm[], size = 32): Segment[] {
  if (isPlainAscii(text)) return asciiSnippet(text, terms, size);
  const words = wordsOf(text, terms);
  const count = words.count;
  if (count <= size) return segmentsOf(text, words, 0, count, 0, text.length);
  const first = bestWindow(words.term, count, size);
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
function bestWindow(termOf: Int32Array, count: number, size: number): number {
  // Without a match every window ties, and the earliest wins.
  let firstMatch = 0;
  while (firstMatch < count && (termOf[firstMatch] ?? -1) < 0) firstMatch++;
  if (firstMatch === count) return 0;
  // nextMatch[i]: index of the first matching word at or after i.
  const nextMatch = new Float64Array(count + 1).fill(Infinity);
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
    const leading = lead(first);
    if (distinct > best.distinct || hits > best.hits || leading < best.lead) {
      best = { first, distinct, hits, lead: leading };
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
