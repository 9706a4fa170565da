// Sending one Webmention: discover the target's endpoint (an HTTP Link header first, then the
// first <link> or <a rel="webmention"> of its HTML, relative addresses resolved) and post the
// source and target to it, every request through the private-address guard.
import { endpointFromHtml, endpointFromLinkHeader } from "../domain/webmentions/html-links.ts";
import type { WebmentionRow } from "../domain/webmentions/webmention-queue.ts";
import type { SafeFetchOptions } from "../net/safe-fetch.ts";
import { fetchOrExplain, GiveUp, RetryLater } from "./receive-mention.ts";

export async function sendMention(
  row: Pick<WebmentionRow, "source" | "target">,
  fetchOptions: SafeFetchOptions,
): Promise<string> {
  const page = await fetchOrExplain(row.target, {
    ...fetchOptions,
    headers: { accept: "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1" },
  });
  if (page.status === 429 || page.status >= 500) {
    throw new RetryLater(`the page answered ${page.status}`);
  }
  const type = String(page.headers["content-type"] ?? "").toLowerCase();
  const endpoint =
    endpointFromLinkHeader(page.headers.link, page.url) ??
    (page.status === 200 && type.includes("html")
      ? endpointFromHtml(page.body.toString("utf8"), page.url)
      : undefined);
  if (!endpoint) return "no endpoint";
  const answer = await fetchOrExplain(endpoint.href, {
    ...fetchOptions,
    method: "POST",
    form: { source: row.source, target: row.target },
  });
  if (answer.status >= 200 && answer.status < 300) return `sent (${answer.status})`;
  if (answer.status === 429 || answer.status >= 500) {
    throw new RetryLater(`the endpoint answered ${answer.status}`);
  }
  throw new GiveUp(`the endpoint answered ${answer.status}`);
}
