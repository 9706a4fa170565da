// sitemap.xml (https://www.sitemaps.org/protocol.html) and robots.txt.
import type { SitemapEntry } from "../domain/sitemap-entries.ts";
import { el, xmlDocument } from "./xml.ts";

// One sitemap file holds at most 50,000 URLs; past that it would need splitting into a
// sitemap index, which a personal journal is not expected to reach.
export function renderSitemap(entries: SitemapEntry[], siteUrl: string): string {
  return xmlDocument(
    el(
      "urlset",
      { xmlns: "http://www.sitemaps.org/schemas/sitemap/0.9" },
      ...entries.map((e) =>
        el(
          "url",
          null,
          el("loc", null, `${siteUrl}${e.path}`),
          e.lastmod && el("lastmod", null, e.lastmod),
        ),
      ),
    ),
  );
}

export function renderRobots(siteUrl: string): string {
  return [
    "User-agent: *",
    "Allow: /",
    // Search results are endless and add nothing a crawler cannot reach by links.
    "Disallow: /search",
    "Disallow: /admin/",
    "",
    `Sitemap: ${siteUrl}/sitemap.xml`,
    "",
  ].join("\n");
}
