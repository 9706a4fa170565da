// Reads a film review out of a WordPress post written the way this kind of blog writes them:
// the title "Title (Year)", a first line "Directed by …" (credit-line.ts), and a last line
// "Up Next: A (Year), B (Year), C (Year)". The two lines become records (credits, series
// entries) and leave the body when they stand on their own, so the page does not show them
// twice; a credit that opens a sentence gives its people and leaves the sentence as written.

import { readCredit } from "./credit-line.ts";
import { decodeEntities } from "./html-text.ts";

export { decodeEntities };

interface FilmRef {
  title: string;
  year: number;
}

export interface ReviewPost {
  /** A Cinelog export may name a film without a year (cinelog-meta.ts). */
  film: { title: string; year: number | null };
  directors: string[];
  /** "Written and directed by X", or a "Written by" line beside the "Directed by" line. */
  writers: string[];
  /** The "Up Next" films as the author listed them: the review keeps this list as its own. */
  upNext: { title: string; year: number | null }[];
  /**
   * False when the series come whole from elsewhere (a Cinelog export's series pages,
   * cinelog-meta.ts): the list is kept, but does not rebuild the series order.
   */
  rebuildsSeries?: boolean;
  /** The post's HTML without the "Directed by" and "Up Next" lines. */
  body: string;
  /** What the credit line named that could not be read as people (reported, not imported). */
  creditUnread?: string;
  /** The review's own fields, which only a Cinelog export carries (cinelog-meta.ts). */
  extra?: {
    rating: number | null;
    watchedOn: string | null;
    isRewatch: boolean;
    hasSpoilers: boolean;
  };
}

/** The visible text of a fragment of HTML, on one line. */
export function plainText(html: string): string {
  return decodeEntities(html.replace(/<[^>]*>/g, " "))
    .replace(/\s+/g, " ")
    .trim();
}

/** "Leaving Las Vegas (1995)" → the film; anything else → undefined. */
export function filmFromTitle(title: string): FilmRef | undefined {
  const match = /^(.*\S)\s*\((\d{4})\)$/.exec(plainText(title));
  if (!match) return undefined;
  return { title: match[1] as string, year: Number(match[2]) };
}

/** "A (1956), B, the Sequel (1940), C (1987)": titles may hold commas; each ends in a year. */
export function filmList(text: string): FilmRef[] | undefined {
  const films: FilmRef[] = [];
  const pattern = /\s*(.+?)\s*\((\d{4})\)\s*(?:[,;]|$)/gy;
  let match: RegExpExecArray | null;
  let end = 0;
  while ((match = pattern.exec(text)) !== null) {
    films.push({ title: match[1] as string, year: Number(match[2]) });
    end = pattern.lastIndex;
  }
  // The whole line must be such a list; otherwise it is prose that happens to start so.
  return films.length > 0 && text.slice(end).trim() === "" ? films : undefined;
}

/**
 * The first or last "line" of a post: a paragraph element (with a Gutenberg block comment
 * around it, if any) or a run of text up to a blank line.
 */
const leadingLine =
  /^\s*(?:<!--\s*wp:paragraph[^>]*-->\s*)?(?:<p[^>]*>)?([^\n<]*(?:<(?!\/p>)[^>]*>[^\n<]*)*)(?:<\/p>)?\s*(?:<!--\s*\/wp:paragraph\s*-->)?/;

function takeFirstLine(html: string): { line: string; rest: string; whole: boolean } {
  const match = leadingLine.exec(html);
  if (!match) return { line: "", rest: html, whole: false };
  // The line is whole when it ends at a line break, a closing </p> or the end of the post,
  // not where a stray "<" stopped the pattern.
  const after = html.slice(
    match.index + match[0].indexOf(match[1] ?? "") + (match[1] ?? "").length,
  );
  const whole = after === "" || /^(?:[ \t]*\n|<\/p>)/.test(after);
  return { line: match[1] ?? "", rest: html.slice(match[0].length), whole };
}

function takeLastLine(html: string): { line: string; rest: string } {
  // Set aside what closes the last paragraph, so the search below sees where it opens.
  const closers = /(?:\s|<\/p>|<!--\s*\/wp:paragraph\s*-->)*$/.exec(html);
  const open = html.slice(0, closers ? closers.index : html.length);
  let start = Math.max(open.lastIndexOf("\n"), open.lastIndexOf("<p>"), open.lastIndexOf("<p "), 0);
  // A Gutenberg paragraph's opening comment belongs to the line too.
  const opener = /<!--\s*wp:paragraph[^>]*-->\s*$/.exec(
    open.slice(Math.max(0, start - 200), start),
  );
  if (opener) start -= opener[0].length;
  return { line: open.slice(start).replace(/<!--[\s\S]*?-->/g, ""), rest: open.slice(0, start) };
}

/**
 * The credit of the first line, and of the second when both stand alone and one names the
 * directors, the other the writers ("Directed by A" then "Screenplay by B", either way
 * round). A writers-only line with no directing credit beside it is left alone: at the top
 * of a post it is as likely the blog's byline ("Written by Vera") as the film's writer.
 */
function readCredits(
  body: string,
  filmTitle: string,
): { directors: string[]; writers: string[]; unread?: string; rest: string } | undefined {
  const first = takeFirstLine(body);
  const credit = readCredit(first.line, [filmTitle]);
  if (!credit) return undefined;
  const alone = credit.standalone && first.whole;
  const rest = alone ? first.rest : body;
  const second = alone ? takeFirstLine(rest) : undefined;
  const next = second?.whole ? readCredit(second.line, [filmTitle]) : undefined;
  const pairs =
    next?.standalone === true &&
    ((credit.role === "director" && next.role === "writer") ||
      (credit.role === "writer" && next.role === "director"));
  if (pairs) {
    return {
      directors: [...credit.directors, ...next.directors],
      writers: [...credit.writers, ...next.writers],
      rest: second!.rest,
    };
  }
  if (credit.role === "writer") return undefined;
  return {
    directors: credit.directors,
    writers: credit.writers,
    ...(credit.unread ? { unread: credit.unread } : {}),
    rest,
  };
}

export function reviewFromPost(title: string, content: string): ReviewPost | undefined {
  const film = filmFromTitle(title);
  if (!film) return undefined;
  let body = content.replace(/\r\n?/g, "\n");
  let directors: string[] = [];
  let writers: string[] = [];
  let upNext: FilmRef[] = [];

  let creditUnread: string | undefined;

  // The credit gives people only from what reads as names, and leaves the body only when
  // the line holds nothing else; a credit opening a sentence keeps the sentence whole.
  const credits = readCredits(body, film.title);
  if (credits) {
    directors = credits.directors;
    writers = credits.writers;
    creditUnread = credits.unread;
    body = credits.rest;
  }

  const last = takeLastLine(body);
  const upNextLine = /^Up Next:\s*(.+)$/i.exec(plainText(last.line));
  const list = upNextLine ? filmList(upNextLine[1] as string) : undefined;
  if (list) {
    upNext = list;
    body = last.rest;
  }

  return {
    film,
    directors,
    writers,
    upNext,
    body: body.trim(),
    ...(creditUnread ? { creditUnread } : {}),
  };
}
