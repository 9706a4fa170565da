// JSON Feed 1.1 (https://jsonfeed.org/version/1.1).
import type { FeedDocument } from "./feed-document.ts";

/** The document as one piece (the XML writers give theirs in several: src/feeds/feed-bytes.ts). */
export function renderJsonFeed(feed: FeedDocument): string[] {
  const document = {
    version: "https://jsonfeed.org/version/1.1",
    title: feed.title,
    home_page_url: feed.pageUrl,
    feed_url: feed.selfUrls.json,
    description: feed.description,
    language: feed.language,
    items: feed.entries.map((e) => ({
      id: e.id,
      url: e.url,
      title: e.title,
      content_html: e.contentHtml,
      summary: e.summary,
      image: e.image?.url,
      date_published: e.published,
      date_modified: e.updated,
      authors: [{ name: e.authorName }],
      tags: e.categories.length ? e.categories : undefined,
    })),
  };
  return [`${JSON.stringify(document, null, 2)}\n`];
}
