// The comments part of a review page: the heading with the count, the threads, and the form
// (or "Comments are closed.").
import type { CommentNode } from "../../../domain/comment-threads.ts";
import { commentReplyScript } from "../../assets/assets.ts";
import { CommentForm, type CommentFormProps } from "./comment-form.tsx";
import { CommentList } from "./comment-list.tsx";

interface CommentsSectionProps {
  /** The review's or post's title, quoted in the heading. */
  reviewLabel: string;
  /** The comment page shown. */
  pagePath: string;
  threads: CommentNode[];
  /** Approved comments only: a waiting comment shown to its author is not counted. */
  count: number;
  maxDepth: number;
  closed: boolean;
  form: CommentFormProps;
  /** Gravatar images, when the owner turned them on; drawn here otherwise. */
  avatars?: "local" | "gravatar";
  /** Where this page sits among the comment pages; no list when there is one page. */
  paging?: CommentPaging | undefined;
  /** Said beside the comment its author just posted (the mail to look for). */
  ownNotice?: { id: number; text: string } | undefined;
  /** Approved likes and reposts received by Webmention: counted, nobody listed. */
  reactions?: { likes: number; reposts: number } | undefined;
}

interface CommentPaging {
  page: number;
  pageCount: number;
  /** The address of each page, page 1 first. */
  links: string[];
  prev: string | undefined;
  next: string | undefined;
}

export function CommentsSection(props: CommentsSectionProps) {
  // The count is of public comments only; a waiting one is shown to its author alone.
  const ownWaiting = hasWaiting(props.threads);
  const heading =
    props.count > 0
      ? `${props.count === 1 ? "One Reply" : `${props.count} Replies`} to “${props.reviewLabel}”`
      : ownWaiting
        ? "Your comment is awaiting moderation"
        : `No replies yet to “${props.reviewLabel}”`;
  return (
    <section id="comments" class="comments" aria-labelledby="comments-title">
      <h2 id="comments-title">{heading}</h2>
      {props.reactions ? <WebReactionsLine {...props.reactions} /> : null}
      <CommentList
        threads={props.threads}
        pagePath={props.pagePath}
        maxDepth={props.maxDepth}
        closed={props.closed}
        avatars={props.avatars}
        ownNotice={props.ownNotice}
      />
      {props.paging ? <CommentPages paging={props.paging} /> : null}
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

/** "3 likes and 1 repost from the web"; nothing when there are none. */
function WebReactionsLine(props: { likes: number; reposts: number }) {
  const parts = [
    props.likes ? `${props.likes} ${props.likes === 1 ? "like" : "likes"}` : "",
    props.reposts ? `${props.reposts} ${props.reposts === 1 ? "repost" : "reposts"}` : "",
  ].filter(Boolean);
  if (parts.length === 0) return null;
  return <p class="web-reactions">{parts.join(" and ")} from the web</p>;
}

function hasWaiting(nodes: CommentNode[]): boolean {
  return nodes.some((n) => n.comment.awaitingModeration || hasWaiting(n.replies));
}

/** "Older comments · 1 2 3 · Newer comments", WordPress's comment navigation. */
function CommentPages(props: { paging: CommentPaging }) {
  const { page, pageCount, links, prev, next } = props.paging;
  if (pageCount <= 1) return null;
  return (
    <nav class="comment-navigation" aria-label="Comment pages">
      {prev ? (
        <a class="comment-prev" rel="prev" href={`${prev}#comments`}>
          Older comments
        </a>
      ) : null}{" "}
      <ol class="comment-page-list">
        {links.map((href, i) => (
          <li>
            {i + 1 === page ? (
              <span aria-current="page">{i + 1}</span>
            ) : (
              <a href={`${href}#comments`}>{i + 1}</a>
            )}
          </li>
        ))}
      </ol>{" "}
      {next ? (
        <a class="comment-next" rel="next" href={`${next}#comments`}>
          Newer comments
        </a>
      ) : null}
    </nav>
  );
}

/** A comment sent after closing still comes back, so the words can be kept elsewhere. */
function ClosedNotice(props: { notice: string; text: string }) {
  return (
    <div class="form-problems" role="alert" id="comment-problems" tabindex={-1}>
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
