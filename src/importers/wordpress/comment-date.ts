// When a comment was written, read as close to the source as it can be: its
// `comment_date_gmt`, then its `comment_date` (the site's time, taken as UTC). A
// `comment_date` that does not parse is reported for the comment, with the date used instead:
// the `comment_date_gmt` if that reads, else the date of the post it is on. Only a comment
// with neither, on a post with no readable date, is dated at the import, and it says so.
import type { ImportSummary } from "../import-summary.ts";
import { nowIso } from "../../domain/time.ts";
import { wordpressDate } from "./wordpress-date.ts";
import type { WxrComment } from "./wxr-types.ts";

const badDates = "comments whose comment_date does not parse (dated as shown)";

interface CommentDateContext {
  /** "post 1203", the item the comments are on, for the report. */
  on: string;
  /** When that post was published, if its dates could be read. */
  postDate: string | undefined;
  summary: ImportSummary;
}

/** The comment's date (ISO), reporting a `comment_date` that does not parse. */
export function commentDateOf(comment: WxrComment, context: CommentDateContext): string {
  const gmt = wordpressDate(comment.dateGmt);
  const local = wordpressDate(comment.date);
  if (local !== undefined) return gmt ?? local;
  const used = gmt ?? context.postDate;
  const from = gmt ? "comment_date_gmt" : "the date of its post";
  context.summary.report(
    `comment ${comment.id} on ${context.on}: comment_date "${comment.date.slice(0, 40)}" → ${
      used ? `${used} (from ${from})` : "no readable date at all: dated at the import"
    }`,
    badDates,
  );
  return used ?? nowIso();
}
