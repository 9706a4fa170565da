// One comment at a time: editing it, replying to it, and confirming a permanent deletion
// (a page of its own, so the confirmation needs no JavaScript).
import type { CommentStatus } from "../../../db/schema.ts";
import type { ModerationTarget } from "../../../domain/comment-moderation.ts";
import { CommentSubjectLink } from "./comment-subject-link.tsx";
import {
  ConfirmForm,
  CsrfField,
  InputField,
  SelectField,
  TextAreaField,
  SubmitRow,
} from "./form-fields.tsx";
import { FormError, Notice } from "./form-messages.tsx";
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
  const { comment } = props.target;
  return (
    <p>
      In response to <CommentSubjectLink target={props.target} />, submitted{" "}
      {shortTime(comment.created_at)} UTC.
    </p>
  );
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
      <Notice text={props.notice} />
      <form method="post" action={`/admin/comments/${id}/edit`} class="admin-form">
        <CsrfField token={props.csrf} />
        <InputField id="name" label="Name" error={errors.name} required value={v.name} />
        <InputField
          id="email"
          label="Email"
          error={errors.email}
          type="email"
          required
          value={v.email}
        />
        <InputField id="url" label="Website" error={errors.url} type="url" value={v.url} />
        <TextAreaField
          id="body"
          label="Comment"
          hint="Markdown: emphasis, links, lists, quotes and code."
          error={errors.body}
          rows={10}
          value={v.body}
        />
        <SelectField
          id="status"
          label="Status"
          error={errors.status}
          value={v.status}
          options={statusChoices}
        />
        <SubmitRow label="Save comment">
          <a href="/admin/comments">Back to comments</a>
        </SubmitRow>
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
        <TextAreaField
          id="body"
          label="Your reply"
          hint="Published at once under your name. Markdown: emphasis, links, lists, quotes and code."
          error={props.error}
          rows={8}
          required
          value={props.body}
        />
        <SubmitRow label={approvesToo ? "Approve and reply" : "Reply"}>
          <a href="/admin/comments">Back to comments</a>
        </SubmitRow>
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
      <ConfirmForm
        action={`/admin/comments/${comment.id}/delete`}
        button="Delete permanently"
        cancelHref={props.back}
        csrf={props.csrf}
      >
        <input type="hidden" name="back" value={props.back} />
      </ConfirmForm>
    </section>
  );
}
