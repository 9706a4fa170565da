// Verifying one incoming Webmention: fetch the source through the private-address guard, check
// it really links to our page, read its microformats, and make, update or remove the comment.
// Returns what happened; throws a RetryLater for a failure worth another try.
import type { Db } from "../db/connect.ts";
import { reviewSubject, postSubject } from "../domain/comment-subjects.ts";
import type { SiteSettings } from "../domain/settings.ts";
import { linksTo } from "../domain/webmentions/html-links.ts";
import {
  removeMentionComment,
  saveMentionComment,
} from "../domain/webmentions/mention-comments.ts";
import { parseMention } from "../domain/webmentions/mention-parse.ts";
import type { WebmentionRow } from "../domain/webmentions/webmention-queue.ts";
import { safeFetch, SafeFetchError, type SafeFetchOptions } from "../net/safe-fetch.ts";

export class RetryLater extends Error {}
export class GiveUp extends Error {}

interface MentionResult {
  outcome: string;
  commentId: number | null;
}

/** Problems that another try will not change. */
const hopeless = new Set(["bad-url", "refused-address", "too-large", "too-many-redirects"]);

export async function fetchOrExplain(url: string, fetchOptions: SafeFetchOptions) {
  try {
    return await safeFetch(url, fetchOptions);
  } catch (error) {
    if (error instanceof SafeFetchError && hopeless.has(error.problem)) {
      throw new GiveUp(error.message);
    }
    throw new RetryLater(error instanceof Error ? error.message : String(error));
  }
}

export async function receiveMention(
  db: Db,
  row: WebmentionRow,
  settings: SiteSettings,
  fetchOptions: SafeFetchOptions,
): Promise<MentionResult> {
  const subject =
    row.review_id !== null
      ? reviewSubject(row.review_id)
      : row.post_id !== null
        ? postSubject(row.post_id)
        : undefined;
  if (!subject) return { outcome: "target gone", commentId: null };
  const response = await fetchOrExplain(row.source, {
    ...fetchOptions,
    headers: { accept: "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1" },
  });
  if (response.status === 404 || response.status === 410) {
    await removeMentionComment(db, row.comment_id);
    return { outcome: `removed (source answered ${response.status})`, commentId: null };
  }
  if (response.status === 429 || response.status >= 500) {
    throw new RetryLater(`the source answered ${response.status}`);
  }
  if (response.status !== 200) throw new GiveUp(`the source answered ${response.status}`);
  const type = String(response.headers["content-type"] ?? "text/html").toLowerCase();
  const html = response.body.toString("utf8");
  const isHtml = type.includes("html");
  const links = isHtml ? linksTo(html, response.url, row.target) : html.includes(row.target);
  if (!links) {
    const removed = await removeMentionComment(db, row.comment_id);
    return { outcome: removed ? "removed (no longer links)" : "no link", commentId: null };
  }
  const mention = isHtml
    ? parseMention(html, response.url, row.target)
    : parseMention("", new URL(row.source), row.target);
  const commentId = await saveMentionComment(db, {
    subject,
    source: row.source,
    existingId: row.comment_id,
    mention,
    settings,
  });
  return { outcome: mention.kind, commentId };
}
