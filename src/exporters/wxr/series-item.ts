// A series as a draft WordPress page: in WordPress, a list of its films in order (linking
// to their reviews) that the owner can publish or leave; for a Cinelog at the other end, the
// series itself, carried whole in post meta (its order, and the entries not yet reviewed,
// which no post could carry).
import type { Series } from "../../db/schema.ts";
import { filmLabel } from "../../domain/films.ts";
import {
  seriesMetaKey,
  type FilmMeta,
  type SeriesMeta,
} from "../../importers/wordpress/cinelog-meta-format.ts";
import { reviewPostId, seriesPostId } from "./wxr-ids.ts";
import { cdata, cdataTag, escapeHtml, rssTime, tag, wordpressTime } from "./wxr-text.ts";

interface SeriesEntryOut {
  film: FilmMeta;
  reviewId: number | null;
  /** The review's address, when it is public. */
  reviewUrl: string | null;
}

export function seriesItem(
  series: Series,
  entries: SeriesEntryOut[],
  authorLogin: string,
  siteUrl: string,
): string {
  const postId = seriesPostId(series.id);
  const meta: SeriesMeta = {
    version: 1,
    slug: series.slug,
    title: series.title,
    description: series.description,
    entries: entries.map((e) => ({
      film: e.film,
      review: e.reviewId == null ? null : reviewPostId(e.reviewId),
    })),
  };
  const list = entries
    .map((e) => {
      const label = escapeHtml(filmLabel(e.film));
      return `<li>${e.reviewUrl ? `<a href="${escapeHtml(e.reviewUrl)}">${label}</a>` : label}</li>`;
    })
    .join("\n");
  const content = [
    series.description ? `<p>${escapeHtml(series.description)}</p>` : "",
    `<ol>\n${list}\n</ol>`,
  ]
    .filter(Boolean)
    .join("\n\n");
  const time = wordpressTime(series.created_at);
  return `\t<item>
\t\t${cdataTag("title", `Series: ${series.title}`)}
\t\t${tag("link", `${siteUrl}/series/${encodeURIComponent(series.slug)}`)}
\t\t${tag("pubDate", rssTime(series.created_at))}
\t\t${cdataTag("dc:creator", authorLogin)}
\t\t<guid isPermaLink="false">${cdata(`${siteUrl}/?page_id=${postId}`)}</guid>
\t\t<description></description>
\t\t${cdataTag("content:encoded", content)}
\t\t${cdataTag("excerpt:encoded", "")}
\t\t${tag("wp:post_id", postId)}
\t\t${cdataTag("wp:post_date", time)}
\t\t${cdataTag("wp:post_date_gmt", "0000-00-00 00:00:00")}
\t\t${cdataTag("wp:comment_status", "closed")}
\t\t${cdataTag("wp:ping_status", "closed")}
\t\t${cdataTag("wp:post_name", `cinelog-series-${series.slug}`)}
\t\t${cdataTag("wp:status", "draft")}
\t\t${tag("wp:post_parent", 0)}
\t\t${tag("wp:menu_order", 0)}
\t\t${cdataTag("wp:post_type", "page")}
\t\t${cdataTag("wp:post_password", "")}
\t\t${tag("wp:is_sticky", 0)}
\t\t<wp:postmeta>${cdataTag("wp:meta_key", seriesMetaKey)}${cdataTag("wp:meta_value", JSON.stringify(meta))}</wp:postmeta>
\t</item>
`;
}
