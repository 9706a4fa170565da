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
import { SearchBudget } from "./search-budget.ts";

export function registerSearchRoutes(app: Hono, services: Services): void {
  // Only searches that reach this route spend it: a page cache hit is answered before.
  const budget = services.config.searchRateLimits ? new SearchBudget() : undefined;
  app.get("/search", publicPage(pageTags.listing, "search"), async (c) => {
    const { query, page } = parseSearchParams(c.req.query("q"), c.req.query("page"));
    const { site, settings } = c.var;
    const perPage = settings.reviewsPerPage;
    // The address is unknown only for requests made in-process (tests, the static export).
    const address: string | undefined = c.get("clientAddress");
    const waitSeconds = query && budget && address ? budget.spend(address) : 0;
    if (waitSeconds > 0) c.header("Retry-After", String(waitSeconds));
    const results =
      query && waitSeconds === 0
        ? await searchReviews(services.db, query, nowIso(), page, perPage)
        : undefined;
    return renderPage(
      c,
      site,
      {
        title: query ? `Search: ${query}` : "Search",
        status: waitSeconds > 0 ? 429 : 200,
        styles: ["listings"],
        // Result pages are endless and change daily: they are for readers, not for indexes.
        head: (
          <>
            <meta name="robots" content="noindex" />
            {results ? <SearchRelLinks query={query} results={results} /> : null}
          </>
        ),
      },
      <SearchPage query={query} results={results} waitSeconds={waitSeconds} />,
    );
  });
}
