// WordPress keeps comments as text with a little HTML (links, emphasis, quotes, code, line
// breaks). Cinelog keeps comments as its Markdown subset, so the imported text renders,
// edits and sanitises exactly like a comment written here.
import { decodeEntities } from "./review-post.ts";

const safeHref = /^(https?:|mailto:)/i;

/** Escapes the characters the comment Markdown would read as formatting. */
function escapeText(text: string): string {
  return decodeEntities(text).replace(/([\\`*_[\]<>])/g, "\\$1");
}

export function commentHtmlToMarkdown(html: string): string {
  const out: string[] = [];
  let quoteDepth = 0;
  let link: string | undefined;
  // Text inside these is code, not words: it is dropped, not shown.
  let hiddenDepth = 0;
  const tokens = html.replace(/\r\n?/g, "\n").split(/(<[^>]*>)/);
  for (const token of tokens) {
    const tag = /^<\s*(\/?)\s*([a-z0-9]+)([^>]*)>$/i.exec(token);
    if (!tag) {
      if (hiddenDepth > 0) continue;
      const text = escapeText(token);
      out.push(quoteDepth > 0 ? text.replace(/\n/g, `\n${"> ".repeat(quoteDepth)}`) : text);
      continue;
    }
    const closing = tag[1] === "/";
    const name = (tag[2] as string).toLowerCase();
    switch (name) {
      case "script":
      case "style":
        hiddenDepth = Math.max(0, hiddenDepth + (closing ? -1 : 1));
        break;
      case "em":
      case "i":
        out.push("*");
        break;
      case "strong":
      case "b":
        out.push("**");
        break;
      case "code":
        out.push("`");
        break;
      case "br":
        out.push(quoteDepth > 0 ? `\n${"> ".repeat(quoteDepth)}` : "\n");
        break;
      case "p":
        if (closing) out.push("\n\n");
        break;
      case "blockquote":
        quoteDepth = Math.max(0, quoteDepth + (closing ? -1 : 1));
        out.push(closing ? "\n\n" : `\n\n${"> ".repeat(quoteDepth)}`);
        break;
      case "a": {
        if (closing) {
          if (link) out.push(`](${link.replace(/[()\s]/g, encodeURIComponent)})`);
          link = undefined;
          break;
        }
        const href = /href\s*=\s*(?:"([^"]*)"|'([^']*)')/i.exec(tag[3] ?? "");
        const url = decodeEntities(href?.[1] ?? href?.[2] ?? "").trim();
        if (safeHref.test(url)) {
          link = url;
          out.push("[");
        }
        break;
      }
      default:
      // Anything else (spans, images, scripts) leaves only its text behind.
    }
  }
  return out
    .join("")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}
