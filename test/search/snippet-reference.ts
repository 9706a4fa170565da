// The snippet code as it was before it was made fast (src/search/snippet.ts), word for word
// in what it returns: the property test holds the two to the same output.
//
// (Its original notes follow.)
// Neither FTS5's snippet() nor PostgreSQL's ts_headline() is used: the index holds folded
// words, and ts_headline over the original text cannot see that "amelie" is "Amélie"
// without the unaccent extension. Marking words here, with the same folding as the index,
// highlights accented words on both databases alike. The result is data, not HTML: the view
// wraps marked segments in <mark> and its renderer escapes every character of the text.
import { tokensOf, termMatches, type QueryTerm } from "../../src/search/tokens.ts";

interface Segment {
  text: string;
  marked: boolean;
}

interface Word {
  start: number;
  end: number;
  /** Index of the query term this word matches, or -1. */
  term: number;
}

// Marks belong to their letter here (the original text is not folded yet).
const wordPattern = /[\p{L}\p{N}\p{M}]+/gu;
/** Words of context before the first match of a snippet. */
const leadIn = 4;

const plainWord = /^[A-Za-z0-9]+$/;

function wordsOf(text: string, terms: QueryTerm[]): Word[] {
  return Array.from(text.matchAll(wordPattern), (m) => {
    // A plain ASCII word is its own single token, lower-cased.
    const tokens = plainWord.test(m[0]) ? [m[0].toLowerCase()] : tokensOf(m[0]);
    const term = terms.findIndex((t) => tokens.some((token) => termMatches(token, t)));
    return { start: m.index, end: m.index + m[0].length, term };
  });
}

/** The whole text, with every matching word marked. */
export function highlight(text: string, terms: QueryTerm[]): Segment[] {
  return segmentsOf(text, wordsOf(text, terms), 0, text.length);
}

/**
 * About `size` words of the text around the passage that matches the most query words,
 * marked, with an ellipsis where text was left out. Without any match: the opening words.
 */
export function snippet(text: string, terms: QueryTerm[], size = 32): Segment[] {
  const words = wordsOf(text, terms);
  if (words.length <= size) return highlight(text, terms);
  const first = bestWindow(words, size);
  const last = Math.min(words.length, first + size) - 1;
  const from = first === 0 ? 0 : (words[first]?.start ?? 0);
  const to = last === words.length - 1 ? text.length : (words[last]?.end ?? text.length);
  const segments = segmentsOf(text, words.slice(first, last + 1), from, to);
  if (from > 0) segments.unshift({ text: "… ", marked: false });
  if (to < text.length) segments.push({ text: " …", marked: false });
  return mergePlain(segments);
}

/**
 * Slides a window of `size` words over the text and keeps the one with the most different
 * query words, then the most matches, then the first match nearest `leadIn` words in (so
 * it reads with some context), then the earliest.
 */
function bestWindow(words: Word[], size: number): number {
  const count = words.length;
  // nextMatch[i]: index of the first matching word at or after i.
  const nextMatch = new Array<number>(count + 1).fill(Infinity);
  for (let i = count - 1; i >= 0; i--) {
    nextMatch[i] = (words[i]?.term ?? -1) >= 0 ? i : (nextMatch[i + 1] ?? Infinity);
  }
  const inWindow = new Map<number, number>();
  let hits = 0;
  const shift = (word: Word | undefined, by: 1 | -1) => {
    if (!word || word.term < 0) return;
    hits += by;
    const n = (inWindow.get(word.term) ?? 0) + by;
    if (n === 0) inWindow.delete(word.term);
    else inWindow.set(word.term, n);
  };
  for (let i = 0; i < size; i++) shift(words[i], 1);
  const lead = (first: number) =>
    first === 0 ? 0 : Math.abs((nextMatch[first] ?? Infinity) - first - leadIn);
  let best = { first: 0, distinct: inWindow.size, hits, lead: 0 };
  for (let first = 1; first + size <= count; first++) {
    shift(words[first - 1], -1);
    shift(words[first + size - 1], 1);
    const candidate = { first, distinct: inWindow.size, hits, lead: lead(first) };
    if (
      candidate.distinct > best.distinct ||
      (candidate.distinct === best.distinct &&
        (candidate.hits > best.hits ||
          (candidate.hits === best.hits && candidate.lead < best.lead)))
    ) {
      best = candidate;
    }
  }
  return best.first;
}

function segmentsOf(text: string, words: Word[], from: number, to: number): Segment[] {
  const segments: Segment[] = [];
  let at = from;
  for (const word of words) {
    if (word.term < 0) continue;
    segments.push({ text: text.slice(at, word.start), marked: false });
    segments.push({ text: text.slice(word.start, word.end), marked: true });
    at = word.end;
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
