// "Leave a Reply": the comment form. Works without JavaScript (replies go through
// ?replytocom=ID); with it, comment-reply.js moves this form under the comment replied to.
// Every field keeps what was typed when the form comes back with a problem.
import type { CommentField, CommentFormValues } from "../../public/comment-form-input.ts";
import {
  DefaultSubmit,
  ProviderButtons,
  SignedInAs,
  type SignInOffer,
} from "./comment-sign-in.tsx";

export interface CommentFormProps {
  action: string;
  /** Where the form's script asks for a time token minted for this reader. */
  tokenUrl?: string | undefined;
  /** The review's or post's own address: where sign-in brings the reader back. */
  returnPath: string;
  /** The comment page this form is on (the own address, or …/comment-page-N). */
  pagePath: string;
  token: string;
  values: CommentFormValues;
  errors: Partial<Record<CommentField, string>>;
  /** A problem with the whole submission (expired form, sent from elsewhere, too many). */
  notice?: string | undefined;
  replyTo?: { id: number; name: string } | undefined;
  /** "Notify me of new comments" is offered: reviews keep such lists, posts do not. */
  repliesByMail?: boolean | undefined;
  /** Commenter sign-in: the enabled providers, or who is signed in; none when neither. */
  signIn?: SignInOffer | undefined;
  /** Sent from a page whose token says nothing of this reader: one click confirms it. */
  confirm?: boolean | undefined;
  /** Mail is set up, so "notify me" can be confirmed; the boxes are not offered otherwise. */
  mailOffered?: boolean | undefined;
}

/**
 * The id of the box a form shown back starts with. The form posts to an address ending in
 * #summaryId, so without any script the browser scrolls to that box and focuses it.
 */
const summaryId = "comment-problems";

const labels: Record<CommentField, string> = {
  comment: "Comment",
  name: "Name",
  email: "Email",
  url: "Website",
};

