// One comment at a time: editing it, replying to it, and confirming a permanent deletion
// (a page of its own, so the confirmation needs no JavaScript).
import type { CommentStatus } from "../../../db/schema.ts";
import type { ModerationTarget } from "../../../domain/comment-moderation.ts";
import { filmLabel } from "../../../domain/films.ts";
import { CsrfField, Field } from "./admin-layout.tsx";
import { shortTime } from "./overview-pages.tsx";

export interface CommentEditValues {
  name: string;
  email: string;
  url: string;
  body: string;
  status: string;
}

export type CommentEditErrors = Partial<Record<keyof CommentEditValues, string>>;

const statusChoices: [CommentStatus, string][] = [
  ["pending", "Pending"],
  ["approved", "Approved"],
  ["spam", "Spam"],
  ["trash", "Trash"],
];

function InResponseTo(props: { target: ModerationTarget }) {
  const { comment, review } = props.target;
  const title = filmLabel({ title: review.filmTitle, year: review.filmYear });
  return (
    <p>
      In response to{" "}
      {review.status === "draft" ? (
        title
      ) : (
        <a href={`/review/${review.slug}#comment-${comment.id}`}>{title}</a>
      )}
      , submitted {shortTime(comment.created_at)} UTC.
    </p>
  );
}

function FormError(props: { error?: string | undefined }) {
  return props.error ? (
    <p class="form-error" role="alert">
      {props.error}
    </p>
  ) : null;
}

export function CommentEditPage(props: {
  target: ModerationTarget;
  values: CommentEditValues;
  errors: CommentEditErrors;
  formError?: string | undefined;
  notice?: string | undefined;
  csrf: string;
}) {
  const { values: v, errors } = props;
  const id = props.target.comment.id;
  return (
    <section aria-labelledby="edit-comment-title">
      <h1 id="edit-comment-title">Edit comment</h1>
      <InResponseTo target={props.target} />
      <FormError error={props.formError} />
      {props.notice ? (
        <p class="form-notice" role="status">
          {props.notice}
        </p>
      ) : null}
      <form method="post" action={`/admin/comments/${id}/edit`} class="admin-form">
        <CsrfField token={props.csrf} />
        <Field id="name" label="Name" error={errors.name}>
          {(aria) => <input {...aria} name="name" required value={v.name} />}
        </Field>
        <Field id="email" label="Email" error={errors.email}>
          {(aria) => <input {...aria} name="email" type="email" required value={v.email} />}
        </Field>
        <Field id="url" label="Website" error={errors.url}>
          {(aria) => <input {...aria} name="url" type="url" value={v.url} />}
        </Field>
        <Field
          id="body"
          label="Comment"
          hint="Markdown: emphasis, links, lists, quotes and code."
          error={errors.body}
        >
          {(aria) => (
            <textarea {...aria} name="body" rows={10}>
              {v.body}
            </textarea>
          )}
        </Field>
        <Field id="status" label="Status" error={errors.status}>
          {(aria) => (
            <select {...aria} name="status">
              {statusChoices.map(([value, text]) => (
                <option value={value} selected={value === v.status}>
                  {text}
                </option>
              ))}
            </select>
          )}
        </Field>
        <div class="actions">
          <button type="submit" class="primary">
            Save comment
          </button>
          <a href="/admin/comments">Back to comments</a>
        </div>
      </form>
    </section>
  );
}

export function CommentReplyPage(props: {
  target: ModerationTarget;
  body: string;
  error?: string | undefined;
  formError?: string | undefined;
  csrf: string;
}) {
  const { comment } = props.target;
  const approvesToo = comment.status === "pending";
  return (
    <section aria-labelledby="reply-title">
      <h1 id="reply-title">Reply to {comment.author_name}</h1>
      <InResponseTo target={props.target} />
      <blockquote class="comment-content" dangerouslySetInnerHTML={{ __html: comment.body_html }} />
      <FormError error={props.formError} />
      <form method="post" action={`/admin/comments/${comment.id}/reply`} class="admin-form">
        <CsrfField token={props.csrf} />
        <Field
          id="body"
          label="Your reply"
          hint="Published at once under your name. Markdown: emphasis, links, lists, quotes and code."
          error={props.error}
        >
          {(aria) => (
            <textarea {...aria} name="body" rows={8} required>
              {props.body}
            </textarea>
          )}
        </Field>
        <div class="actions">
          <button type="submit" class="primary">
            {approvesToo ? "Approve and reply" : "Reply"}
          </button>
          <a href="/admin/comments">Back to comments</a>
        </div>
      </form>
    </section>
  );
}

export function CommentDeletePage(props: { target: ModerationTarget; back: string; csrf: string }) {
  const { comment } = props.target;
  return (
    <section aria-labelledby="delete-title">
      <h1 id="delete-title">Delete this comment permanently?</h1>
      <InResponseTo target={props.target} />
      <p>
        By <strong>{comment.author_name}</strong> ({comment.author_email}):
      </p>
      <blockquote class="comment-content" dangerouslySetInnerHTML={{ __html: comment.body_html }} />
      <p>This cannot be undone. Replies to it stay, as comments of their own.</p>
      <form method="post" action={`/admin/comments/${comment.id}/delete`} class="actions">
        <CsrfField token={props.csrf} />
        <input type="hidden" name="back" value={props.back} />
        <button type="submit" class="primary">
          Delete permanently
        </button>
        <a href={props.back}>Cancel</a>
      </form>
    </section>
  );
}
