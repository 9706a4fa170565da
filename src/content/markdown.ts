// Review bodies: Markdown written by trusted authors, still sanitised with an allowlist so a
// pasted snippet can never run a script on a reader's page.
import MarkdownIt from "markdown-it";
import sanitizeHtml from "sanitize-html";

const reviewMarkdown = new MarkdownIt({ html: true, linkify: true, typographer: true });

const reviewAllowlist: sanitizeHtml.IOptions = {
  allowedTags: [
    ...["p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "code", "kbd"],
    ...["em", "strong", "del", "s", "sub", "sup", "mark", "small", "abbr", "cite", "q"],
    ...["ul", "ol", "li", "dl", "dt", "dd", "a", "img", "figure", "figcaption"],
    ...["table", "thead", "tbody", "tr", "th", "td", "details", "summary", "span"],
  ],
  allowedAttributes: {
    a: ["href", "title", "rel"],
    img: ["src", "alt", "title", "width", "height", "loading"],
    abbr: ["title"],
    th: ["scope"],
    span: ["class"],
    details: ["class"],
    ol: ["start"],
  },
  allowedClasses: { span: ["spoiler"], details: ["spoiler"] },
  allowedSchemes: ["http", "https", "mailto"],
  allowedSchemesAppliedToAttributes: ["href", "src"],
  // A review's own <h1> is the film title; demote any heading 1 in the body.
  transformTags: { h1: "h2" },
};

// Saving a review renders its body for the page, its excerpt and the search index: the
// last few results are kept so one save renders once (a 900-word body takes milliseconds).
const recentRenders = new Map<string, string>();
const recentRendersKept = 8;

export function renderReviewBody(markdown: string): string {
  const cached = recentRenders.get(markdown);
  if (cached !== undefined) return cached;
  const html = sanitizeHtml(reviewMarkdown.render(markdown), reviewAllowlist);
  if (recentRenders.size >= recentRendersKept) {
    recentRenders.delete(recentRenders.keys().next().value as string);
  }
  recentRenders.set(markdown, html);
  return html;
}

/** Plain text of the first paragraph(s), cut on a word boundary, for listings and meta tags. */
export function excerptFrom(markdown: string, maxLength = 280): string {
  const html = renderReviewBody(markdown);
  // Only the opening is needed: cut at the first block end well past the excerpt's length.
  const blockEnd = /<\/(p|h\d|li|blockquote)>/g;
  blockEnd.lastIndex = maxLength * 4;
  const end = blockEnd.exec(html);
  const opening = end ? html.slice(0, end.index + end[0].length) : html;
  const text = sanitizeHtml(opening.replace(/<\/(p|h\d|li|blockquote)>/g, " "), {
    allowedTags: [],
    allowedAttributes: {},
  })
    .replace(/&amp;/g, "&")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, " ")
    .trim();
  if (text.length <= maxLength) return text;
  const cut = text.slice(0, maxLength);
  const lastSpace = cut.lastIndexOf(" ");
  return `${cut.slice(0, lastSpace > maxLength / 2 ? lastSpace : maxLength).replace(/[\s,;:.]+$/, "")}…`;
}
