// Letterboxd review text is plain text with a little HTML (<b>, <i>, <a>, <blockquote>) and
// line breaks. Cinelog stores a review body as Markdown with HTML allowed, so the text is
// first cut down to those few tags (nothing else survives, however it was written), then
// the characters Markdown would read as formatting are escaped, so a line that starts
// "1995." or "# " reads as it did on Letterboxd.
import sanitizeHtml from "sanitize-html";

const letterboxdTags: sanitizeHtml.IOptions = {
  allowedTags: ["strong", "em", "a", "blockquote", "br"],
  allowedAttributes: { a: ["href"] },
  allowedSchemes: ["http", "https", "mailto"],
  transformTags: { b: "strong", i: "em", u: "em" },
};

function escapeText(text: string, atLineStart: boolean): string {
  let escaped = text.replace(/[\\`*_[\]]/g, (c) => `\\${c}`);
  if (atLineStart) {
    escaped = escaped
      .replace(/^\s+/, "")
      .replace(/^([#>+-])/, "\\$1")
      .replace(/^(\d+)([.)])/, "$1\\$2");
  }
  return escaped;
}

/** Escapes the text between tags; the tags themselves pass as they are. */
function escapeLine(line: string): string {
  return line
    .split(/(<[^>]*>)/)
    .map((part, i) => (i % 2 === 1 ? part : escapeText(part, i === 0)))
    .join("");
}

export function reviewBodyFromLetterboxd(text: string): string {
  const clean = sanitizeHtml(text.replace(/\r\n?/g, "\n"), letterboxdTags)
    // A link whose address was unsafe lost it: its text is enough.
    .replace(/<a>([\s\S]*?)<\/a>/g, "$1");
  return clean
    .split(/\n\s*\n/)
    .map((paragraph) =>
      paragraph
        .split("\n")
        .map((line) => escapeLine(line).trimEnd())
        .filter((line) => line.length > 0)
        .join("<br>\n"),
    )
    .filter((paragraph) => paragraph.length > 0)
    .join("\n\n");
}
