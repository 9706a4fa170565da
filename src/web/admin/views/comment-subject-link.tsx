// What a comment in the moderation screens is on — a review, a post or a page — linked to
// where it shows: a shown comment's permalink (/comment/ID lands on its comment page), or the
// page itself for one that waits. A draft is not public, so it is named without a link.
import type { ModerationTarget } from "../../../domain/comment-moderation.ts";

const kindLabel = { review: "", post: "Post: ", page: "Page: " } as const;

export function CommentSubjectLink(props: { target: ModerationTarget }) {
  const { comment, subject } = props.target;
  const title = `${kindLabel[subject.kind]}${subject.label}`;
  if (subject.status === "draft") return <>{`${title} (not public)`}</>;
  const href =
    comment.status === "approved" ? `/comment/${comment.id}` : `${subject.path}#comments`;
  return <a href={href}>{title}</a>;
}
