// Comment settings, merged into the site settings schema (src/domain/settings.ts). Stored
// values are strings, so numbers are coerced and booleans read from "true"/"false".
import { z } from "zod";
import type { Db } from "../../db/connect.ts";

const flag = (fallback: boolean) =>
  z
    .enum(["true", "false"])
    .transform((v) => v === "true")
    .default(fallback);

export const commentSettings = {
  /** How deep replies nest; 1 = no replies. */
  commentThreadDepth: z.coerce.number().int().min(1).max(10).default(5),
  /** Every comment waits for the owner. */
  manualApproval: flag(false),
  /** A commenter with no approved comment under that e-mail address waits. */
  holdFirstComment: flag(true),
  /** A comment with at least this many links waits; 0 = no limit. */
  holdLinkCount: z.coerce.number().int().min(0).default(2),
  /** Newline-separated words: a match holds the comment for moderation. */
  moderationWords: z.string().default(""),
  /** Newline-separated words: a match files the comment as spam. */
  disallowedWords: z.string().default(""),
  /** Comments close this many days after a review is published; 0 = never. */
  closeCommentsAfterDays: z.coerce.number().int().min(0).default(0),
  /**
   * Top-level threads on one comment page (WordPress's "break comments into pages"). The form
   * keeps it to 10–500; a larger stored value (bench/comment-page.ts's "all on one page") is
   * read as it is rather than throwing every setting back to its default.
   */
  commentsPerPage: z.coerce.number().int().min(1).max(1_000_000).default(50),
  /**
   * Which comment page a review's or post's own address shows: "oldest" the first, "newest"
   * the last (WordPress's default_comments_page). Pages are always numbered from the oldest.
   */
  commentPageShown: z.enum(["oldest", "newest"]).default("oldest"),
  /** Commenters' pictures come from Gravatar (a request to another host); off = drawn here. */
  showGravatar: flag(false),
  /**
   * Tell the pages a review or post links to that it mentions them (Webmention): a request to
   * each of those sites, so off until the owner turns it on.
   */
  sendWebmentions: flag(false),
};

// Whether a site shows Gravatar images, as last read from its settings: the response headers
// need it at once, without a query (a page served from the cache never reads the settings).
const gravatarSites = new WeakSet<Db>();

/** Called whenever the settings are read (src/domain/settings.ts). */
export function rememberGravatarChoice(db: Db, showGravatar: boolean): void {
  if (showGravatar) gravatarSites.add(db);
  else gravatarSites.delete(db);
}

export function gravatarShown(db: Db): boolean {
  return gravatarSites.has(db);
}
