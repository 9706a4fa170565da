// Which status a new comment gets. Plain functions over plain data: the route gathers the
// facts (settings, history, timing), these decide. Order matters: spam signals first, so a
// bot is never told anything by a "held for moderation" message.
import type { CommentStatus } from "../../db/schema.ts";
import type { SiteSettings } from "../settings.ts";

/** A person needs a few seconds to write; a form sent faster was filled by a program. */
export const minimumFillMs = 3000;
/**
 * On the one-click "confirm your comment" form the words are written already: a person only
 * reads and presses the button (src/domain/comment-tokens.ts).
 */
export const confirmMinimumFillMs = 1000;

export interface CommentFacts {
  body: string;
  name: string;
  email: string;
  url: string;
  ip: string;
  userAgent: string;
  linkCount: number;
  /** The honeypot field, which people never see. */
  honeypot: string;
  /** Milliseconds between the form being issued to this reader and sent. */
  fillMs: number;
  /** Below this, `fillMs` means a program; minimumFillMs unless the form says otherwise. */
  minimumFillMs?: number;
  /** The e-mail address has an approved comment already. */
  knownCommenter: boolean;
  /**
   * Signed in through a provider (issue 6). Such a reader often typed the comment before
   * signing in and sends it the moment they are back, so the timing rule, a guard against
   * bots, does not apply to them: the provider's consent screen is a better one.
   */
  signedIn?: boolean;
}

export type ModerationSettings = Pick<
  SiteSettings,
  "manualApproval" | "holdFirstComment" | "holdLinkCount" | "moderationWords" | "disallowedWords"
>;

export interface Decision {
  status: Exclude<CommentStatus, "trash">;
  /** Why, for the log and a later moderation screen; never shown to the commenter. */
  reason: string;
}

export function decideStatus(facts: CommentFacts, settings: ModerationSettings): Decision {
  if (facts.honeypot.trim() !== "") return { status: "spam", reason: "honeypot filled" };
  const disallowed = matchingWord(settings.disallowedWords, facts);
  // WordPress sends these to the trash; spam keeps them out of sight but recoverable in the
  // same place as other unwanted comments.
  if (disallowed) return { status: "spam", reason: `disallowed word "${disallowed}"` };
  if (facts.fillMs < (facts.minimumFillMs ?? minimumFillMs) && !facts.signedIn)
    return { status: "spam", reason: "sent too fast" };
  if (settings.manualApproval) return { status: "pending", reason: "manual approval" };
  const held = matchingWord(settings.moderationWords, facts);
  if (held) return { status: "pending", reason: `moderation word "${held}"` };
  if (settings.holdLinkCount > 0 && facts.linkCount >= settings.holdLinkCount) {
    return { status: "pending", reason: `${facts.linkCount} links` };
  }
  if (settings.holdFirstComment && !facts.knownCommenter) {
    return { status: "pending", reason: "first comment" };
  }
  return { status: "approved", reason: "passed every rule" };
}

/** The first listed word found, case-insensitively, in any of the comment's fields. */
function matchingWord(list: string, facts: CommentFacts): string | undefined {
  const fields = [facts.body, facts.name, facts.email, facts.url, facts.ip, facts.userAgent].map(
    (f) => f.toLowerCase(),
  );
  for (const line of list.split("\n")) {
    const word = line.trim().toLowerCase();
    if (word && fields.some((f) => f.includes(word))) return line.trim();
  }
  return undefined;
}

/** Comments close a number of days after the review was published (0 = never). */
export function commentsClosed(
  publishedAt: string | null,
  closeAfterDays: number,
  now: string,
): boolean {
  if (closeAfterDays <= 0 || !publishedAt) return false;
  return Date.parse(publishedAt) + closeAfterDays * 86_400_000 < Date.parse(now);
}
