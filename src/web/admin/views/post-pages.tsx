// The admin's posts and pages: a list of both, the editor (a plain form, no script), and the
// page that confirms a deletion.
import type { PostKind } from "../../../db/schema.ts";
import type { PostListItem } from "../../../domain/posts.ts";
import type { PostErrors, PostValues } from "../post-form.ts";
import {
  ConfirmForm,
  CsrfField,
  InputField,
  SelectField,
  SubmitRow,
  TextAreaField,
} from "./form-fields.tsx";
import { FieldErrorCount, FormError, Notice } from "./form-messages.tsx";

const statusNames: Record<string, string> = {
  draft: "Draft",
  published: "Published",
  scheduled: "Scheduled",
};

const kindNames: Record<PostKind, string> = { post: "Post", page: "Page" };

export function PostListPage(props: { posts: PostListItem[]; notice?: string | undefined }) {
  return (
    <section aria-labelledby="posts-title">
      <h1 id="posts-title">Posts and pages</h1>
      <Notice text={props.notice} />
      <p>
        Pages (such as About) are linked from the site's footer once published; posts are notes that
        are not reviews of a film.
      </p>
      <p class="actions">
        <a href="/admin/posts/new?kind=page">Write a page</a>
        <a href="/admin/posts/new?kind=post">Write a post</a>
      </p>
      {props.posts.length === 0 ? (
        <p>No posts or pages yet.</p>
      ) : (
        <table class="admin-table">
          <thead>
            <tr>
              <th scope="col">Title</th>
              <th scope="col">Kind</th>
              <th scope="col">Status</th>
              <th scope="col">Author</th>
              <th scope="col">Address</th>
            </tr>
          </thead>
          <tbody>
            {props.posts.map((p) => (
              <tr>
                <td>
                  <a href={`/admin/posts/${p.id}/edit`}>{p.title}</a>
                </td>
                <td>{kindNames[p.kind]}</td>
                <td>{statusNames[p.status]}</td>
                <td>{p.authorName}</td>
                <td>{p.kind === "page" ? `/pages/${p.slug}` : `/post/${p.slug}`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

interface PostEditorProps {
  /** Absent for a new post or page. */
  postId?: number;
  /** The public address, when the post is public now. */
  publicPath?: string;
  values: PostValues;
  errors: PostErrors;
  notice?: string | undefined;
  formError?: string | undefined;
  csrf: string;
}

export function PostEditorPage(props: PostEditorProps) {
  const { values: v, errors } = props;
  const kind: PostKind = v.kind === "post" ? "post" : "page";
  const noun = kind === "page" ? "page" : "post";
  const title = props.postId ? `Edit ${noun}` : `Write a ${noun}`;
  const action = props.postId ? `/admin/posts/${props.postId}/edit` : "/admin/posts/new";
  return (
    <section aria-labelledby="post-editor-title">
      <p>
        <a href="/admin/posts">All posts and pages</a>
      </p>
      <h1 id="post-editor-title">{title}</h1>
      <Notice text={props.notice} />
      <FormError error={props.formError} />
      <FieldErrorCount errors={errors} />
      {props.publicPath ? (
        <p>
          On the site: <a href={props.publicPath}>{props.publicPath}</a>
        </p>
      ) : null}
      <form method="post" action={action} class="admin-form" aria-labelledby="post-editor-title">
        <CsrfField token={props.csrf} />
        {props.postId ? (
          <input type="hidden" name="kind" value={kind} />
        ) : (
          <SelectField
            id="kind"
            label="Kind"
            value={kind}
            error={errors.kind}
            options={[
              ["page", "Page (linked from the footer)"],
              ["post", "Post"],
            ]}
          />
        )}
        <InputField id="title" label="Title" error={errors.title} value={v.title} required />
        <InputField
          id="slug"
          label="Address"
          hint={`The last part of its address, as in ${kind === "page" ? "/pages/about" : "/post/a-note"}. Leave it empty to make it from the title.`}
          error={errors.slug}
          value={v.slug}
        />
        <TextAreaField
          id="body"
          label="Text"
          hint="Markdown, or HTML: scripts and unsafe markup are removed when it is shown."
          error={errors.body}
          rows={18}
          value={v.body}
        />
        <InputField
          id="tags"
          label="Tags"
          hint="Separated by commas."
          error={errors.tags}
          value={v.tags}
        />
        <SelectField
          id="status"
          label="Status"
          value={v.status}
          error={errors.status}
          options={[
            ["draft", "Draft (not on the site)"],
            ["published", "Published"],
            ["scheduled", "Scheduled (goes public at the time below)"],
          ]}
        />
        <InputField
          id="publishAt"
          label="Publication time (UTC)"
          hint="Needed when scheduling. Leave it empty to publish now."
          type="datetime-local"
          error={errors.publishAt}
          value={v.publishAt}
        />
        <SubmitRow label={props.postId ? "Save" : `Create the ${noun}`}>
          {props.postId ? <a href={`/admin/posts/${props.postId}/delete`}>Delete…</a> : null}
        </SubmitRow>
      </form>
    </section>
  );
}

export function DeletePostPage(props: {
  postId: number;
  kind: PostKind;
  title: string;
  csrf: string;
}) {
  const noun = props.kind === "page" ? "page" : "post";
  return (
    <section aria-labelledby="delete-post-title">
      <h1 id="delete-post-title">Delete this {noun}?</h1>
      <p>
        “{props.title}” will be gone for good, with its address and any old addresses that led to
        it.
      </p>
      <ConfirmForm
        action={`/admin/posts/${props.postId}/delete`}
        button={`Delete the ${noun}`}
        cancelHref={`/admin/posts/${props.postId}/edit`}
        csrf={props.csrf}
      />
    </section>
  );
}
