// Atom 1.0 (RFC 4287). Titles and summaries are declared plain text, the content HTML, so a
// reader never mistakes a film title for markup.
import { memoisedPerEntry, type FeedDocument, type FeedEntry } from "./feed-document.ts";
import { el, placeholder, xmlDocumentInParts } from "./xml.ts";

/** The document in pieces (xmlDocumentInParts): its entries are the strings kept per entry. */
export function renderAtom(feed: FeedDocument): string[] {
  const entries = feed.entries.map(entryOnce);
  return xmlDocumentInParts(
    el(
      "feed",
      { xmlns: "http://www.w3.org/2005/Atom", "xml:lang": feed.language },
      el("id", null, feed.pageUrl),
      el("title", { type: "text" }, feed.title),
      el("subtitle", { type: "text" }, feed.description),
      el("link", { rel: "alternate", type: "text/html", href: feed.pageUrl }),
      el("link", { rel: "self", type: "application/atom+xml", href: feed.selfUrls.atom }),
      el("updated", null, feed.updated),
      el("generator", null, "Cinelog"),
      ...(entries.length ? [placeholder()] : []),
    ),
    entries,
  );
}

// Rebuilt only when the entry changed: escaping a full review is the writer's main cost.
const entryOnce = memoisedPerEntry(200, entry);

function entry(e: FeedEntry) {
  const image = e.image;
  return el(
    "entry",
    null,
    el("id", null, e.id),
    el("title", { type: "text" }, e.title),
    el("link", { rel: "alternate", type: "text/html", href: e.url }),
    el("published", null, e.published),
    el("updated", null, e.updated),
    el("author", null, el("name", null, e.authorName)),
    el("summary", { type: "text" }, e.summary),
    el("content", { type: "html" }, e.contentHtml),
    ...e.categories.map((name) => el("category", { term: name })),
    image &&
      el("link", {
        rel: "enclosure",
        type: image.mediaType,
        length: image.length,
        title: image.alt,
        href: image.url,
      }),
  );
}
