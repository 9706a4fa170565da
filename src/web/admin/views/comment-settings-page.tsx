// The owner's comment rules: threads, closing, what waits for approval, word lists, avatars.
// Every value comes back as typed when something is wrong, with the message beside its field.
import {
  Checkbox,
  CsrfField,
  InputField,
  SelectField,
  TextAreaField,
  SubmitRow,
} from "./form-fields.tsx";
import { FormError, Notice } from "./form-messages.tsx";

/** The form as typed: numbers and word lists as text, switches as on/off. */
export interface CommentSettingsValues {
  commentThreadDepth: string;
  commentsPerPage: string;
  commentPageShown: string;
  closeCommentsAfterDays: string;
  manualApproval: boolean;
  holdFirstComment: boolean;
  holdLinkCount: string;
  moderationWords: string;
  disallowedWords: string;
  showGravatar: boolean;
  sendWebmentions: boolean;
}

export type CommentSettingsErrors = Partial<Record<keyof CommentSettingsValues, string>>;

export function CommentSettingsPage(props: {
  values: CommentSettingsValues;
  errors: CommentSettingsErrors;
  notice?: string | undefined;
  formError?: string | undefined;
  csrf: string;
}) {
  const { values: v, errors } = props;
  const problems = Object.keys(errors).length;
  return (
    <section aria-labelledby="comment-settings-title">
      <nav aria-label="Breadcrumb" class="hint">
        <a href="/admin/settings">Settings</a> › Comments
      </nav>
      <h1 id="comment-settings-title">Comment settings</h1>
      <FormError error={props.formError} />
      {problems > 0 ? (
        <p class="form-error" role="alert">
          {problems === 1
            ? "One setting needs a look; nothing was saved."
            : `${problems} settings need a look; nothing was saved.`}
        </p>
      ) : null}
      <Notice text={props.notice} />
      <form method="post" action="/admin/settings/comments" class="admin-form">
        <CsrfField token={props.csrf} />
        <fieldset>
          <legend>Replies and closing</legend>
          <InputField
            id="commentThreadDepth"
            label="Reply depth"
            hint="How many levels replies may nest under a comment, from 1 (replies are not nested) to 10. A reply to the deepest level joins the thread beside it."
            error={errors.commentThreadDepth}
            inputmode="numeric"
            size={4}
            value={v.commentThreadDepth}
          />
          <InputField
            id="commentsPerPage"
            label="Comments per page"
            hint="Long discussions are split into pages of this many threads (a comment with all its replies), from 10 to 500."
            error={errors.commentsPerPage}
            inputmode="numeric"
            size={4}
            value={v.commentsPerPage}
          />
          <SelectField
            id="commentPageShown"
            label="Page shown first"
            hint="Which page of comments a review or post shows at its own address. Pages are numbered from the oldest either way."
            error={errors.commentPageShown}
            value={v.commentPageShown}
            options={[
              ["oldest", "Oldest comments first (page 1)"],
              ["newest", "Newest comments first (the last page)"],
            ]}
          />
          <InputField
            id="closeCommentsAfterDays"
            label="Close comments after this many days"
            hint="Counted from the day a review is published; older reviews stop taking comments. 0 keeps every review open."
            error={errors.closeCommentsAfterDays}
            inputmode="numeric"
            size={6}
            value={v.closeCommentsAfterDays}
          />
        </fieldset>
        <fieldset>
          <legend>Before a comment appears</legend>
          <Checkbox
            id="manualApproval"
            label="Every comment waits for my approval"
            hint="Nothing a reader sends is shown until someone approves it in Comments."
            checked={v.manualApproval}
          />
          <Checkbox
            id="holdFirstComment"
            label="Hold a commenter's first comment"
            hint="Once one comment from an email address is approved, the next ones from it appear at once."
            checked={v.holdFirstComment}
          />
          <InputField
            id="holdLinkCount"
            label="Hold a comment with at least this many links"
            hint="Spam tends to carry many links. 0 never holds a comment for its links."
            error={errors.holdLinkCount}
            inputmode="numeric"
            size={4}
            value={v.holdLinkCount}
          />
        </fieldset>
        <fieldset>
          <legend>Word lists</legend>
          <p class="hint">
            One word, phrase, address or part of an address per line. Each is looked for, in any
            case, in the comment's text, name, email address, website, IP address and browser; a
            word inside a longer word counts too, so prefer whole phrases.
          </p>
          <TextAreaField
            id="moderationWords"
            label="Words that hold a comment for approval"
            error={errors.moderationWords}
            rows={6}
            class="word-list"
            value={v.moderationWords}
          />
          <TextAreaField
            id="disallowedWords"
            label="Words that send a comment to spam"
            hint="A match files the comment under Spam without telling the sender; it is kept there, not lost."
            error={errors.disallowedWords}
            rows={6}
            class="word-list"
            value={v.disallowedWords}
          />
        </fieldset>
        <fieldset>
          <legend>Avatars</legend>
          <Checkbox
            id="showGravatar"
            label="Show Gravatar images"
            hint="Off, each commenter gets a pattern drawn by this site, and no page asks another host for anything. On, commenters who have a picture at gravatar.com show it: every reader's browser then contacts gravatar.com, and a hash of each commenter's email address appears in the page."
            checked={v.showGravatar}
          />
        </fieldset>
        <fieldset>
          <legend>Webmentions</legend>
          <Checkbox
            id="sendWebmentions"
            label="Send Webmentions"
            hint="Off (the default), this site makes no request to any other site when you publish. On, each time a review, post or page is published or updated, this site visits every other site its text links to and, where that site accepts Webmentions, tells it about the link. Webmentions other sites send here are received either way, and held for moderation like comments."
            checked={v.sendWebmentions}
          />
        </fieldset>
        <SubmitRow label="Save comment settings" />
      </form>
    </section>
  );
}
