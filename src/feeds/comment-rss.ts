// RSS 2.0 comment feeds, for the whole site (reviews, posts and pages) and for one review. Bodies are the sanitised HTML
// stored with each comment; the commenter's e-mail address never appears.
import type { FeedComment } from "../domain/comment-feed-items.ts";
import { el, xmlDocument } from "./xml.ts";

interface CommentFeed {
  title: string;
  description: string;
  /** Absolute URLs. */
  pageUrl: string;
  selfUrl: string;
  siteUrl: string;
  /** Newest first. */
  comments: FeedComment[];
  /** Used while the feed has no comments. */
  fallbackUpdated: string;
}

export function renderCommentRss(feed: CommentFeed): string {
  const updated = feed.comments[0]?.createdAt ?? feed.fallbackUpdated;
  return xmlDocument(
    el(
      "rss",
      {
        version: "2.0",
        "xmlns:atom": "http://www.w3.org/2005/Atom",
        "xmlns:dc": "http://purl.org/dc/elements/1.1/",
      },
      el(
        "channel",
        null,
        el("title", null, feed.title),
        el("link", null, feed.pageUrl),
        el("description", null, feed.description),
        el("language", null, "en"),
        el("lastBuildDate", null, new Date(updated).toUTCString()),
        el("generator", null, "Cinelog"),
        el("atom:link", { href: feed.selfUrl, rel: "self", type: "application/rss+xml" }),
        ...feed.comments.map((comment) => {
          const url = `${feed.siteUrl}${comment.subjectPath}#comment-${comment.id}`;
          return el(
            "item",
            null,
            el("title", null, `${comment.authorName} on “${comment.subjectTitle}”`),
            el("link", null, url),
            el("guid", { isPermaLink: "true" }, url),
            el("pubDate", null, new Date(comment.createdAt).toUTCString()),
            el("dc:creator", null, comment.authorName),
            // RSS descriptions are read as HTML: the sanitised body, escaped once for XML.
            el("description", null, comment.bodyHtml),
          );
        }),
      ),
    ),
  );
}
