// The approved comments under a review, threaded, oldest first. Names and addresses are
// escaped by JSX; bodies were sanitised when stored (src/content/comment-markdown.ts).
import { commentLinkRel } from "../../../content/comment-markdown.ts";
import { identiconDataUri } from "../../../content/identicon.ts";
import type { CommentNode } from "../../../domain/comment-threads.ts";
import { DateTime } from "../names.tsx";

export interface CommentListProps {
  threads: CommentNode[];
  reviewSlug: string;
  maxDepth: number;
  /** Comments are closed: no Reply links. */
  closed: boolean;
}

export function CommentList(props: CommentListProps) {
  if (props.threads.length === 0) return null;
  return (
    <ol class="comment-list">
      {props.threads.map((node) => (
        <CommentItem node={node} {...props} />
      ))}
    </ol>
  );
}

function CommentItem(props: CommentListProps & { node: CommentNode }) {
  const { comment, depth, replies } = props.node;
  const canReply = !props.closed && !comment.awaitingModeration && depth < props.maxDepth;
  const nameId = `comment-${comment.id}-author`;
  return (
    <li class={`comment depth-${depth}`}>
      <article id={`comment-${comment.id}`} class="comment-body" aria-labelledby={nameId}>
        <header class="comment-meta">
          <img
            class="avatar"
            src={identiconDataUri(comment.avatarKey)}
            alt=""
            width="40"
            height="40"
          />
          <span class="comment-author" id={nameId}>
            {comment.authorUrl ? (
              <a href={comment.authorUrl} rel={`external ${commentLinkRel}`}>
                {comment.authorName}
              </a>
            ) : (
              comment.authorName
            )}
          </span>{" "}
          <a class="comment-permalink" href={`#comment-${comment.id}`}>
            <DateTime iso={comment.createdAt} />
          </a>
        </header>
        {comment.awaitingModeration ? (
          <p class="comment-awaiting" role="status">
            Your comment is awaiting moderation.
          </p>
        ) : null}
        <div class="comment-content" dangerouslySetInnerHTML={{ __html: comment.bodyHtml }} />
        {canReply ? (
          <p class="reply">
            <a
              class="comment-reply-link"
              href={`/review/${props.reviewSlug}?replytocom=${comment.id}#respond`}
              data-comment-id={String(comment.id)}
              data-author={comment.authorName}
              aria-label={`Reply to ${comment.authorName}`}
            >
              Reply
            </a>
          </p>
        ) : null}
      </article>
      {replies.length > 0 ? (
        <ol class="children">
          {replies.map((node) => (
            <CommentItem {...props} node={node} />
          ))}
        </ol>
      ) : null}
    </li>
  );
}
