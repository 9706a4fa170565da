// Full-text search at /search?q=. Any query string gives a page: results, or a message.
import type { Hono } from "hono";
import { nowIso } from "../../domain/time.ts";
import { searchReviews } from "../../domain/review-search.ts";
import { renderPage } from "../render.ts";
import { parseSearchParams } from "../search-params.ts";
import type { Services } from "../services.ts";
import { SearchPage, SearchRelLinks } from "../views/search-page.tsx";
import { pageTags } from "../cache/page-tags.ts";
import { publicPage } from "../route-facts.ts";

export function registerSearchRoutes(app: Hono, services: Services): void {
  app.get("/search", publicPage(pageTags.listing, "search"), async (c) => {
    const { query, page } = parseSearchParams(c.req.query("q"), c.req.query("page"));
    const { site, settings } = c.var;
    const perPage = settings.reviewsPerPage;
    const results = query
      ? await searchReviews(services.db, query, nowIso(), page, perPage)
      : undefined;
    return renderPage(
      c,
      site,
      {
        title: query ? `Search: ${query}` : "Search",
        styles: ["listings"],
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
