// Taking one comment from the public form: the rules in their order — closed, form token,
// fields, flood limits, the one-click confirmation a cached page's token needs, then the
// moderation decision — and the comment stored with its subscriptions. The HTTP layer parses
// the form, checks where it came from and renders what this returns; nothing here knows HTTP.
import type { Comment } from "../db/schema.ts";
import type { Db } from "../db/connect.ts";
import { countLinks, renderCommentBody } from "../content/comment-markdown.ts";
import { checkFormToken } from "./comment-tokens.ts";
import { commentById, createComment, hasApprovedComment } from "./comments.ts";
import { sameSubject, subjectOf, type CommentSubject } from "./comment-subjects.ts";
import { rateLimitExceeded } from "./moderation/rate-limit.ts";
import {
  commentsClosed,
  confirmMinimumFillMs,
  decideStatus,
  minimumFillMs,
  type Decision,
  type ModerationSettings,
} from "./moderation/rules.ts";

interface CommentSubmission {
  subject: CommentSubject;
  /** When the review or post was published: comments may close some days after. */
  publishedAt: string | null;
  name: string;
  email: string;
  url: string;
  body: string;
  notifyReplies: boolean;
  notifyPosts: boolean;
  parentId: number | undefined;
  /** The form's time token (src/domain/comment-tokens.ts). */
  token: string;
  honeypot: string;
  /** Some field was refused at the edge; its message is the caller's to show. */
  hasFieldErrors: boolean;
  /** Signed in through a provider: exempt from the fill time, which their consent outlasts. */
  signedIn: boolean;
  ip: string;
  userAgent: string;
}

interface PostCommentOptions {
  settings: ModerationSettings & { closeCommentsAfterDays: number };
  /** The flood limits of CINELOG_COMMENT_RATE_LIMITS. */
  rateLimits: boolean;
  /** Mail is set up: without it nobody could confirm, so "notify me" is ignored. */
  mailReady: boolean;
  now?: number;
}

type PostCommentResult = (
  | { outcome: "closed" | "expired" | "invalid" | "too-many" }
  /** A cached page's token, old enough to say nothing: ask once more, keeping every word. */
  | { outcome: "confirm" }
  | { outcome: "stored"; comment: Comment; decision: Decision }
) & {
  /**
   * The form's token was minted for this reader and still holds: a form shown back keeps it,
   * so their time keeps counting from when they began. Otherwise it gets a confirm token.
   */
  readerToken?: boolean;
};

export async function postComment(
  db: Db,
  input: CommentSubmission,
  options: PostCommentOptions,
): Promise<PostCommentResult> {
  const now = options.now ?? Date.now();
  const { settings } = options;
  const token = await checkFormToken(db, input.subject, input.token, now);
  const readerToken = token.ok && token.kind !== "page";
  const closedAt = new Date(now).toISOString();
  if (commentsClosed(input.publishedAt, settings.closeCommentsAfterDays, closedAt)) {
    return { outcome: "closed", readerToken };
  }
  if (!token.ok) return { outcome: "expired" };
  if (input.hasFieldErrors) return { outcome: "invalid", readerToken };
  if (options.rateLimits) {
    const limited = await rateLimitExceeded(db, { ip: input.ip, email: input.email }, now);
    if (limited) return { outcome: "too-many", readerToken };
  }
  const fillMs = now - token.issuedAt;
  // A page token older than a person needs may have sat in the cache for hours: it says
  // nothing about this reader. Younger than that, it proves a program (decided below).
  if (token.kind === "page" && !input.signedIn && fillMs >= minimumFillMs) {
    return { outcome: "confirm", readerToken };
  }

  const parent = input.parentId === undefined ? undefined : await commentById(db, input.parentId);
  const decision = decideStatus(
    {
      body: input.body,
      name: input.name,
      email: input.email,
      url: input.url,
      ip: input.ip,
      userAgent: input.userAgent,
      linkCount: countLinks(renderCommentBody(input.body)),
      honeypot: input.honeypot,
      fillMs,
      minimumFillMs: token.kind === "confirm" ? confirmMinimumFillMs : minimumFillMs,
      signedIn: input.signedIn,
      knownCommenter: await hasApprovedComment(db, input.email),
    },
    settings,
  );
  const comment = await createComment(db, {
    subject: input.subject,
    // A reply to something not shown on this page becomes a comment of its own.
    parentId:
      parent && sameSubject(subjectOf(parent), input.subject) && parent.status === "approved"
        ? parent.id
        : undefined,
    name: input.name,
    email: input.email,
    url: input.url,
    body: input.body,
    status: decision.status,
    notifyReplies: options.mailReady && input.notifyReplies,
    notifyPosts: options.mailReady && input.notifyPosts,
    ip: input.ip,
    userAgent: input.userAgent,
    // Shown to the moderator beside a held comment: why it waits.
    holdReason: decision.reason,
  });
  return { outcome: "stored", comment, decision, readerToken };
}
