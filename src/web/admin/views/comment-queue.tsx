// The moderation queue: status links with counts, filters, the table of comments with their
// row actions (each a small POST form, so nothing needs JavaScript), bulk actions and pages.
import type { CommentStatus } from "../../../db/schema.ts";
import {
  actionApplies,
  type ModerationAction,
  type QueueCounts,
  type QueueRow,
  type ReviewChoice,
  type StatusFilter,
} from "../../../domain/comment-moderation.ts";
import { filmLabel } from "../../../domain/films.ts";
import { CommentSubjectLink } from "./comment-subject-link.tsx";
import { CsrfField } from "./form-fields.tsx";
import { Notice } from "./form-messages.tsx";
import { holdReasonLabel, needsClamp } from "./hold-reasons.ts";
import { shortTime } from "./overview-pages.tsx";

interface QueueView {
  status: StatusFilter;
  reviewId: number | undefined;
  search: string;
  page: number;
  pages: number;
  total: number;
  counts: QueueCounts;
  reviews: ReviewChoice[];
  rows: QueueRow[];
  /** This page's own address, so every action comes back to it. */
  back: string;
  notice?: string | undefined;
  csrf: string;
}

const statusNames: Record<StatusFilter, string> = {
  all: "All",
  pending: "Pending",
  approved: "Approved",
  spam: "Spam",
  trash: "Trash",
};

const statusLabel: Record<CommentStatus, string> = {
  pending: "Pending",
  approved: "Approved",
  spam: "Spam",
  trash: "Trash",
};

const actionNames: Record<Exclude<ModerationAction, "delete">, string> = {
  approve: "Approve",
  unapprove: "Unapprove",
  spam: "Spam",
  notspam: "Not spam",
  trash: "Trash",
  restore: "Restore",
};

const bulkActions: [ModerationAction, string][] = [
  ["approve", "Approve"],
  ["spam", "Mark as spam"],
  ["trash", "Move to trash"],
  ["restore", "Restore"],
  ["delete", "Delete permanently"],
];

export function queueHref(
  view: Pick<QueueView, "status" | "reviewId" | "search">,
  page = 1,
): string {
  const params = new URLSearchParams();
  if (view.status !== "all") params.set("status", view.status);
  if (view.reviewId !== undefined) params.set("review", String(view.reviewId));
  if (view.search) params.set("s", view.search);
  if (page > 1) params.set("page", String(page));
  const query = params.toString();
  return `/admin/comments${query ? `?${query}` : ""}`;
}

