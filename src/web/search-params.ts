// What /search reads from its address: the query as it will be shown back, and the page. The
// page cache keys search pages by the same reading, so "vegas" and "vegas " share one page;
// that is why this lives beside both rather than in the route.
import { z } from "zod";
import { maxQueryLength } from "../search/tokens.ts";

// Unpaired UTF-16 surrogates (from bytes such as %ED%A0%80) cannot be written as UTF-8.
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// NUL and other control characters have no business in a page title or a form field.
// eslint-disable-next-line no-control-regex -- finding them is the point
const controlCharacters = /[\u0000-\u001F\u007F-\u009F]/g;

/** The query as it is shown back to the reader: printable, one line, of reasonable length. */
const searchQuery = z
  .string()
  .optional()
  .transform((raw) => {
    const clean = (raw ?? "")
      .replace(loneSurrogate, "\uFFFD")
      .replace(controlCharacters, " ")
      .replace(/\s+/g, " ")
      .trim();
    // Cut by code point, so an emoji is never split in half.
    return [...clean].slice(0, maxQueryLength).join("").trim();
  });

// Results shift as reviews are published, so a page past the end is not an error: the page
// says so. A page number that is not one at all means the first page.
const resultPage = z.coerce.number().int().min(1).max(1000).catch(1);

export function parseSearchParams(q: string | undefined, page: string | undefined) {
  return { query: searchQuery.parse(q), page: page === undefined ? 1 : resultPage.parse(page) };
}
