// Full-text search at /search?q=. Any query string gives a page: results, or a message.
import type { Hono } from "hono";
import { nowIso } from "../../domain/time.ts";
import { searchReviews } from "../../domain/review-search.ts";
import { renderPage } from "../render.ts";
import { parseSearchParams } from "../search-params.ts";
import type { Services } from "../services.ts";
import { SearchPage } from "../views/search-page.tsx";
import { siteContext } from "./site.ts";

export function registerSearchRoutes(app: Hono, services: Services): void {
  app.get("/search", async (c) => {
    const { query, page } = parseSearchParams(c.req.query("q"), c.req.query("page"));
    const [{ site }, results] = await Promise.all([
      siteContext(services),
      query ? searchReviews(services.db, query, nowIso(), page) : undefined,
    ]);
    return renderPage(
      c,
      site,
      {
        title: query ? `Search: ${query}` : "Search",
        // Result pages are endless and change daily: they are for readers, not for indexes.
        head: <meta name="robots" content="noindex" />,
      },
      <SearchPage query={query} results={results} />,
    );
  });
}
