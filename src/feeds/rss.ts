// RSS 2.0, with the full review in content:encoded and the author in dc:creator (RSS's own
// <author> must be an e-mail address, which a reader has no business seeing).
import { memoisedPerEntry, type FeedDocument, type FeedEntry } from "./feed-document.ts";
import { el, escapeXmlText, placeholder, xmlDocumentInParts } from "./xml.ts";

/** The document in pieces (xmlDocumentInParts): its items are the strings kept per entry. */
export function renderRss(feed: FeedDocument): string[] {
  const items = feed.entries.map(itemOnce);
  return xmlDocumentInParts(
    el(
      "rss",
      {
        version: "2.0",
        "xmlns:atom": "http://www.w3.org/2005/Atom",
        "xmlns:content": "http://purl.org/rss/1.0/modules/content/",
        "xmlns:dc": "http://purl.org/dc/elements/1.1/",
        "xmlns:media": "http://search.yahoo.com/mrss/",
      },
      el(
        "channel",
        null,
        el("title", null, feed.title),
        el("link", null, feed.pageUrl),
        el("description", null, feed.description),
        el("language", null, feed.language),
        el("lastBuildDate", null, rfc822(feed.updated)),
        el("generator", null, "Cinelog"),
        el("atom:link", { href: feed.selfUrls.rss, rel: "self", type: "application/rss+xml" }),
        ...(items.length ? [placeholder()] : []),
      ),
    ),
    items,
  );
}

// Rebuilt only when the entry changed: escaping a full review is the writer's main cost.
const itemOnce = memoisedPerEntry(200, item);

function item(entry: FeedEntry) {
  const image = entry.image;
  return el(
    "item",
    null,
    el("title", null, entry.title),
    el("link", null, entry.url),
    el("guid", { isPermaLink: "true" }, entry.id),
    el("pubDate", null, rfc822(entry.published)),
    el("dc:creator", null, entry.authorName),
    // RSS descriptions are read as HTML, so the plain-text summary is escaped once for HTML
    // here and once more for XML by el().
    el("description", null, escapeXmlText(entry.summary)),
    el("content:encoded", null, entry.contentHtml),
    ...entry.categories.map((name) => el("category", null, name)),
    image && el("enclosure", { url: image.url, length: image.length ?? 0, type: image.mediaType }),
    image &&
      el(
        "media:content",
        {
          url: image.url,
          medium: "image",
          type: image.mediaType,
          width: image.width,
          height: image.height,
        },
        el("media:description", { type: "plain" }, image.alt),
      ),
  );
}

/** RSS dates are RFC 822 ("Mon, 12 Jan 2026 20:00:00 GMT"). */
function rfc822(iso: string): string {
  return new Date(iso).toUTCString();
}