export function CommentQueuePage(props: QueueView) {
  return (
    <section aria-labelledby="comments-title">
      <h1 id="comments-title">Comments</h1>
      <Notice text={props.notice} />
      <StatusLinks {...props} />
      <form method="get" action="/admin/comments" class="queue-filters">
        {props.status !== "all" ? <input type="hidden" name="status" value={props.status} /> : null}
        <div class="field">
          <label for="review">Review</label>
          <select id="review" name="review">
            <option value="">All reviews</option>
            {props.reviews.map((r) => (
              <option value={String(r.id)} selected={r.id === props.reviewId}>
                {filmLabel({ title: r.filmTitle, year: r.filmYear })}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="s">Search name, email or text</label>
          <input id="s" name="s" type="search" value={props.search} />
        </div>
        <button type="submit">Filter</button>
      </form>
      {props.rows.length === 0 ? (
        <p>No comments here.</p>
      ) : (
        <>
          {/* The bulk form wraps nothing: its checkboxes join it by form="bulk", so the
              row forms need not nest inside it (nested forms are invalid HTML). */}
          <form method="post" action="/admin/comments/bulk" id="bulk" class="queue-bulk">
            <CsrfField token={props.csrf} />
            <input type="hidden" name="back" value={props.back} />
            <label for="bulk-action">Bulk action</label>{" "}
            <select id="bulk-action" name="action">
              {bulkActions.map(([value, text]) => (
                <option value={value}>{text}</option>
              ))}
            </select>{" "}
            <button type="submit">Apply</button>
          </form>
          <CommentTable {...props} />
          <Pager {...props} />
        </>
      )}
    </section>
  );
}

function StatusLinks(props: QueueView) {
  const withCount: StatusFilter[] = ["pending", "spam", "trash"];
  return (
    <nav aria-label="Comment status">
      <ul class="status-links">
        {(["all", "pending", "approved", "spam", "trash"] as const).map((status) => {
          const text = withCount.includes(status)
            ? `${statusNames[status]} (${props.counts[status]})`
            : statusNames[status];
          return (
            <li>
              <a
                href={queueHref({ ...props, status, search: "" })}
                {...(status === props.status ? { "aria-current": "page" as const } : {})}
              >
                {text}
              </a>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

function CommentTable(props: QueueView) {
  return (
    <table class="admin-table comment-queue">
      <caption class="visually-hidden">
        {`${statusNames[props.status]} comments, newest first`}
      </caption>
      <thead>
        <tr>
          <th scope="col">
            <span class="visually-hidden">Select</span>
          </th>
          <th scope="col">Author</th>
          <th scope="col">Comment</th>
          <th scope="col">In response to</th>
          <th scope="col">Submitted (UTC)</th>
          <th scope="col">Status</th>
        </tr>
      </thead>
      <tbody>
        {props.rows.map((row, i) => (
          <CommentRow
            row={row}
            back={props.back}
            csrf={props.csrf}
            anchor={returnAnchor(props.rows, i)}
          />
        ))}
      </tbody>
    </table>
  );
}

/**
 * Where the queue should land after acting on row i: the next row, which moves up into its
 * place, or the previous one when it was the last. None when it is the only row.
 */
function returnAnchor(rows: QueueRow[], i: number): string | undefined {
  const near = rows[i + 1] ?? rows[i - 1];
  return near ? `row-${near.comment.id}` : undefined;
}

interface RowProps {
  row: QueueRow;
  back: string;
  csrf: string;
  anchor: string | undefined;
}

function CommentRow(props: RowProps) {
  const { comment } = props.row;
  const id = comment.id;
  const reason = comment.status === "approved" ? undefined : holdReasonLabel(comment.hold_reason);
  return (
    <tr id={`row-${id}`} class={`status-${comment.status}`}>
      <td>
        <input
          type="checkbox"
          name="ids"
          value={String(id)}
          form="bulk"
          id={`select-${id}`}
          aria-label={`Select the comment by ${comment.author_name}`}
        />
      </td>
      <td class="comment-author-cell">
        <strong class="comment-author-name">{comment.author_name}</strong>
        {comment.source_url ? (
          // A Webmention has no address to write to: the page it came from instead.
          <a class="comment-source" href={comment.source_url} rel="nofollow ugc noopener">
            {comment.author_handle
              ? `A ${comment.kind} from the fediverse, by ${comment.author_handle}`
              : `A ${comment.kind} from the web: ${comment.source_url}`}
          </a>
        ) : (
          <a
            class="comment-author-email"
            href={`mailto:${comment.author_email}`}
            title={comment.author_email}
          >
            {comment.author_email}
          </a>
        )}
        {comment.author_url ? (
          <a
            class="comment-author-url"
            href={comment.author_url}
            title={comment.author_url}
            rel="nofollow ugc noopener"
          >
            {comment.author_url}
          </a>
        ) : null}
        {comment.ip ? <span class="hint">IP {comment.ip}</span> : null}
        <RowActions {...props} />
      </td>
      <td>
        <CommentBody id={id} markdown={comment.body_md} html={comment.body_html} />
      </td>
      <td>
        <CommentSubjectLink target={props.row} />
      </td>
      <td>{shortTime(comment.created_at)}</td>
      <td>
        {statusLabel[comment.status]}
        {reason ? (
          <span class="hold-reason">
            <span class="visually-hidden">Why: </span>
            {reason}
          </span>
        ) : null}
      </td>
    </tr>
  );
}

/** A long comment shows its first lines; "Show all" (a checkbox, so no script) opens it. */
function CommentBody(props: { id: number; markdown: string; html: string }) {
  const content = (
    <div
      class="comment-content"
      id={`body-${props.id}`}
      dangerouslySetInnerHTML={{ __html: props.html }}
    />
  );
  if (!needsClamp(props.markdown)) return content;
  return (
    <div class="comment-clamp">
      {content}
      <label class="clamp-toggle">
        <input type="checkbox" aria-controls={`body-${props.id}`} /> Show all
      </label>
    </div>
  );
}

function RowActions(props: RowProps) {
  const { comment } = props.row;
  const who = comment.author_name;
  const actions = (Object.keys(actionNames) as (keyof typeof actionNames)[]).filter((a) =>
    actionApplies(a, comment.status),
  );
  return (
    <ul class="row-actions">
      {actions.map((action) => (
        <li>
          <form method="post" action={`/admin/comments/${comment.id}/${action}`}>
            <CsrfField token={props.csrf} />
            <input type="hidden" name="back" value={props.back} />
            {props.anchor ? <input type="hidden" name="anchor" value={props.anchor} /> : null}
            <button
              type="submit"
              class="link-button"
              aria-label={`${actionNames[action]}: comment by ${who}`}
            >
              {actionNames[action]}
            </button>
          </form>
        </li>
      ))}
      {comment.status === "pending" || comment.status === "approved" ? (
        <li>
          <a
            href={`/admin/comments/${comment.id}/reply`}
            aria-label={`Reply to the comment by ${who}`}
          >
            Reply
          </a>
        </li>
      ) : null}
      <li>
        <a href={`/admin/comments/${comment.id}/edit`} aria-label={`Edit the comment by ${who}`}>
          Edit
        </a>
      </li>
      {actionApplies("delete", comment.status) ? (
        <li>
          <a
            href={`/admin/comments/${comment.id}/delete`}
            aria-label={`Delete permanently the comment by ${who}`}
          >
            Delete permanently
          </a>
        </li>
      ) : null}
    </ul>
  );
}

function Pager(props: QueueView) {
  if (props.pages <= 1) return null;
  return (
    <nav aria-label="Pages of comments" class="pager">
      <p>
        {`Page ${props.page} of ${props.pages} (${props.total} comments)`}{" "}
        {props.page > 1 ? <a href={queueHref(props, props.page - 1)}>Newer</a> : null}{" "}
        {props.page < props.pages ? <a href={queueHref(props, props.page + 1)}>Older</a> : null}
      </p>
    </nav>
  );
}
