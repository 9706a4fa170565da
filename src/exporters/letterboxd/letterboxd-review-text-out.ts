// A review's rendered body as Letterboxd review text: line breaks for paragraphs and the few
// tags Letterboxd keeps in a review (<b>, <i>, <a>, <blockquote>); everything else becomes
// its text, so nothing Letterboxd would show as markup is left in.
import sanitizeHtml from "sanitize-html";

const kept: sanitizeHtml.IOptions = {
  allowedTags: ["b", "i", "a", "blockquote"],
  allowedAttributes: { a: ["href"] },
  allowedSchemes: ["http", "https", "mailto"],
  transformTags: { strong: "b", em: "i" },
  // A still's image and the like have no text to keep.
  nonTextTags: ["style", "script", "textarea", "option", "noscript", "img"],
};

export function letterboxdReviewText(bodyHtml: string): string {
  const spaced = bodyHtml
    .replace(/<br\s*\/?>\n?/gi, "\n")
    .replace(/<li[^>]*>/gi, "- ")
    .replace(
      /<\/(p|h[1-6]|li|pre|figure|figcaption|tr|ul|ol|dl|dd|details|summary|blockquote)>/gi,
      "$&\n\n",
    );
  return (
    sanitizeHtml(spaced, kept)
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&nbsp;/g, " ")
      // A link whose address was unsafe lost it: its text is enough.
      .replace(/<a>([\s\S]*?)<\/a>/g, "$1")
      .replace(/&amp;/g, "&")
      .replace(/[ \t]+\n/g, "\n")
      .replace(/\n{3,}/g, "\n\n")
      .trim()
  );
}
