// Streams a WordPress export with saxes, one record at a time. Memory stays bounded by the
// largest single post (with its comments), never by the file: chunks are parsed as they
// are read, and each finished record is handed over (and awaited) before the next chunk.
import { createReadStream } from "node:fs";
import { StringDecoder } from "node:string_decoder";
import { SaxesParser, type SaxesTagNS } from "saxes";
import { defaultImportLimits, formatBytes, type ImportLimits } from "../../config/import-limits.ts";
import {
  WxrError,
  type WxrAuthor,
  type WxrComment,
  type WxrItem,
  type WxrRecord,
  type WxrSite,
  type WxrTerm,
} from "./wxr-types.ts";
import { cleanText } from "../../content/clean-text.ts";

/** A small element tree for one record (an item, an author, a term). */
interface Node {
  name: string;
  attributes: Record<string, string>;
  text: string;
  children: Node[];
}

/** Prefixes as WordPress writes them, whatever prefixes a file declares. */
function prefixOf(uri: string): string {
  if (uri.startsWith("http://wordpress.org/export/") && uri.includes("/excerpt/")) return "excerpt";
  if (uri.startsWith("http://wordpress.org/export/")) return "wp";
  if (uri === "http://purl.org/rss/1.0/modules/content/") return "content";
  if (uri === "http://purl.org/dc/elements/1.1/") return "dc";
  return uri ? "other" : "";
}

function nameOf(tag: SaxesTagNS): string {
  const prefix = prefixOf(tag.uri);
  return prefix ? `${prefix}:${tag.local}` : tag.local;
}

const recordElements = new Set(["item", "wp:author", "wp:category", "wp:tag"]);
const siteFields = new Set(["title", "link", "wp:base_site_url", "wp:wxr_version"]);

interface ReadProgress {
  bytesRead: number;
}

/** What a record's nodes cost beyond their text, so a million empty elements count too. */
const nodeOverhead = 64;

/**
 * Yields the records of the export at `file`. A DOCTYPE is refused outright: WXR never has
 * one, and refusing it closes the door on entity tricks (XXE, billion laughs). A text node
 * or a record past its limit is refused as soon as it passes it, so neither is ever held
 * whole however large the file claims it to be.
 */
/** WXR nests elements five or six deep; anything far past that is not an export. */
const maxDepth = 100;

export async function* readWxr(
  file: string,
  onProgress?: (progress: ReadProgress) => void,
  limits: Pick<ImportLimits, "xmlText" | "xmlItem"> = defaultImportLimits,
): AsyncGenerator<WxrRecord> {
  const parser = new SaxesParser({ xmlns: true, position: true });
  const ready: WxrRecord[] = [];
  const stack: Node[] = [];
  let depth = 0;
  let channelDepth = -1;
  let sawRss = false;
  const site: WxrSite = { title: "", link: "", baseUrl: "", wxrVersion: "" };
  let siteField: string | undefined;
  let siteSent = false;
  let failure: Error | undefined;
  // saxes gathers a text, CDATA, comment or name here until it ends: read after each chunk.
  const pending = parser as unknown as { text: string; name: string };
  let recordSize = 0;
  let recordLine = 0;
  let recordName = "";
  const tooLarge = (what: string, limit: number) =>
    new WxrError(
      `Refused: ${what} is larger than ${formatBytes(limit)}, the most an import reads ` +
        `(line ${parser.line} of the file). The file is damaged, or not a WordPress export.`,
    );
  const countRecord = (size: number) => {
    recordSize += size;
    if (recordSize > limits.xmlItem && !failure) {
      failure = tooLarge(`the <${recordName}> that starts on line ${recordLine}`, limits.xmlItem);
    }
  };

  parser.on("doctype", () => {
    failure ??= new WxrError("This file has a DOCTYPE; a WordPress export never does. Refused.");
  });
  parser.on("error", (error) => {
    failure ??= new WxrError(`Not a readable WordPress export: ${error.message}`);
  });
  parser.on("opentag", (tag) => {
    depth += 1;
    // Thrown, not noted: saxes's namespace handling slows down with each level (20,000
    // nested elements take seconds, a few MB of them hours), so the parse stops right here.
    if (depth > maxDepth) {
      failure ??= new WxrError(
        `Refused: elements nested more than ${maxDepth} deep (line ${parser.line} of the file); ` +
          "a WordPress export nests a few levels. The file is damaged, or not a WordPress export.",
      );
      throw failure;
    }
    const name = nameOf(tag);
    if (depth === 1) sawRss = name === "rss";
    if (name === "channel" && depth === 2) channelDepth = depth;
    if (stack.length > 0 || (depth === channelDepth + 1 && recordElements.has(name))) {
      const attributes: Record<string, string> = {};
      for (const attribute of Object.values(tag.attributes)) {
        attributes[attribute.local] = attribute.value;
      }
      const node: Node = { name, attributes, text: "", children: [] };
      if (stack.length === 0) {
        recordSize = 0;
        recordLine = parser.line;
        recordName = name;
      }
      countRecord(
        nodeOverhead + Object.values(attributes).reduce((n, v) => n + v.length, name.length),
      );
      stack.at(-1)?.children.push(node);
      stack.push(node);
      if (!siteSent && name === "item") {
        siteSent = true;
        ready.push({ type: "site", site: { ...site, baseUrl: site.baseUrl || site.link } });
      }
    } else if (depth === channelDepth + 1 && siteFields.has(name)) {
      siteField = name;
    }
  });
  const onText = (raw: string) => {
    // Cleaned as every text coming in is (control characters would differ by database).
    const text = cleanText(raw);
    const node = stack.at(-1);
    if (node) {
      countRecord(text.length);
      node.text += text;
    } else if (siteField && text.length > limits.xmlText) {
      failure ??= tooLarge(`the channel's <${siteField}>`, limits.xmlText);
    } else if (siteField === "title") site.title += text;
    else if (siteField === "link") site.link += text;
    else if (siteField === "wp:base_site_url") site.baseUrl += text;
    else if (siteField === "wp:wxr_version") site.wxrVersion += text;
  };
  parser.on("text", onText);
  parser.on("cdata", onText);
  parser.on("closetag", () => {
    depth -= 1;
    siteField = undefined;
    const node = stack.pop();
    if (node && stack.length === 0) {
      const record = recordOf(node);
      if (record) ready.push(record);
    }
  });

  let bytesRead = 0;
  // Decodes across chunk boundaries, so a character split between two reads stays whole.
  const decoder = new StringDecoder("utf8");
  const stream = createReadStream(file);
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      bytesRead += chunk.length;
      parser.write(decoder.write(chunk));
      if (!failure && Math.max(pending.text.length, pending.name.length) > limits.xmlText) {
        failure = tooLarge("one text in the file", limits.xmlText);
      }
      if (failure) throw failure;
      if (depth > 0 && !sawRss) throw new WxrError("This is not a WordPress export (no <rss>).");
      onProgress?.({ bytesRead });
      while (ready.length > 0) yield ready.shift() as WxrRecord;
    }
    parser.write(decoder.end());
    parser.close();
    if (failure) throw failure;
    if (!sawRss) throw new WxrError("This is not a WordPress export (no <rss>).");
    if (!siteSent)
      ready.push({ type: "site", site: { ...site, baseUrl: site.baseUrl || site.link } });
    while (ready.length > 0) yield ready.shift() as WxrRecord;
  } finally {
    stream.destroy();
  }
}

