// What a page that mentions one of ours says about it, read from its microformats (h-entry,
// h-card) with microformats-parser: who wrote it, what it says, when, and what kind of
// mention it is — a reply, a like, a repost, or a plain mention. Everything is bounded: the
// page comes from a stranger.
import { createRequire } from "node:module";
import type { mf2 as Mf2 } from "microformats-parser";
import type { CommentKind } from "../../db/schema.ts";

type MentionKind = Extract<CommentKind, "mention" | "reply" | "like" | "repost">;

export interface ParsedMention {
  kind: MentionKind;
  authorName: string;
  authorUrl: string;
  authorPhoto: string;
  /** Plain text of the entry's content (or its name or summary), at most maxContentChars. */
  content: string;
  published: string | undefined;
  /** The entry's own permalink when it gives one, else the source address. */
  url: string;
}

// microformats-parser (0.7 MB of heap with its parse5) is required on the first mention to
// verify rather than imported at start: most serving processes never receive one. Required,
// not imported, so that parseMention stays synchronous; it is plain JavaScript.
const require = createRequire(import.meta.url);
let parser: typeof Mf2 | undefined;
const mf2: typeof Mf2 = (html, options) =>
  (parser ??= (require("microformats-parser") as { mf2: typeof Mf2 }).mf2)(html, options);

type Root = ReturnType<typeof Mf2>["items"][number];
type Property = Root["properties"][string][number];

export const maxContentChars = 2000;
const maxFieldChars = 300;

function isRoot(p: Property | undefined): p is Root {
  return typeof p === "object" && p !== null && "properties" in p;
}

/** A property's plain text: a string, an h-* item's value or name, an html's text. */
function text(p: Property | undefined): string {
  if (p === undefined) return "";
  if (typeof p === "string") return p;
  if (isRoot(p)) {
    const inner = p.value;
    return typeof inner === "string" ? inner : text(p.properties.name?.[0]);
  }
  return "value" in p && typeof p.value === "string" ? p.value : "";
}

/** A property's address: an h-cite's url, an image's value, or the text. */
function address(p: Property | undefined): string {
  if (isRoot(p)) return text(p.properties.url?.[0]) || text(p);
  return text(p);
}

function httpUrl(value: string): string {
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href.slice(0, 2048) : "";
  } catch {
    return "";
  }
}

/** A permalink elsewhere than the page that was checked is not trusted. */
function sameOrigin(value: string, source: URL): string {
  return value && new URL(value).origin === source.origin ? value : "";
}

function sameAddress(a: string, b: string): boolean {
  const strip = (v: string) => {
    const url = new URL(v);
    url.hash = "";
    return url.href;
  };
  try {
    return strip(a) === strip(b);
  } catch {
    return false;
  }
}

function entries(items: Root[]): Root[] {
  const found: Root[] = [];
  const walk = (list: Root[], depth: number) => {
    if (depth > 5) return;
    for (const item of list) {
      if (item.type?.includes("h-entry")) found.push(item);
      walk(item.children ?? [], depth + 1);
      for (const values of Object.values(item.properties)) walk(values.filter(isRoot), depth + 1);
    }
  };
  walk(items, 0);
  return found;
}

function kindOf(entry: Root, target: string): MentionKind | undefined {
  const points = (name: string) =>
    (entry.properties[name] ?? []).some((p) => sameAddress(address(p), target));
  if (points("in-reply-to")) return "reply";
  if (points("like-of")) return "like";
  if (points("repost-of")) return "repost";
  return undefined;
}

function clip(value: string, max: number): string {
  const trimmed = value.replace(/\s+/g, " ").trim();
  return trimmed.length > max ? `${trimmed.slice(0, max - 1)}…` : trimmed;
}

/** The page's microformats; none when the parser gives up (it refuses an empty page). */
function microformatsOf(html: string, source: URL): Root[] {
  try {
    return mf2(html, { baseUrl: source.href }).items;
  } catch {
    return [];
  }
}

/** The mention of `target` that the page at `source` makes; a plain mention when no h-entry. */
export function parseMention(html: string, source: URL, target: string): ParsedMention {
  const all = entries(microformatsOf(html, source));
  // The entry that names our page as what it replies to, likes or reposts; else the first.
  const entry = all.find((e) => kindOf(e, target)) ?? all[0];
  const fallback: ParsedMention = {
    kind: "mention",
    authorName: clip(source.hostname, maxFieldChars),
    authorUrl: source.origin + "/",
    authorPhoto: "",
    content: "",
    published: undefined,
    url: source.href,
  };
  if (!entry) return fallback;
  const props = entry.properties;
  const author = props.author?.[0];
  const authorProps = isRoot(author) ? author.properties : {};
  const published = text(props.published?.[0]);
  const content = text(props.content?.[0]) || text(props.summary?.[0]) || text(props.name?.[0]);
  return {
    kind: kindOf(entry, target) ?? "mention",
    authorName:
      clip(isRoot(author) ? text(authorProps.name?.[0]) : text(author), maxFieldChars) ||
      fallback.authorName,
    authorUrl: httpUrl(isRoot(author) ? address(authorProps.url?.[0]) : "") || fallback.authorUrl,
    authorPhoto: httpUrl(address(authorProps.photo?.[0])),
    content: clip(content, maxContentChars),
    published: Number.isNaN(Date.parse(published)) ? undefined : new Date(published).toISOString(),
    url: sameOrigin(httpUrl(address(props.url?.[0])), source) || source.href,
  };
}
