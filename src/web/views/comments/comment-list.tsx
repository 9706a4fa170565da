// The approved comments under a review or post (one comment page of them), threaded, oldest
// first. Names and addresses are
// escaped by JSX; bodies were sanitised when stored (src/content/comment-markdown.ts).
import { commentLinkRel } from "../../../content/comment-markdown.ts";
import { gravatarUrl, identiconDataUri } from "../../../content/identicon.ts";
import type { CommentNode } from "../../../domain/comment-threads.ts";
import type { PublicComment } from "../../../domain/comments.ts";
import { PieceBreak } from "../../html-bytes.ts";
import { DateTime } from "../names.tsx";

interface CommentListProps {
  threads: CommentNode[];
  /** The comment page shown: reply links come back to it. */
  pagePath: string;
  maxDepth: number;
  /** Comments are closed: no Reply links. */
  closed: boolean;
  /** Where pictures come from: drawn here (the default), or Gravatar when the owner chose it. */
  avatars?: "local" | "gravatar" | undefined;
  /** Said beside the comment its author just posted (the mail to look for). */
  ownNotice?: { id: number; text: string } | undefined;
}

const avatarSize = 40;

function Avatar(props: { comment: PublicComment; source: "local" | "gravatar" }) {
  const local = identiconDataUri(props.comment.avatarKey);
  // A fediverse author's picture, copied to our media when the reply arrived.
  if (props.comment.avatarPath) {
    return (
      <img
        class="avatar"
        src={`/media/${props.comment.avatarPath}`}
        alt=""
        width={avatarSize}
        height={avatarSize}
        loading="lazy"
      />
    );
  }
  if (props.source === "local") {
    return <img class="avatar" src={local} alt="" width={avatarSize} height={avatarSize} />;
  }
  const hash = props.comment.gravatarHash;
  // The local pattern sits behind the Gravatar image, which is transparent for an address
  // Gravatar does not know (d=blank), and stays if gravatar.com cannot be reached.
  return (
    <img
      class="avatar"
      src={gravatarUrl(hash, avatarSize)}
      srcset={`${gravatarUrl(hash, avatarSize, 2)} 2x`}
      style={`background-image:url(${local})`}
      alt=""
      width={avatarSize}
      height={avatarSize}
      loading="lazy"
      referrerpolicy="no-referrer"
    />
  );
}

export function CommentList(props: CommentListProps) {
  if (props.threads.length === 0) return null;
  return (
    <ol class="comment-list">
      {props.threads.map((node) => [
        <CommentItem node={node} {...props} />,
        // A long thread list is sent in pieces (src/web/html-bytes.ts).
        <PieceBreak />,
      ])}
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
          <Avatar comment={comment} source={props.avatars ?? "local"} />
          <span class="comment-author" id={nameId}>
            {comment.authorUrl ? (
              <a href={comment.authorUrl} rel={`external ${commentLinkRel}`}>
                {comment.authorName}
              </a>
            ) : (
              comment.authorName
            )}
          </span>{" "}
          {comment.authorHandle ? (
            <span class="comment-handle">{comment.authorHandle} </span>
          ) : null}
          <a class="comment-permalink" href={`#comment-${comment.id}`}>
            <DateTime iso={comment.createdAt} />
          </a>
        </header>
        {comment.awaitingModeration ? (
          <p class="comment-awaiting" role="status">
            Your comment is awaiting moderation.
          </p>
        ) : null}
        {props.ownNotice?.id === comment.id ? (
          <p class="comment-own-notice" role="status">
            {props.ownNotice.text}
          </p>
        ) : null}
        {comment.authorHandle && comment.sourceUrl ? (
          <p class="comment-from-web">
            <a href={comment.sourceUrl} rel={`external ${commentLinkRel}`}>
              via the fediverse
            </a>
          </p>
        ) : comment.sourceUrl ? (
          <FromTheWeb comment={comment} />
        ) : null}
        <div class="comment-content" dangerouslySetInnerHTML={{ __html: comment.bodyHtml }} />
        {canReply ? (
          <p class="reply">
            <a
              class="comment-reply-link"
              href={`${props.pagePath}?replytocom=${comment.id}#respond`}
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

/** A Webmention's line: what kind it is, and a link to the page on the other site. */
function FromTheWeb(props: { comment: PublicComment }) {
  const { kind, sourceUrl } = props.comment;
  if (!sourceUrl) return null;
  let host = sourceUrl;
  try {
    host = new URL(sourceUrl).hostname;
  } catch {
    // Stored addresses were checked when they came in; show it whole if not.
  }
  return (
    <p class="comment-from-web">
      {kind === "reply" ? "Replied on the web, at " : "Mentioned this on the web, at "}
      <a href={sourceUrl} rel={`external ${commentLinkRel}`}>
        {host}
      </a>
    </p>
  );
}
