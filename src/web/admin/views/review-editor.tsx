// The review editor. Works without JavaScript: Preview is a button that posts the form and
// gets it back, everything kept, with the rendered review below. With JavaScript
// (assets/review-editor.js, which reads the data- attributes on the form) the preview follows
// the typing, every change is autosaved to the server and kept on the device, and text left
// over from a lost tab is offered back.
import type { ReviewStatus } from "../../../db/schema.ts";
import type { FilmChoice } from "../../../domain/admin-overview.ts";
import type { FilmMatch } from "../../../domain/film-matches.ts";
import type { RevisionItem } from "../../../domain/review-editing.ts";
import type { UpNextFilm } from "../../../domain/review-up-next.ts";
import { filmPickerScript, reviewEditorScript } from "../../assets/assets.ts";
import {
  AutosaveOffers,
  SeriesFields,
  UpNextFields,
  type AutosaveOffer,
  type EditorSeries,
} from "./review-editor-parts.tsx";
import type { EditorErrors, EditorValues, ScaleInput } from "../review-form.ts";
import { Checkbox, CsrfField, InputField, TextAreaField } from "./form-fields.tsx";
import { FieldErrorCount, FormError, Notice } from "./form-messages.tsx";
import { shortTime } from "./overview-pages.tsx";
import { FilmFields } from "./review-film-fields.tsx";

interface ReviewEditorProps {
  /** Undefined for a new review. */
  reviewId?: number;
  status?: ReviewStatus;
  publicPath?: string;
  values: EditorValues;
  errors: EditorErrors;
  /** A problem with the whole form (an expired form, a refused action). */
  formError?: string;
  notice?: string;
  films: FilmChoice[];
  /** Films on record with the title and year typed as new: the save was refused. */
  filmMatches: FilmMatch[];
  rating?: ScaleInput;
  mayPublish: boolean;
  previewHtml?: string;
  revisions: RevisionItem[];
  csrf: string;
  /** Keys the copy kept on this device, so two people sharing a browser never mix. */
  userId: number;
  /** A new review's autosave key (see src/domain/review-autosave.ts). */
  draftKey?: string;
  /** A new review just saved under this key: its copy on the device can go. */
  savedDraftKey?: string;
  /** This page follows a save of the review: the device's copy of it can go. */
  justSaved: boolean;
  /** The form shows exactly what is stored. */
  pristine: boolean;
  autosaveOffers: AutosaveOffer[];
  series: EditorSeries;
  /** The review's own Up Next list, as its author wrote it; empty when it follows its series. */
  ownUpNext: UpNextFilm[];
}

const statusText = {
  draft: "a draft",
  scheduled: "scheduled",
  published: "published",
} as const;

