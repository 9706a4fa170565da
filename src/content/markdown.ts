// Review bodies: Markdown written by trusted authors, still sanitised with an allowlist so a
// pasted snippet can never run a script on a reader's page.
import type MarkdownIt from "markdown-it";
import type sanitizeHtml from "sanitize-html";
import { markdownItClass, sanitizer } from "./html-libraries.ts";

// Made on first use, with the library (src/content/html-libraries.ts says why).
let reviewMarkdownRenderer: InstanceType<typeof MarkdownIt> | undefined;
const reviewMarkdown = () =>
  (reviewMarkdownRenderer ??= new (markdownItClass())({
    html: true,
    linkify: true,
    typographer: true,
  }));

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
  const html = sanitizer()(reviewMarkdown().render(markdown), reviewAllowlist);
  if (recentRenders.size >= recentRendersKept) {
    recentRenders.delete(recentRenders.keys().next().value as string);
  }
  recentRenders.set(markdown, html);
  return html;
}

/**
 * Plain text of the opening paragraphs, cut on a word boundary, for listings, feeds and meta tags.
 * Headings, lists and figures are left out: run into the text they read as one odd sentence
 * ("…talk faster. Overlapping dialogue Hawks lets…"). A body with no paragraph at all falls back
 * to its other blocks, each ended as a sentence.
 */
export function excerptFrom(markdown: string, maxLength = 280): string {
  const html = renderReviewBody(markdown);
  const paragraphs = openingBlocks(html, /<p>([\s\S]*?)<\/p>/g, maxLength);
  const blocks = paragraphs.length
    ? paragraphs
    : openingBlocks(html, /<(h\d|li|blockquote)>([\s\S]*?)<\/\1>/g, maxLength, 2);
  const text = blocks.map(endAsSentence).join(" ");
  if (text.length <= maxLength) return text;
  const cut = text.slice(0, maxLength);
  const lastSpace = cut.lastIndexOf(" ");
  return `${cut.slice(0, lastSpace > maxLength / 2 ? lastSpace : maxLength).replace(/[\s,;:.]+$/, "")}…`;
}

/** The plain text of the first blocks matched by `pattern`, until there is enough for an excerpt. */
function openingBlocks(html: string, pattern: RegExp, maxLength: number, group = 1): string[] {
  const blocks: string[] = [];
  let length = 0;
  for (const match of html.matchAll(pattern)) {
    const text = plainText(match[group] ?? "");
    if (!text) continue;
    blocks.push(text);
    length += text.length + 1;
    if (length > maxLength) break;
  }
  return blocks;
}

function plainText(fragment: string): string {
  return sanitizer()(fragment, { allowedTags: [], allowedAttributes: {} })
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ")
    .trim();
}

/** A block that does not end a sentence gets a full stop, so the next block starts a new one. */
function endAsSentence(text: string): string {
  return /[.!?…:;"'”’)\]]$/.test(text) ? text : `${text}.`;
}
