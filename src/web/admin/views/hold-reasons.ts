// The short label the moderation queue shows for why the rules held a comment. The stored
// reason is the rules' own wording (src/domain/moderation/rules.ts); this turns it into words
// for a moderator, and shows anything it does not know as it was stored.

export function holdReasonLabel(reason: string | null): string | undefined {
  if (!reason) return undefined;
  if (reason === "first comment") return "First comment from this author";
  if (reason === "manual approval") return "Held by your setting: every comment waits";
  if (reason === "sent too fast") return "Sent too fast";
  if (reason === "honeypot filled") return "Filled the hidden field";
  if (reason === "rate limit") return "Rate limit";
  const links = /^(\d+) links$/.exec(reason);
  if (links) return `Too many links (${links[1]})`;
  const held = /^moderation word "(.*)"$/s.exec(reason);
  if (held) return `Word list: “${held[1]}”`;
  const disallowed = /^disallowed word "(.*)"$/s.exec(reason);
  if (disallowed) return `Disallowed word: “${disallowed[1]}”`;
  return reason;
}

/** A comment longer than this many characters or lines is clamped, with "Show all". */
export function needsClamp(markdown: string): boolean {
  return markdown.length > 320 || markdown.split("\n").length > 4;
}
