// The addresses a WordPress blog answered on that are not one post's permalink: its feeds,
// category, tag and author archives, home pagination, search, per-post comment feeds, and any
// address written with a trailing slash or in other letter case. A moved blog keeps its feed
// subscribers and search-engine links only if each of these answers with a 301 to the page
// (or feed) that is its equivalent here. Feeds go to feeds.
//
// Only GET and HEAD are answered, only with a path on this site (never another host), and
// only to a page that answers 200: anything else stays the 404 it was.
import type { Hono } from "hono";
import { slugify } from "../../content/slug.ts";
import { redirectFor, redirectKey } from "../../domain/redirects.ts";
import { tagBySlug } from "../../domain/tags.ts";
import type { Services } from "../services.ts";

/** Asks the app itself whether a path answers 200, so no redirect leads to a 404. */
type Probe = (path: string) => Promise<boolean>;

const siteFeeds: Record<string, string> = {
  "": "/feed.xml",
  rss2: "/feed.xml",
  rss: "/feed.xml",
  rdf: "/feed.xml",
  atom: "/feed.atom",
};
const commentFeeds: Record<string, string> = {
  "": "/comments/feed.xml",
  rss2: "/comments/feed.xml",
  rss: "/comments/feed.xml",
  rdf: "/comments/feed.xml",
  atom: "/comments/feed.xml",
};
// `?feed=` values WordPress knows: the site's formats and the comment feed's.
const queryFeeds: Record<string, string> = {
  ...siteFeeds,
  "comments-rss2": "/comments/feed.xml",
  "comments-atom": "/comments/feed.xml",
};

// A path segment that is text (letters in any script, digits, escapes), never a dot segment.
const segment = "([^/]+)";
const feedTail = "/feed(?:/(rss2|rss|rdf|atom))?";

/** The target for a WordPress-style query on the home page (`/?feed=rss2`, `/?s=…`). */
async function wordpressQueryTarget(
  query: URLSearchParams,
  services: Services,
): Promise<string | undefined> {
  const feed = query.get("feed");
  const postId = query.get("p") ?? query.get("page_id");
  if (feed !== null) {
    // `/?p=12&feed=rss2` was that post's comment feed.
    if (postId !== null) {
      const page = await redirectFor(services.db, redirectKey("/", query));
      return page ? commentFeedOf(page) : undefined;
    }
    return queryFeeds[feed.toLowerCase()];
  }
  if (postId !== null) return undefined; // old permalinks: src/web/public/redirect-routes.ts
  const search = query.get("s");
  if (search !== null) return searchPath(search);
  const paged = query.get("paged");
  if (paged !== null && /^\d{1,6}$/.test(paged))
    return Number(paged) > 1 ? `/page/${Number(paged)}` : "/";
  const tag = query.get("tag");
  if (tag !== null) return tagPath(tag, services);
  if (query.get("author") !== null || query.get("author_name") !== null) return "/";
  return undefined;
}

/**
 * The target for a path nothing else answered. `rawPath` is the path as requested (still
 * percent-encoded); targets are built only from known prefixes and looked-up slugs.
 */