export function ReviewEditorPage(props: ReviewEditorProps) {
  const v = props.values;
  const action = props.reviewId ? `/admin/reviews/${props.reviewId}/edit` : "/admin/reviews/new";
  return (
    <section aria-labelledby="editor-title">
      <h1 id="editor-title">{props.reviewId ? "Edit review" : "Write a review"}</h1>
      {props.status ? (
        <p>
          This review is {statusText[props.status]}.
          {props.publicPath ? (
            <>
              {" "}
              <a href={props.publicPath}>See it on the site</a>.
            </>
          ) : null}
        </p>
      ) : null}
      {props.reviewId ? (
        <p>
          <a href={`/admin/reviews/${props.reviewId}/stills`}>Stills</a>: add pictures, describe
          them and put them in order.
        </p>
      ) : null}
      <Notice text={props.notice} />
      <FormError error={props.formError} />
      <FieldErrorCount errors={props.errors} />
      {props.autosaveOffers.length ? (
        <AutosaveOffers
          offers={props.autosaveOffers}
          csrf={props.csrf}
          existing={!!props.reviewId}
        />
      ) : null}
      <section id="local-backup" class="unsaved-offer" hidden aria-labelledby="local-backup-title">
        <h2 id="local-backup-title">Text kept on this device</h2>
        <p>
          This browser kept what you typed at <span class="local-backup-time" /> but it never
          reached the server, and it differs from the form below.
        </p>
        <p class="local-backup-summary hint" />
        <div class="actions">
          <button type="button" class="primary" data-local-backup="restore">
            Restore it into the form
          </button>
          <button type="button" data-local-backup="discard">
            Discard it
          </button>
        </div>
      </section>

      <form
        method="post"
        action={action}
        class="admin-form"
        id="review-form"
        data-user-id={String(props.userId)}
        data-review-id={props.reviewId ? String(props.reviewId) : ""}
        data-pristine={props.pristine ? "true" : "false"}
        data-saved-draft-key={props.savedDraftKey ?? ""}
        data-just-saved={props.justSaved ? "true" : "false"}
      >
        <CsrfField token={props.csrf} />
        {props.draftKey ? <input type="hidden" name="draftKey" value={props.draftKey} /> : null}
        <FilmFields
          values={v}
          errors={props.errors}
          films={props.films}
          matches={props.filmMatches}
        />

        <div class="editor-panes">
          <TextAreaField
            id="body"
            label="Review"
            hint="Markdown."
            error={props.errors.body}
            rows={20}
            value={v.body}
          />
          <section
            id="live-preview"
            class="live-preview"
            hidden
            aria-labelledby="live-preview-title"
            // It scrolls when the review is long: keyboard users must be able to reach it.
            tabindex={0}
          >
            <h2 id="live-preview-title">Live preview</h2>
            <div class="review-body" />
          </section>
        </div>
        <p id="autosave-status" class="autosave-status" role="status" hidden />
        <InputField
          id="tags"
          label="Tags"
          hint="Separate tags with commas."
          error={props.errors.tags}
          value={v.tags}
        />
        {props.rating ? (
          <InputField
            id="rating"
            label={props.rating.label}
            error={props.errors.rating}
            type="number"
            min="0"
            max={String(props.rating.max)}
            step={String(props.rating.step)}
            value={v.rating}
          />
        ) : null}
        <InputField
          id="watchedOn"
          label="Watched on"
          error={props.errors.watchedOn}
          type="date"
          value={v.watchedOn}
        />
        <Checkbox id="isRewatch" label="This was a rewatch" checked={v.isRewatch} />
        <Checkbox id="hasSpoilers" label="The review has spoilers" checked={v.hasSpoilers} />
        {props.mayPublish ? (
          <InputField
            id="publishAt"
            label="Publication time, in UTC (the site's time zone)"
            hint="Needed to schedule. Leave empty to publish now."
            error={props.errors.publishAt}
            type="datetime-local"
            value={v.publishAt}
          />
        ) : (
          <p class="hint">An editor publishes your review once it is ready.</p>
        )}
        <SeriesFields series={props.series} values={v} errors={props.errors} />
        <UpNextFields ownUpNext={props.ownUpNext} followSeries={v.followSeries} />
        <div class="actions">
          <button type="submit" name="intent" value="preview">
            Preview
          </button>
          <button type="submit" name="intent" value="draft">
            Save draft
          </button>
          {props.mayPublish ? (
            <>
              <button type="submit" name="intent" value="schedule">
                Schedule
              </button>
              <button type="submit" name="intent" value="publish" class="primary">
                {props.status === "published" ? "Update" : "Publish"}
              </button>
            </>
          ) : null}
        </div>
      </form>

      {props.previewHtml !== undefined ? (
        <section class="preview" aria-labelledby="preview-title">
          <h2 id="preview-title">Preview</h2>
          <div class="review-body" dangerouslySetInnerHTML={{ __html: props.previewHtml }} />
        </section>
      ) : null}

      {props.revisions.length ? (
        <section aria-labelledby="revisions-title">
          <h2 id="revisions-title">Earlier versions</h2>
          <ul>
            {props.revisions.map((r) => (
              <li>
                <details>
                  <summary>
                    Written {r.writtenBy ? `by ${r.writtenBy} ` : ""}at {shortTime(r.writtenAt)}{" "}
                    UTC; replaced {r.replacedBy ? `by ${r.replacedBy} ` : ""}at{" "}
                    {shortTime(r.replacedAt)} UTC
                  </summary>
                  <pre>{r.body}</pre>
                  <p>
                    <a href={`/admin/reviews/${props.reviewId}/edit?revision=${r.id}`}>
                      Put this version back in the editor
                    </a>
                  </p>
                </details>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <script src={reviewEditorScript.path} defer />
      <script src={filmPickerScript.path} defer />
    </section>
  );
}