export function CommentForm(props: CommentFormProps) {
  const { values, errors, signIn } = props;
  const signedIn = signIn?.choosing ? undefined : signIn?.signedIn;
  const described = (field: CommentField, hint?: string) => {
    const ids = [hint, errors[field] ? `${field}-error` : undefined].filter(Boolean).join(" ");
    return {
      "aria-describedby": ids || undefined,
      "aria-invalid": errors[field] ? "true" : undefined,
    };
  };
  const errorText = (field: CommentField) =>
    errors[field] ? (
      <p class="field-error" id={`${field}-error`}>
        {errors[field]}
      </p>
    ) : null;
  return (
    <div id="respond" class="comment-respond">
      <FormSummary notice={props.notice} confirm={props.confirm} errors={errors} />
      <h2 id="reply-title" class="comment-reply-title">
        Leave a Reply
      </h2>
      <p class="replying-to" id="replying-to" hidden={!props.replyTo}>
        Replying to <span class="replying-to-name">{props.replyTo?.name ?? ""}</span> —{" "}
        <a id="cancel-comment-reply-link" href={`${props.pagePath}#respond`}>
          Cancel reply
        </a>
      </p>
      <form
        id="commentform"
        class="comment-form"
        method="post"
        action={`${props.action}#${summaryId}`}
        data-token-url={props.tokenUrl}
        aria-labelledby="reply-title"
      >
        {signIn ? <DefaultSubmit /> : null}
        <p class="comment-notes" id="email-notes">
          Your email address is never shown. Name and comment are public.
        </p>
        <div class="field">
          <label for="comment-comment">Comment</label>
          <textarea
            id="comment-comment"
            name="comment"
            rows={8}
            maxlength={20000}
            required
            {...described("comment", "comment-hint")}
          >
            {values.comment}
          </textarea>
          <span class="hint" id="comment-hint">
            Markdown: *emphasis*, [links](https://example.com), `code`, &gt; quotes and lists.
          </span>
          {errorText("comment")}
        </div>
        {signedIn ? <SignedInAs signedIn={signedIn} /> : null}
        {signIn && !signedIn ? <ProviderButtons offer={signIn} /> : null}
        {signedIn ? null : (
          <>
            <div class="field">
              <label for="comment-name">Name</label>
              <input
                id="comment-name"
                name="name"
                type="text"
                value={values.name}
                maxlength={100}
                autocomplete="name"
                required
                {...described("name")}
              />
              {errorText("name")}
            </div>
            <div class="field">
              <label for="comment-email">Email (never shown)</label>
              <input
                id="comment-email"
                name="email"
                type="email"
                value={values.email}
                maxlength={254}
                autocomplete="email"
                required
                {...described("email", "email-notes")}
              />
              {errorText("email")}
            </div>
            <div class="field">
              <label for="comment-url">Website (optional)</label>
              <input
                id="comment-url"
                name="url"
                // Not type="url": the browser would refuse "example.com", which is taken here.
                type="text"
                inputmode="url"
                value={values.url}
                maxlength={200}
                autocomplete="url"
                {...described("url")}
              />
              {errorText("url")}
            </div>
          </>
        )}
        <div class="field honeypot" aria-hidden="true">
          <label for="comment-fax">Leave this field empty</label>
          <input
            id="comment-fax"
            name="fax"
            type="text"
            value=""
            tabindex={-1}
            autocomplete="off"
          />
        </div>
        {signedIn ? null : (
          <p class="check">
            <input id="comment-save" name="save" type="checkbox" value="1" checked={values.save} />
            <label for="comment-save">
              Save my name, email, and website in this browser for the next time I comment.
            </label>
          </p>
        )}
        {!props.mailOffered || (signedIn && !signedIn.hasEmail) ? null : (
          <>
            {props.repliesByMail === false ? null : (
              <p class="check">
                <input
                  id="comment-notify-replies"
                  name="notify_replies"
                  type="checkbox"
                  value="1"
                  checked={values.notifyReplies}
                />
                <label for="comment-notify-replies">Notify me of new comments by email.</label>
              </p>
            )}
            <p class="check">
              <input
                id="comment-notify-posts"
                name="notify_posts"
                type="checkbox"
                value="1"
                checked={values.notifyPosts}
              />
              <label for="comment-notify-posts">Notify me of new posts by email.</label>
            </p>
          </>
        )}
        <input type="hidden" name="token" value={props.token} />
        <input type="hidden" name="return_to" value={props.returnPath} />
        {signIn?.choosing ? <input type="hidden" name="as_guest" value="1" /> : null}
        <input
          type="hidden"
          name="parent_id"
          id="comment-parent"
          value={props.replyTo ? String(props.replyTo.id) : ""}
        />
        <p class="form-submit">
          <button type="submit">Post Comment</button>
        </p>
      </form>
    </div>
  );
}

/**
 * What a form shown back starts with (GOV.UK's error summary): a heading and a link to each
 * field in error; or the whole submission's problem; or the one-click confirmation.
 */
function FormSummary(props: {
  notice: string | undefined;
  confirm: boolean | undefined;
  errors: Partial<Record<CommentField, string>>;
}) {
  const { errors } = props;
  const problems = (Object.keys(labels) as CommentField[]).filter((f) => errors[f]);
  if (props.confirm) {
    return (
      <div
        class="form-confirm"
        role="alert"
        tabindex={-1}
        id={summaryId}
        aria-labelledby="comment-confirm-title"
      >
        <h2 id="comment-confirm-title">Confirm your comment</h2>
        <p>Your comment is below as you wrote it. Press “Post Comment” once more to send it.</p>
        <p class="hint">
          This page was ready before you opened it, so it cannot tell how long you took to write;
          asking once is how it knows a person is here. With JavaScript on, there is no such step.
        </p>
      </div>
    );
  }
  if (!props.notice && problems.length === 0) return null;
  if (problems.length === 0) {
    return (
      <div class="form-problems" role="alert" tabindex={-1} id={summaryId}>
        <p>{props.notice}</p>
      </div>
    );
  }
  return (
    <div
      class="form-problems error-summary"
      role="alert"
      tabindex={-1}
      id={summaryId}
      aria-labelledby="comment-problems-title"
    >
      <h2 id="comment-problems-title">There is a problem</h2>
      <p>
        Your comment was not posted. Please check{" "}
        {problems.length === 1 ? "this field" : "these fields"}:
      </p>
      <ul>
        {problems.map((f) => (
          <li>
            <a href={`#comment-${f}`}>
              {labels[f]}: {errors[f]}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