async function wordpressPathTarget(
  rawPath: string,
  services: Services,
  probe: Probe,
): Promise<string | undefined> {
  // `//host/x` and `/\host` must never become a scheme-relative Location.
  const path = rawPath.replace(/\/{2,}/g, "/");
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return undefined;
  }
  // Control characters name nothing here, and PostgreSQL refuses a NUL in a query.
  // eslint-disable-next-line no-control-regex -- finding them is the point
  if (/[\u0000-\u001f\u007f]/.test(decoded)) return undefined;
  const lower = decoded.toLowerCase();
  const match = (pattern: string) => new RegExp(`^${pattern}/?$`).exec(lower);

  let m = match(`${feedTail}`);
  if (m) return siteFeeds[m[1] ?? ""];
  m = match(`/comments${feedTail}`);
  if (m) return commentFeeds[m[1] ?? ""];

  // Categories may nest (`/category/films/noir/`): the last one names the archive.
  m = match(`/(?:category|tag)/((?:[^/]+/)*?)${segment}${feedTail}`);
  if (m) {
    const tag = await tagPath(m[2]!, services);
    return tag && `${tag}/feed.${m[3] === "atom" ? "atom" : "xml"}`;
  }
  m = match(`/(?:category|tag)/((?:[^/]+/)*?)${segment}(?:/page/(\\d{1,6}))?`);
  if (m) {
    const tag = await tagPath(m[2]!, services);
    // WordPress's page N is our page N (the same ten a page by default); page 1 and a page
    // past the end fall back to the tag's first page, and a tag with no public review stays
    // a 404.
    const n = Number(m[3] ?? 1);
    const paged = tag && n > 1 ? `${tag}/page/${n}` : tag;
    if (paged && paged !== path && (await probe(paged))) return paged;
    return tag && tag !== path && (await probe(tag)) ? tag : undefined;
  }

  // Cinelog has no page per writer (a person page is a film credit): the home page lists
  // everyone's reviews, and the site feed carries them.
  if (match(`/author/${segment}${feedTail}`)) return "/feed.xml";
  if (match(`/author/${segment}(?:/page/\\d+)?`)) return "/";

  m = match(`/search/(.*?)`);
  if (m) return searchPath(m[1]!.replace(/\+/g, " "));

  // A post's own feed (`/2012/03/post-name/feed/`) was its comment feed.
  m = new RegExp(`^(/.+?)${feedTail}/?$`).exec(decoded);
  if (m) {
    const page = await oldAddressTarget(m[1]!, services);
    return page && commentFeedOf(page);
  }

  // An old permalink written in other letter case.
  if (lower !== decoded) {
    const page = await oldAddressTarget(lower, services);
    if (page) return page;
  }

  // Any page here asked for with a trailing slash or in other letter case. The raw path
  // keeps its escapes, so the target is the same address, tidied, and nothing more.
  const tidy = path.replace(/\/+$/, "").toLowerCase() || "/";
  if (tidy !== path && tidy.startsWith("/") && !tidy.startsWith("//") && (await probe(tidy))) {
    return tidy;
  }
  return undefined;
}

async function oldAddressTarget(path: string, services: Services): Promise<string | undefined> {
  return redirectFor(services.db, redirectKey(path));
}

/** The comment feed of a page here; the site's comment feed for one that has none. */
function commentFeedOf(page: string): string {
  if (/^\/(review|post|pages)\/[^/?#]+$/.test(page)) return `${page}/comments/feed.xml`;
  return "/comments/feed.xml";
}

function searchPath(raw: string): string {
  const query = raw.trim();
  return query ? `/search?q=${encodeURIComponent(query.slice(0, 500))}` : "/search";
}

/** A WordPress category or tag slug (or name) as this site's tag page, when there is one. */
async function tagPath(raw: string, services: Services): Promise<string | undefined> {
  let name: string;
  try {
    name = decodeURIComponent(raw);
  } catch {
    name = raw;
  }
  const candidates = [...new Set([name.toLowerCase(), slugify(name.replace(/-/g, " "))])];
  for (const slug of candidates) {
    if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(slug)) continue;
    const tag = await tagBySlug(services.db, slug);
    if (tag) return `/tag/${tag.slug}`;
  }
  return undefined;
}

/**
 * Registers the home page's WordPress queries (ahead of the old-permalink lookup, since
 * `?p=12&feed=rss2` is a feed) and returns the lookup for paths no route answered.
 */
export function registerWordPressAddresses(
  app: Hono,
  services: Services,
): (request: Request) => Promise<string | undefined> {
  // Requests the app sends itself to check a target; they never redirect in turn.
  const probes = new WeakSet<Request>();
  const probe: Probe = async (path) => {
    const request = new Request(new URL(path, services.config.siteUrl));
    probes.add(request);
    const response = await app.fetch(request);
    await response.body?.cancel();
    return response.status === 200;
  };

  app.use("/", async (c, next) => {
    if (c.req.method !== "GET" && c.req.method !== "HEAD") return next();
    const target = await wordpressQueryTarget(new URL(c.req.url).searchParams, services);
    return target ? c.redirect(target, 301) : next();
  });

  return async (request) => {
    if (request.method !== "GET" && request.method !== "HEAD") return undefined;
    if (probes.has(request)) return undefined;
    return wordpressPathTarget(new URL(request.url).pathname, services, probe);
  };
}
