// What a reader is told when the comment form refuses a comment, whichever route refused it:
// the form's own post, or the return from signing in with a provider.
export const messages = {
  expired: "This form had been open too long — check your comment and send it again.",
  crossSite:
    "This comment was sent from another site, so it was not posted. Check it and send it again from here.",
  closed: "Comments are closed. Your comment was not posted; it is below so you can keep it.",
  tooMany:
    "Too many comments in a short time. Your comment was not posted; copy it and try again in a few minutes.",
} as const;
