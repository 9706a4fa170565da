// Comment bodies: Markdown from strangers. Raw HTML is off, only a small subset of syntax is
// switched on, and the result still goes through an allowlist, so nothing a reader types can
// become a script, an image, a form or a link to anything but http(s) or mail.
import type MarkdownIt from "markdown-it";
import type sanitizeHtml from "sanitize-html";
import { markdownItClass, sanitizer } from "./html-libraries.ts";

export const commentLinkRel = "nofollow ugc noopener";

// "zero" starts with paragraphs and text only; each feature is enabled by name. Made on first
// use, with the library (src/content/html-libraries.ts says why).
let commentMarkdownRenderer: InstanceType<typeof MarkdownIt> | undefined;
const commentMarkdown = () =>
  (commentMarkdownRenderer ??= new (markdownItClass())("zero", {
    html: false,
    linkify: true,
    breaks: true,
  })
    .enable(["linkify"], true)
    .enable(["blockquote", "code", "fence", "list"])
    .enable(["newline", "escape", "backticks", "emphasis", "link", "autolink"]));

const commentAllowlist: sanitizeHtml.IOptions = {
  allowedTags: ["p", "br", "em", "strong", "code", "pre", "blockquote", "ul", "ol", "li", "a"],
  allowedAttributes: { a: ["href", "rel"], ol: ["start"] },
  allowedSchemes: ["http", "https", "mailto"],
  allowedSchemesAppliedToAttributes: ["href"],
  allowProtocolRelative: false,
  transformTags: {
    a: (tagName, attribs) => ({
      tagName,
      attribs: { ...(attribs.href ? { href: attribs.href } : {}), rel: commentLinkRel },
    }),
  },
  // A link whose address was refused is no link at all.
  exclusiveFilter: (frame) => frame.tag === "a" && !frame.attribs.href,
};

export function renderCommentBody(markdown: string): string {
  return sanitizer()(commentMarkdown().render(markdown), commentAllowlist);
}

/** HTML written elsewhere (a fediverse Note's content), cut down to the same subset. */
export function sanitizeCommentHtml(html: string): string {
  return sanitizer()(html, commentAllowlist);
}

/** The words of such HTML, one paragraph a line: what moderation rules and search read. */
export function commentHtmlText(html: string): string {
  const spaced = html.replace(/<br\s*\/?>/gi, "\n").replace(/<\/p>/gi, "\n\n");
  return sanitizer()(spaced, { allowedTags: [], allowedAttributes: {} })
    .replace(/&amp;/g, "&")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .trim();
}

/** Links in rendered comment HTML, for the "hold comments with many links" rule. */
export function countLinks(html: string): number {
  return html.match(/<a\s/g)?.length ?? 0;
}
