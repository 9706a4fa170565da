// Reads a film review out of a WordPress post written the way this kind of blog writes them:
// the title "Title (Year)", a first line "Directed by …", and a last line "Up Next: A (Year),
// B (Year), C (Year)". The two lines become records (credits, series entries) and leave
// the body, so the review page does not show them twice.

export interface FilmRef {
  title: string;
  year: number;
}

export interface ReviewPost {
  /** A Cinelog export may name a film without a year (cinelog-meta.ts). */
  film: { title: string; year: number | null };
  directors: string[];
  /** The "Up Next" films as the author listed them: the review keeps this list as its own. */
  upNext: { title: string; year: number | null }[];
  /**
   * False when the series come whole from elsewhere (a Cinelog export's series pages,
   * cinelog-meta.ts): the list is kept, but does not rebuild the series order.
   */
  rebuildsSeries?: boolean;
  /** The post's HTML without the "Directed by" and "Up Next" lines. */
  body: string;
  /** The review's own fields, which only a Cinelog export carries (cinelog-meta.ts). */
  extra?: {
    rating: number | null;
    watchedOn: string | null;
    isRewatch: boolean;
    hasSpoilers: boolean;
  };
}

const namedEntities: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: " ",
  ndash: "–",
  mdash: "—",
  hellip: "…",
  lsquo: "‘",
  rsquo: "’",
  ldquo: "“",
  rdquo: "”",
};

/** Decodes the character references WordPress leaves in titles and lines of text. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, ref: string) => {
    if (ref.startsWith("#x") || ref.startsWith("#X")) {
      return safeCodePoint(Number.parseInt(ref.slice(2), 16)) ?? whole;
    }
    if (ref.startsWith("#")) return safeCodePoint(Number.parseInt(ref.slice(1), 10)) ?? whole;
    return namedEntities[ref.toLowerCase()] ?? whole;
  });
}

function safeCodePoint(code: number): string | undefined {
  return Number.isInteger(code) && code > 0 && code <= 0x10ffff
    ? String.fromCodePoint(code)
    : undefined;
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

function splitNames(text: string): string[] {
  return text
    .split(/\s*,\s*|\s+and\s+|\s*&\s*/)
    .map((name) => name.trim())
    .filter((name) => name.length > 0);
}

/**
 * The first or last "line" of a post: a paragraph element (with a Gutenberg block comment
 * around it, if any) or a run of text up to a blank line.
 */
const leadingLine =
  /^\s*(?:<!--\s*wp:paragraph[^>]*-->\s*)?(?:<p[^>]*>)?([^\n<]*(?:<(?!\/p>)[^>]*>[^\n<]*)*)(?:<\/p>)?\s*(?:<!--\s*\/wp:paragraph\s*-->)?/;

function takeFirstLine(html: string): { line: string; rest: string } {
  const match = leadingLine.exec(html);
  if (!match) return { line: "", rest: html };
  return { line: match[1] ?? "", rest: html.slice(match[0].length) };
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

export function reviewFromPost(title: string, content: string): ReviewPost | undefined {
  const film = filmFromTitle(title);
  if (!film) return undefined;
  let body = content.replace(/\r\n?/g, "\n");
  let directors: string[] = [];
  let upNext: FilmRef[] = [];

  const first = takeFirstLine(body);
  const directedBy = /^Directed by\s+(.+)$/i.exec(plainText(first.line));
  if (directedBy) {
    directors = splitNames(directedBy[1] as string);
    body = first.rest;
  }

  const last = takeLastLine(body);
  const upNextLine = /^Up Next:\s*(.+)$/i.exec(plainText(last.line));
  const list = upNextLine ? filmList(upNextLine[1] as string) : undefined;
  if (list) {
    upNext = list;
    body = last.rest;
  }

  return { film, directors, upNext, body: body.trim() };
}
