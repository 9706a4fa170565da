// What the moderation screens tell a moderator: the notice after an action, by what was done
// and to how many comments, and why a comment cannot be answered. Words kept apart from the
// routes that decide when to say them.

/** The notice on the queue an action redirected to (`?done=…&n=…`). */
export const doneNotices: Record<string, (n: number) => string> = {
  approve: (n) => `${plural(n)} approved.`,
  unapprove: (n) => `${plural(n)} sent back to pending.`,
  spam: (n) => `${plural(n)} marked as spam.`,
  notspam: (n) => `${plural(n)} taken out of spam, back where ${n === 1 ? "it was" : "they were"}.`,
  trash: (n) => `${plural(n)} moved to the trash.`,
  restore: (n) => `${plural(n)} restored to where ${n === 1 ? "it was" : "they were"}.`,
  delete: (n) => `${plural(n)} deleted permanently.`,
  edit: () => "Comment saved.",
  reply: () => "Reply published.",
  none: () => "Select at least one comment first.",
};

function plural(n: number): string {
  return n === 1 ? "1 comment" : `${n} comments`;
}

/** Shown instead of the reply form while the comment is out of sight. */
export const notRepliable =
  "This comment is in spam or the trash. Restore and approve it before replying.";
