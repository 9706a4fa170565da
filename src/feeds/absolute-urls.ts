// A stored body with its links and images made absolute, for feed readers, which resolve
// relative URLs against the feed (or not at all).
//
// Bodies are sanitised when they are saved (content/markdown.ts), so what is stored is the
// sanitiser's own output: lower-case allowlisted tags, quoted attributes, only &amp; &lt;
// &gt; (&quot; in attributes) as entities, properly nested. For HTML of exactly that shape,
// parsing it again and writing it back changes nothing but the URLs, so a single scan that
// rewrites a[href] and img[src] gives the same bytes as the sanitiser at a small fraction of
// its cost (a feed carries twenty full reviews). Anything else — an older row, markup the
// scan does not recognise — goes through the sanitiser as before, which also drops anything
// executable should the allowlist ever widen. That path is rare enough that the sanitiser is
// loaded only when it is first taken (src/content/html-libraries.ts).
import type sanitizeHtml from "sanitize-html";
import { sanitizer } from "../content/html-libraries.ts";

export function absoluteUrls(html: string, base: string): string {
  return rewriteCanonical(html, base) ?? absoluteUrlsBySanitizer(html, base);
}

/** The reference: parse, resolve, write back; dropping anything executable on the way. */
export function absoluteUrlsBySanitizer(html: string, base: string): string {
  const resolving =
    (name: string): sanitizeHtml.Transformer =>
    (tagName, attribs) => {
      const url = attribs[name];
      if (url === undefined) return { tagName, attribs };
      try {
        return { tagName, attribs: { ...attribs, [name]: new URL(url, base).href } };
      } catch {
        return { tagName, attribs };
      }
    };
  return sanitizer()(html, {
    allowedTags: false,
    allowedAttributes: false,
    allowVulnerableTags: true,
    exclusiveFilter: (frame) =>
      ["script", "style", "iframe", "object", "embed"].includes(frame.tag),
    transformTags: { a: resolving("href"), img: resolving("src") },
  });
}

// The tags a review body may hold (content/markdown.ts); none has raw-text content.
const containerTags = new Set([
  ...["p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "code", "kbd", "em"],
  ...["strong", "del", "s", "sub", "sup", "mark", "small", "abbr", "cite", "q", "ul", "ol"],
  ...["li", "dl", "dt", "dd", "a", "figure", "figcaption", "table", "thead", "tbody", "tr"],
  ...["th", "td", "details", "summary", "span"],
]);
// Written by the sanitiser as `<br />`; never opened, never closed.
const voidTags = new Set(["br", "hr", "img"]);

// When the parser meets the opening tag on the left while the right one is open, it closes
// the open one first: markup where that happens is not written back as stored, so it takes
// the sanitiser's path.
const blockClosesParagraph = ["h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "details"];
const closesOpen = new Map<string, Set<string>>([
  ...[...blockClosesParagraph, "dl", "figcaption", "figure", "hr", "ol", "p", "pre"].map(
    (tag): [string, Set<string>] => [tag, new Set(["p"])],
  ),
  ["table", new Set(["p"])],
  ["ul", new Set(["p"])],
  ["li", new Set(["li"])],
  ["dd", new Set(["dd", "dt"])],
  ["dt", new Set(["dd", "dt"])],
  ["tr", new Set(["tr", "th", "td"])],
  ["th", new Set(["th"])],
  ["td", new Set(["thead", "th", "td"])],
  ["tbody", new Set(["thead", "tbody"])],
]);

// Text: anything but markup characters, and the three entities the sanitiser writes there.
const textRun = /(?:[^<>&]+|&(?:amp|lt|gt);)+/y;
// A tag as the sanitiser writes it: one space before each attribute, every value quoted.
const tagPattern =
  /<(\/?)([a-z][a-z0-9]*)((?: [a-z][a-z0-9-]*="(?:[^"<>&]|&(?:amp|lt|gt|quot);)*")*)( \/)?>/y;
const attributePattern = / ([a-z][a-z0-9-]*)="([^"]*)"/g;
const resolvableSchemes = new Set(["http:", "https:", "mailto:"]);

/** The rewritten HTML, or undefined when it is not in the sanitiser's own shape. */
export function rewriteCanonical(html: string, base: string): string | undefined {
  const open: string[] = [];
  let out = "";
  let copiedTo = 0;
  let at = 0;
  while (at < html.length) {
    textRun.lastIndex = at;
    if (textRun.test(html)) {
      at = textRun.lastIndex;
      continue;
    }
    tagPattern.lastIndex = at;
    const tag = tagPattern.exec(html);
    if (!tag) return undefined;
    const [whole, closing, name = "", attributes = "", selfClosing] = tag;
    const isVoid = voidTags.has(name);
    if (!isVoid && !containerTags.has(name)) return undefined;
    if (closing) {
      if (attributes || selfClosing || open.pop() !== name) return undefined;
    } else {
      if (isVoid !== Boolean(selfClosing)) return undefined;
      const top = open.at(-1);
      if (top !== undefined && closesOpen.get(name)?.has(top)) return undefined;
      if (!isVoid) open.push(name);
      const urlName = name === "a" ? "href" : name === "img" ? "src" : undefined;
      const rewritten = rewriteAttributes(attributes, urlName, base);
      if (rewritten === undefined) return undefined;
      if (rewritten !== attributes) {
        out += `${html.slice(copiedTo, at)}<${name}${rewritten}${selfClosing ?? ""}>`;
        copiedTo = at + whole.length;
      }
    }
    at += whole.length;
  }
  if (open.length > 0) return undefined;
  return copiedTo === 0 ? html : out + html.slice(copiedTo);
}

function rewriteAttributes(
  attributes: string,
  urlName: string | undefined,
  base: string,
): string | undefined {
  if (attributes === "") return attributes;
  let result = "";
  for (const [, name = "", value = ""] of attributes.matchAll(attributePattern)) {
    // The sanitiser drops empty attributes other than alt, and vets URLs wherever they are.
    if (value === "" && name !== "alt") return undefined;
    if (name !== urlName) {
      if (name === "href" || name === "src" || name === "cite") return undefined;
      result += ` ${name}="${value}"`;
      continue;
    }
    let url: URL;
    try {
      url = new URL(decodeAttribute(value), base);
    } catch {
      return undefined;
    }
    if (!resolvableSchemes.has(url.protocol)) return undefined;
    result += ` ${name}="${encodeAttribute(url.href)}"`;
  }
  return result;
}

function decodeAttribute(value: string): string {
  if (!value.includes("&")) return value;
  return value
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

function encodeAttribute(value: string): string {
  return value
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}
