// The comments part of a review page: the heading with the count, the threads, and the form
// (or "Comments are closed.").
import type { CommentNode } from "../../../domain/comment-threads.ts";
import { commentReplyScript } from "../../assets/assets.ts";
import { CommentForm, type CommentFormProps } from "./comment-form.tsx";
import { CommentList } from "./comment-list.tsx";

export interface CommentsSectionProps {
  reviewLabel: string;
  reviewSlug: string;
  threads: CommentNode[];
  /** Approved comments only: a waiting comment shown to its author is not counted. */
  count: number;
  maxDepth: number;
  closed: boolean;
  form: CommentFormProps;
  /** Gravatar images, when the owner turned them on; drawn here otherwise. */
  avatars?: "local" | "gravatar";
}

export function CommentsSection(props: CommentsSectionProps) {
  const heading =
    props.count === 0
      ? `No replies yet to “${props.reviewLabel}”`
      : `${props.count === 1 ? "One Reply" : `${props.count} Replies`} to “${props.reviewLabel}”`;
  return (
    <section id="comments" class="comments" aria-labelledby="comments-title">
      <h2 id="comments-title">{heading}</h2>
      <CommentList
        threads={props.threads}
        reviewSlug={props.reviewSlug}
        maxDepth={props.maxDepth}
        closed={props.closed}
        avatars={props.avatars}
      />
      {props.closed ? (
        <>
          <p class="comments-closed">Comments are closed.</p>
          {props.form.notice ? (
            <ClosedNotice notice={props.form.notice} text={props.form.values.comment} />
          ) : null}
        </>
      ) : (
        <>
          <CommentForm {...props.form} />
          <script src={commentReplyScript.path} defer />
        </>
      )}
    </section>
  );
}

/** A comment sent after closing still comes back, so the words can be kept elsewhere. */
export function ClosedNotice(props: { notice: string; text: string }) {
  return (
    <div class="form-problems" role="alert">
      <p>{props.notice}</p>
      {props.text ? (
        <>
          <label for="comment-returned">Your comment</label>
          <textarea id="comment-returned" readonly rows={8}>
            {props.text}
          </textarea>
        </>
      ) : null}
    </div>
  );
}
