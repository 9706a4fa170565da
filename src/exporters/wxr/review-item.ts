// One review as a WordPress post, followed by its stills as attachments. The post reads
// the way the importer (and a reader of the old blog) expects: the title "Title (Year)", a
// first line "Directed by …", the review, a last line "Up Next: …". Its Markdown, film
// record and fields ride along as post meta for a Cinelog at the other end.
import type { Comment, Review, Still } from "../../db/schema.ts";
import { filmLabel } from "../../domain/films.ts";
import { variantsOf } from "../../domain/stills.ts";
import { mediaUrl, reviewUrl } from "../../feeds/site-urls.ts";
import {
  reviewMetaKey,
  stillMetaKey,
  type FilmMeta,
  type ReviewMeta,
} from "../../importers/wordpress/cinelog-meta-format.ts";
import { largestJpeg } from "../../media/still-variants.ts";
import { joinNames } from "./film-records.ts";
import { reviewPostId, stillPostId } from "./wxr-ids.ts";
import { cdata, cdataTag, escapeHtml, rssTime, tag, wordpressTime } from "./wxr-text.ts";

export interface ReviewBundle {
  review: Review;
  film: FilmMeta;
  tags: { slug: string; name: string }[];
  stills: Still[];
  /** Comments to export, oldest first (spam is left out: see export-wxr.ts). */
  comments: Comment[];
  /** The "Up Next" films as the review page names them. */
  upNext: string[];
  /** The review's own list (the films of `upNext`), for Cinelog; empty when it follows its series. */
  ownUpNext: FilmMeta[];
  authorLogin: string;
}

const wordpressStatus = { published: "publish", scheduled: "future", draft: "draft" } as const;
const approvedOf = { approved: "1", pending: "0", trash: "trash", spam: "spam" } as const;

/**
 * Addresses on this site (`/media/…`, `/review/…`) made absolute, in HTML attributes and
 * in Markdown links, so they still lead here from WordPress (which can then download the
 * media) and from another Cinelog (which treats them as the old site's images).
 */
