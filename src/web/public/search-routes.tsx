// Full-text search at /search?q=. Any query string gives a page: results, or a message.
import type { Hono } from "hono";
import { z } from "zod";
import { nowIso } from "../../domain/time.ts";
import { searchReviews } from "../../search/index.ts";
import { maxQueryLength } from "../../search/tokens.ts";
import { renderPage } from "../render.ts";
import type { Services } from "../services.ts";
import { SearchPage, SearchRelLinks } from "../views/search-page.tsx";
import { leadStillsOf } from "../../domain/indexes/listing-stills.ts";
import { siteContext } from "./site.ts";

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

export function registerSearchRoutes(app: Hono, services: Services): void {
  app.get("/search", async (c) => {
    const { query, page } = parseSearchParams(c.req.query("q"), c.req.query("page"));
    const { site, settings } = await siteContext(services);
    const perPage = settings.reviewsPerPage;
    const found = query
      ? await searchReviews(services.db, query, nowIso(), page, perPage)
      : undefined;
    // Each result shows its review's lead still, as every listing does.
    const stills = await leadStillsOf(services.db, found?.items.map((r) => r.reviewId) ?? []);
    const results = found && {
      ...found,
      items: found.items.map((r) => {
        const still = stills.get(r.reviewId);
        return still ? { ...r, leadStill: still } : r;
      }),
    };
    return renderPage(
      c,
      site,
      {
        title: query ? `Search: ${query}` : "Search",
        // Result pages are endless and change daily: they are for readers, not for indexes.
        head: (
          <>
            <meta name="robots" content="noindex" />
            {results ? <SearchRelLinks query={query} results={results} /> : null}
          </>
        ),
      },
      <SearchPage query={query} results={results} />,
    );
  });
}
