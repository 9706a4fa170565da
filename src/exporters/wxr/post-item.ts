// A Cinelog post or page (src/domain/posts.ts) as a WordPress post or page. It carries a
// marker so that a Cinelog at the other end keeps it a post even when its title happens to
// read "Something (2001)", which would otherwise make it a review. Its comments go with it,
// threaded, as a review's do.
import type { Comment, Post } from "../../db/schema.ts";
import { plainPostMetaKey } from "../../importers/wordpress/cinelog-meta-format.ts";
import { absoluteLinks, commentXml } from "./review-item.ts";
import { postPostId } from "./wxr-ids.ts";
import { cdata, cdataTag, escapeHtml, rssTime, tag, wordpressTime } from "./wxr-text.ts";

const wordpressStatus = { published: "publish", scheduled: "future", draft: "draft" } as const;

export function postItem(
  post: Post,
  tags: { slug: string; name: string }[],
  authorLogin: string,
  siteUrl: string,
  comments: Comment[] = [],
): string {
  const exported = new Set(comments.map((c) => c.id));
  const postId = postPostId(post.id);
  const shown = post.status === "draft" ? post.created_at : post.published_at;
  const path = post.kind === "page" ? `/pages/${post.slug}` : `/post/${post.slug}`;
  return `\t<item>
\t\t${cdataTag("title", post.title)}
\t\t${tag("link", `${siteUrl}${path}`)}
\t\t${tag("pubDate", rssTime(shown))}
\t\t${cdataTag("dc:creator", authorLogin)}
\t\t<guid isPermaLink="false">${cdata(`${siteUrl}/?${post.kind === "page" ? "page_id" : "p"}=${postId}`)}</guid>
\t\t<description></description>
\t\t${cdataTag("content:encoded", absoluteLinks(post.body_html, siteUrl))}
\t\t${cdataTag("excerpt:encoded", post.excerpt)}
\t\t${tag("wp:post_id", postId)}
\t\t${cdataTag("wp:post_date", wordpressTime(shown))}
\t\t${cdataTag("wp:post_date_gmt", wordpressTime(post.status === "draft" ? null : shown))}
\t\t${cdataTag("wp:comment_status", "open")}
\t\t${cdataTag("wp:ping_status", "closed")}
\t\t${cdataTag("wp:post_name", post.slug)}
\t\t${cdataTag("wp:status", wordpressStatus[post.status])}
\t\t${tag("wp:post_parent", post.parent_id == null ? 0 : postPostId(post.parent_id))}
\t\t${tag("wp:menu_order", post.menu_order)}
\t\t${cdataTag("wp:post_type", post.kind)}
\t\t${cdataTag("wp:post_password", "")}
\t\t${tag("wp:is_sticky", 0)}
${tags.map((t) => `\t\t<category domain="post_tag" nicename="${escapeHtml(t.slug)}">${cdata(t.name)}</category>\n`).join("")}\t\t<wp:postmeta>${cdataTag("wp:meta_key", plainPostMetaKey)}${cdataTag("wp:meta_value", "1")}</wp:postmeta>
${comments.map((c) => commentXml(c, exported)).join("")}\t</item>
`;
}
