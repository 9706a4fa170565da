// The plain text of a review body, for the index and for result snippets.
import type sanitizeHtml from "sanitize-html";
import { sanitizer } from "../content/html-libraries.ts";
import { renderReviewBody } from "../content/markdown.ts";

interface ReviewText {
  /** Every word a reader could find on the review page. */
  searchable: string;
  /** The same without inline spoilers, so that a snippet never gives an ending away. */
  shown: string;
}

const isSpoiler = (frame: sanitizeHtml.IFrame) => /\bspoiler\b/.test(frame.attribs.class ?? "");

// Block ends become spaces, or "end.</p><p>Next" would read as one word.
const blockEnd =
  /<\/(?:p|h\d|li|blockquote|pre|td|th|dt|dd|figcaption|summary|details)>|<br\s*\/?>/g;

export function reviewText(markdown: string): ReviewText {
  // Start from the page's own sanitised HTML: what is indexed is exactly what readers see
  // (a <script> in the source, dropped from the page, is not searchable either).
  const html = renderReviewBody(markdown).replace(blockEnd, (end) => `${end} `);
  const searchable = textOf(html);
  // Most reviews have no spoiler markup: then what is shown is what is searchable.
  if (!html.includes("spoiler")) return { searchable, shown: searchable };
  const withoutSpoilers = sanitizer()(html, {
    allowedTags: ["span", "details"],
    allowedAttributes: { span: ["class"], details: ["class"] },
    exclusiveFilter: isSpoiler,
  });
  return { searchable, shown: textOf(withoutSpoilers) };
}

function textOf(html: string): string {
  return decodeEntities(sanitizer()(html, { allowedTags: [], allowedAttributes: {} }))
    .replace(/\s+/g, " ")
    .trim();
}

// sanitize-html escapes only these in text; &amp; goes last so "&amp;lt;" stays "&lt;".
function decodeEntities(text: string): string {
  return text
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&");
}