export function absoluteLinks(text: string, siteUrl: string): string {
  return text
    .replace(/(\s(?:src|href)\s*=\s*["'])\/(?!\/)/gi, `$1${siteUrl}/`)
    .replace(/(\]\(\s*<?)\/(?!\/)/g, `$1${siteUrl}/`);
}

/** Comment HTML the way WordPress keeps it: plain lines, paragraphs as blank lines. */
function wordpressCommentText(html: string): string {
  return html
    .replace(/<br\s*\/?>\n?/gi, "\n")
    .replace(/<\/p>\s*<p>/gi, "\n\n")
    .replace(/^\s*<p>/i, "")
    .replace(/<\/p>\s*$/i, "")
    .trim();
}

function postContent(bundle: ReviewBundle, siteUrl: string): string {
  const directors = bundle.film.credits.filter((c) => c.role === "director").map((c) => c.name);
  const parts: string[] = [];
  if (directors.length > 0) parts.push(`<p>Directed by ${escapeHtml(joinNames(directors))}</p>`);
  parts.push(absoluteLinks(bundle.review.body_html, siteUrl).trim());
  if (bundle.upNext.length > 0) {
    parts.push(`<p>Up Next: ${bundle.upNext.map(escapeHtml).join(", ")}</p>`);
  }
  return parts.join("\n\n");
}

function stillUrl(still: Still, siteUrl: string): string {
  const variants = variantsOf(still);
  return mediaUrl(siteUrl, variants.length > 0 ? largestJpeg(variants) : still.path);
}

function meta(key: string, value: string): string {
  return `\t\t<wp:postmeta>${cdataTag("wp:meta_key", key)}${cdataTag("wp:meta_value", value)}</wp:postmeta>\n`;
}

export function commentXml(comment: Comment, exported: Set<number>): string {
  const parent =
    comment.parent_id != null && exported.has(comment.parent_id) ? comment.parent_id : 0;
  const time = wordpressTime(comment.created_at);
  return `\t\t<wp:comment>
\t\t\t${tag("wp:comment_id", comment.id)}
\t\t\t${cdataTag("wp:comment_author", comment.author_name)}
\t\t\t${cdataTag("wp:comment_author_email", comment.author_email)}
\t\t\t${tag("wp:comment_author_url", comment.author_url ?? "")}
\t\t\t${tag("wp:comment_author_IP", comment.ip)}
\t\t\t${cdataTag("wp:comment_date", time)}
\t\t\t${cdataTag("wp:comment_date_gmt", time)}
\t\t\t${cdataTag("wp:comment_content", wordpressCommentText(comment.body_html))}
\t\t\t${cdataTag("wp:comment_approved", approvedOf[comment.status])}
\t\t\t${cdataTag("wp:comment_type", comment.kind)}
\t\t\t${tag("wp:comment_parent", parent)}
\t\t\t${tag("wp:comment_user_id", 0)}
\t\t</wp:comment>
`;
}

export function reviewItem(bundle: ReviewBundle, siteUrl: string): string {
  const { review } = bundle;
  const postId = reviewPostId(review.id);
  const shown = review.status === "draft" ? review.created_at : review.published_at;
  const reviewMeta: ReviewMeta = {
    version: 1,
    film: bundle.film,
    markdown: absoluteLinks(review.body_md, siteUrl),
    rating: review.rating,
    watchedOn: review.watched_on,
    isRewatch: review.is_rewatch === 1,
    hasSpoilers: review.has_spoilers === 1,
    upNext: bundle.ownUpNext,
  };
  const exported = new Set(bundle.comments.map((c) => c.id));
  const lead = bundle.stills[0];
  const post = `\t<item>
\t\t${cdataTag("title", filmLabel(bundle.film))}
\t\t${tag("link", reviewUrl(siteUrl, review.slug))}
\t\t${tag("pubDate", rssTime(shown))}
\t\t${cdataTag("dc:creator", bundle.authorLogin)}
\t\t<guid isPermaLink="false">${cdata(`${siteUrl}/?p=${postId}`)}</guid>
\t\t<description></description>
\t\t${cdataTag("content:encoded", postContent(bundle, siteUrl))}
\t\t${cdataTag("excerpt:encoded", review.excerpt)}
\t\t${tag("wp:post_id", postId)}
\t\t${cdataTag("wp:post_date", wordpressTime(shown))}
\t\t${cdataTag("wp:post_date_gmt", wordpressTime(review.status === "draft" ? null : shown))}
\t\t${cdataTag("wp:comment_status", "open")}
\t\t${cdataTag("wp:ping_status", "open")}
\t\t${cdataTag("wp:post_name", review.slug)}
\t\t${cdataTag("wp:status", wordpressStatus[review.status])}
\t\t${tag("wp:post_parent", 0)}
\t\t${tag("wp:menu_order", 0)}
\t\t${cdataTag("wp:post_type", "post")}
\t\t${cdataTag("wp:post_password", "")}
\t\t${tag("wp:is_sticky", 0)}
${bundle.tags.map((t) => `\t\t<category domain="post_tag" nicename="${escapeHtml(t.slug)}">${cdata(t.name)}</category>\n`).join("")}${lead ? meta("_thumbnail_id", stillPostId(lead.id)) : ""}${meta(reviewMetaKey, JSON.stringify(reviewMeta))}${bundle.comments.map((c) => commentXml(c, exported)).join("")}\t</item>
`;
  return post + bundle.stills.map((s, i) => stillItem(s, i, bundle, siteUrl)).join("");
}

function stillItem(still: Still, position: number, bundle: ReviewBundle, siteUrl: string): string {
  const url = stillUrl(still, siteUrl);
  const file = variantsOf(still).length > 0 ? largestJpeg(variantsOf(still)) : still.path;
  const shown = bundle.review.published_at ?? bundle.review.created_at;
  const title = still.alt || `Still ${position + 1} of ${filmLabel(bundle.film)}`;
  return `\t<item>
\t\t${cdataTag("title", title)}
\t\t${tag("link", url)}
\t\t${tag("pubDate", rssTime(shown))}
\t\t${cdataTag("dc:creator", bundle.authorLogin)}
\t\t<guid isPermaLink="false">${cdata(url)}</guid>
\t\t<description></description>
\t\t${cdataTag("content:encoded", "")}
\t\t${cdataTag("excerpt:encoded", still.caption ?? "")}
\t\t${tag("wp:post_id", stillPostId(still.id))}
\t\t${cdataTag("wp:post_date", wordpressTime(shown))}
\t\t${cdataTag("wp:post_date_gmt", wordpressTime(shown))}
\t\t${cdataTag("wp:comment_status", "closed")}
\t\t${cdataTag("wp:ping_status", "closed")}
\t\t${cdataTag("wp:post_name", `still-${still.id}`)}
\t\t${cdataTag("wp:status", "inherit")}
\t\t${tag("wp:post_parent", reviewPostId(bundle.review.id))}
\t\t${tag("wp:menu_order", position)}
\t\t${cdataTag("wp:post_type", "attachment")}
\t\t${cdataTag("wp:post_password", "")}
\t\t${tag("wp:is_sticky", 0)}
\t\t${cdataTag("wp:attachment_url", url)}
${meta("_wp_attached_file", file)}${meta("_wp_attachment_image_alt", still.alt)}${meta(stillMetaKey, String(position))}\t</item>
`;
}
