// Walks a site's public pages the way a reader (or a crawler) would: from the home page and a
// few entry points, following every link, stylesheet, image and feed address on the site.
import type { appFor } from "../support/app.ts";

type App = ReturnType<typeof appFor>;

export interface PublicResponse {
  status: number;
  type: string;
  body: Buffer;
}

const siteUrl = "http://127.0.0.1:4000";

/** Paths that are not reader pages: the admin, and links carrying a reader's own token. */
const skipped = /^\/(admin|subscriptions|unsubscribe|comments\/(edit|manage|token))\b/;

export async function crawlPublicSite(
  app: App,
  start: string[],
  limit = 600,
): Promise<Map<string, PublicResponse>> {
  const seen = new Map<string, PublicResponse>();
  const queue = [...start];
  while (queue.length > 0 && seen.size < limit) {
    const path = queue.shift()!;
    if (seen.has(path)) continue;
    const response = await app.request(path);
    const body = Buffer.from(await response.arrayBuffer());
    const type = response.headers.get("content-type") ?? "";
    seen.set(path, { status: response.status, type, body });
    if (/html|xml|json/.test(type)) {
      for (const link of linksIn(body.toString("utf8"))) {
        if (!seen.has(link) && !queue.includes(link)) queue.push(link);
      }
    }
  }
  return seen;
}

function linksIn(text: string): string[] {
  const found: string[] = [];
  const candidates = [
    ...text.matchAll(/(?:href|src|action)="([^"]+)"/g),
    ...text.matchAll(/srcset="([^"]+)"/g),
    ...text.matchAll(/<(?:loc|link|id|url)>([^<]+)</g),
    ...text.matchAll(/"(?:url|home_page_url|feed_url|image|banner_image)":\s*"([^"]+)"/g),
  ].flatMap((m) => (m[1] ?? "").split(/,\s*/).map((part) => part.trim().split(/\s+/)[0] ?? ""));
  for (const raw of candidates) {
    const link = raw.replaceAll("&amp;", "&").replace(/#.*$/, "");
    const path = link.startsWith(siteUrl) ? link.slice(siteUrl.length) || "/" : link;
    if (!path.startsWith("/") || path.startsWith("//") || skipped.test(path)) continue;
    found.push(path);
  }
  return found;
}
