// Words, folded the same way when indexing and when querying, so that both databases see the
// same tokens: "Amélie", "AMELIE" and "amelie" are one word, and neither SQLite's unicode61
// tokenizer nor PostgreSQL's parser has anything left to disagree about.

/** A query word; the last one also matches longer words ("amel" finds "Amélie"). */
export interface QueryTerm {
  token: string;
  prefix: boolean;
}

/** Queries are cut to this many characters at the edge; nobody types more into a search box. */
export const maxQueryLength = 200;
/** Longer tokens are cut, in the index and in queries alike, so they still match each other. */
export const maxTokenLength = 64;
/** More words than this add nothing to a search but cost on every row. */
export const maxQueryTerms = 12;
/** A one-letter prefix would match half the dictionary. */
const minPrefixLength = 2;

const tokenPattern = /[\p{L}\p{N}]+/gu;
// eslint-disable-next-line no-control-regex
const asciiOnly = /^[\x00-\x7f]*$/;

// Latin letters that carry a stroke or are ligatures have no Unicode decomposition, so NFKD
// leaves them alone; readers type them without the stroke all the same ("Soren" for "Søren").
const undecomposable: Record<string, string> = {
  ø: "o",
  đ: "d",
  ð: "d",
  ł: "l",
  ħ: "h",
  ı: "i",
  ŧ: "t",
  ß: "ss",
  æ: "ae",
  œ: "oe",
  þ: "th",
};
const undecomposablePattern = new RegExp(`[${Object.keys(undecomposable).join("")}]`, "g");

/** Lower case, compatibility forms unfolded (ﬁ → fi), accents and strokes removed. */
export function fold(text: string): string {
  // Most text is plain ASCII, where only the case needs folding; this path keeps snippets
  // of long reviews cheap.
  if (asciiOnly.test(text)) return text.toLowerCase();
  return text
    .toLowerCase()
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .replace(undecomposablePattern, (c) => undecomposable[c] ?? c);
}

function cut(token: string): string {
  return token.length <= maxTokenLength ? token : [...token].slice(0, maxTokenLength).join("");
}

/** The folded word tokens of a text, in order: letters and digits only. */
export function tokensOf(text: string): string[] {
  return Array.from(fold(text).matchAll(tokenPattern), (m) => cut(m[0]));
}

/**
 * What the index stores for a text: its tokens separated by single spaces. Nothing but
 * letters, digits and spaces reaches either database's tokenizer.
 */
export function indexText(text: string, maxTokens = Number.POSITIVE_INFINITY): string {
  const tokens = tokensOf(text);
  return (tokens.length > maxTokens ? tokens.slice(0, maxTokens) : tokens).join(" ");
}

/**
 * The words of a reader's query: any input at all gives a (possibly empty) list of tokens
 * made only of letters and digits, so operators, quotes and SQL never reach the database.
 */
export function queryTerms(query: string): QueryTerm[] {
  const unique = [...new Set(tokensOf(query))].slice(0, maxQueryTerms);
  return unique.map((token, i) => ({
    token,
    prefix: i === unique.length - 1 && [...token].length >= minPrefixLength,
  }));
}

export function termMatches(token: string, term: QueryTerm): boolean {
  return term.prefix ? token.startsWith(term.token) : token === term.token;
}
