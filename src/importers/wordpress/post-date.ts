// When a post or page was published, read as close to the source as it can be: its
// `post_date_gmt`, then its `post_date` (the site's time, taken as UTC), then the item's RSS
// `pubDate`. A `post_date` that does not parse is reported for the item, with the date used
// instead, so no post is silently dated at the time of the import.
import type { ImportSummary } from "../import-summary.ts";
import { wordpressDate } from "./wordpress-date.ts";
import type { WxrItem } from "./wxr-types.ts";

const badDates = "posts and pages whose post_date does not parse (dated as shown)";

/** RFC 822 as WordPress writes `pubDate`; its stand-ins for "never" (1970, year -1) are not dates. */
function rssDate(text: string): string | undefined {
  if (
    !/^\s*(?:[A-Za-z]{3},\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{4}\s+\d{2}:\d{2}(?::\d{2})?/.test(text)
  ) {
    return undefined;
  }
  const time = Date.parse(text);
  if (Number.isNaN(time) || new Date(time).getUTCFullYear() < 1971) return undefined;
  return new Date(time).toISOString();
}

export function postDateOf(
  item: WxrItem,
  label: string,
  summary: ImportSummary,
): string | undefined {
  const gmt = wordpressDate(item.postDateGmt);
  const local = wordpressDate(item.postDate);
  if (local !== undefined) return gmt ?? local;
  // WordPress leaves a draft's dates unset; a draft has no publication date to lose.
  if (item.status === "draft" || item.status === "auto-draft") return gmt;
  const pub = rssDate(item.pubDate);
  const used = gmt ?? pub;
  const from = gmt ? "post_date_gmt" : pub ? "pubDate" : undefined;
  summary.report(
    `${label}: post_date "${item.postDate.slice(0, 40)}" → ${
      used
        ? `${used} (from ${from})`
        : "no readable date at all: dated at the import, set it in the editor"
    }`,
    badDates,
  );
  return used;
}

/** The item's date as read above, without reporting: what its comments fall back on. */
export function sourceDateOf(item: WxrItem): string | undefined {
  return wordpressDate(item.postDateGmt) ?? wordpressDate(item.postDate) ?? rssDate(item.pubDate);
}
