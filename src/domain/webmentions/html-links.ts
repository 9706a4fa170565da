// Links in an HTML document, read with a real HTML parser (parse5) rather than patterns: which
// addresses a page links to, and the Webmention endpoint it advertises. Used on pages fetched
// from other sites (untrusted) and on our own rendered bodies.
import { createRequire } from "node:module";
import type * as Parse5 from "parse5";

// parse5 (about 0.8 MB of heap once loaded) is required on the first parse, not imported: only
// the Webmention worker parses, and only when there is a mention to send or verify, so a
// serving process that has none never keeps it. Required, not imported, so that these
// functions stay synchronous; it is plain JavaScript, nothing that could fail to load late.
const require = createRequire(import.meta.url);
let parse5: typeof Parse5 | undefined;
const parse = (html: string) => (parse5 ??= require("parse5") as typeof Parse5).parse(html);

interface HtmlNode {
  nodeName: string;
  attrs?: { name: string; value: string }[];
  childNodes?: HtmlNode[];
  content?: HtmlNode;
}

/** Elements in document order (template contents included), depth-first without recursion. */
function* elements(html: string): Generator<HtmlNode> {
  const stack: HtmlNode[] = [parse(html)];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.attrs) yield node;
    const children = [...(node.childNodes ?? []), ...(node.content ? [node.content] : [])];
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
}

function attr(node: HtmlNode, name: string): string | undefined {
  return node.attrs?.find((a) => a.name === name)?.value;
}

function resolve(href: string, base: URL): URL | undefined {
  try {
    return new URL(href.trim(), base);
  } catch {
    return undefined;
  }
}

/** Where relative addresses in the document point from: its <base href>, else its own URL. */
function baseOf(html: string, url: URL): URL {
  for (const node of elements(html)) {
    if (node.nodeName === "base") {
      const href = attr(node, "href");
      const base = href === undefined ? undefined : resolve(href, url);
      if (base) return base;
    }
  }
  return url;
}

const linking: Record<string, string> = {
  a: "href",
  area: "href",
  link: "href",
  img: "src",
  video: "src",
  audio: "src",
  source: "src",
  iframe: "src",
};

/** Every absolute http(s) address the document links to, fragment dropped, each once. */
export function linkedAddresses(html: string, url: URL): string[] {
  const base = baseOf(html, url);
  const found = new Set<string>();
  for (const node of elements(html)) {
    const name = linking[node.nodeName];
    const value = name ? attr(node, name) : undefined;
    const target = value === undefined ? undefined : resolve(value, base);
    if (target && (target.protocol === "http:" || target.protocol === "https:")) {
      target.hash = "";
      found.add(target.href);
    }
  }
  return [...found];
}

/** The document links to `target` (compared as URLs, fragments ignored). */
export function linksTo(html: string, url: URL, target: string): boolean {
  const wanted = new URL(target);
  wanted.hash = "";
  return linkedAddresses(html, url).includes(wanted.href);
}

/** The endpoint from HTTP Link headers: the first with rel="webmention". */
export function endpointFromLinkHeader(
  header: string | string[] | undefined,
  url: URL,
): URL | undefined {
  const values = Array.isArray(header) ? header : header ? [header] : [];
  for (const value of values) {
    for (const match of value.matchAll(/<([^>]*)>([^,<]*)/g)) {
      const rel = /;\s*rel\s*=\s*(?:"([^"]*)"|([^;\s,]+))/i.exec(match[2] ?? "");
      const rels = (rel?.[1] ?? rel?.[2] ?? "").toLowerCase().split(/\s+/);
      if (rels.includes("webmention")) return resolve(match[1] ?? "", url);
    }
  }
  return undefined;
}

/** The endpoint from the first <link> or <a> with rel="webmention", in document order. */
export function endpointFromHtml(html: string, url: URL): URL | undefined {
  const base = baseOf(html, url);
  for (const node of elements(html)) {
    if (node.nodeName !== "link" && node.nodeName !== "a") continue;
    const rels = (attr(node, "rel") ?? "").toLowerCase().split(/\s+/);
    const href = attr(node, "href");
    if (rels.includes("webmention") && href !== undefined) return resolve(href, base);
  }
  return undefined;
}