function child(node: Node, name: string): string {
  return node.children.find((c) => c.name === name)?.text.trim() ?? "";
}

/** Like `child`, but keeps leading and trailing whitespace (post and comment bodies). */
function body(node: Node, name: string): string {
  return node.children.find((c) => c.name === name)?.text ?? "";
}

function recordOf(node: Node): WxrRecord | undefined {
  switch (node.name) {
    case "item":
      return { type: "item", item: itemOf(node) };
    case "wp:author":
      return { type: "author", author: authorOf(node) };
    case "wp:category":
      return { type: "term", term: categoryOf(node) };
    case "wp:tag":
      return { type: "term", term: tagOf(node) };
    default:
      return undefined;
  }
}

function authorOf(node: Node): WxrAuthor {
  return {
    id: child(node, "wp:author_id"),
    login: child(node, "wp:author_login"),
    email: child(node, "wp:author_email"),
    displayName: child(node, "wp:author_display_name") || child(node, "wp:author_login"),
  };
}

function categoryOf(node: Node): WxrTerm {
  return {
    kind: "category",
    slug: child(node, "wp:category_nicename"),
    name: child(node, "wp:cat_name") || child(node, "wp:category_nicename"),
  };
}

function tagOf(node: Node): WxrTerm {
  return {
    kind: "tag",
    slug: child(node, "wp:tag_slug"),
    name: child(node, "wp:tag_name") || child(node, "wp:tag_slug"),
  };
}

function itemOf(node: Node): WxrItem {
  const meta: Record<string, string> = {};
  const comments: WxrComment[] = [];
  const terms: WxrItem["terms"] = [];
  for (const c of node.children) {
    if (c.name === "wp:postmeta") meta[child(c, "wp:meta_key")] = child(c, "wp:meta_value");
    else if (c.name === "wp:comment") comments.push(commentOf(c));
    else if (c.name === "category") {
      terms.push({
        domain: c.attributes.domain ?? "category",
        slug: c.attributes.nicename ?? "",
        name: c.text.trim(),
      });
    }
  }
  return {
    postId: child(node, "wp:post_id"),
    title: child(node, "title"),
    link: child(node, "link"),
    postName: child(node, "wp:post_name"),
    postType: child(node, "wp:post_type") || "post",
    status: child(node, "wp:status"),
    postDate: child(node, "wp:post_date"),
    postDateGmt: child(node, "wp:post_date_gmt"),
    pubDate: child(node, "pubDate"),
    creator: child(node, "dc:creator"),
    content: body(node, "content:encoded"),
    excerpt: body(node, "excerpt:encoded"),
    parentId: child(node, "wp:post_parent"),
    attachmentUrl: child(node, "wp:attachment_url"),
    terms,
    meta,
    comments,
  };
}

function commentOf(node: Node): WxrComment {
  return {
    id: child(node, "wp:comment_id"),
    parentId: child(node, "wp:comment_parent"),
    author: child(node, "wp:comment_author"),
    email: child(node, "wp:comment_author_email"),
    url: child(node, "wp:comment_author_url"),
    ip: child(node, "wp:comment_author_IP"),
    date: child(node, "wp:comment_date"),
    dateGmt: child(node, "wp:comment_date_gmt"),
    content: body(node, "wp:comment_content"),
    approved: child(node, "wp:comment_approved"),
    type: child(node, "wp:comment_type"),
  };
}
