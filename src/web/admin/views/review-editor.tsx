// The review editor. Works without JavaScript: Preview is a button that posts the form and
// gets it back, everything kept, with the rendered review below.
import type { ReviewRevision, ReviewStatus } from "../../../db/schema.ts";
import type { FilmChoice } from "../../../domain/admin-overview.ts";
import type { EditorErrors, EditorValues, ScaleInput } from "../review-form.ts";
import { CsrfField, Field } from "./admin-layout.tsx";
import { shortTime } from "./overview-pages.tsx";

export interface ReviewEditorProps {
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
  filmSearch: string;
  rating?: ScaleInput;
  mayPublish: boolean;
  previewHtml?: string;
  revisions: ReviewRevision[];
  csrf: string;
}

const statusText = {
  draft: "a draft",
  scheduled: "scheduled",
  published: "published",
} as const;

export function ReviewEditorPage(props: ReviewEditorProps) {
  const v = props.values;
  const action = props.reviewId ? `/admin/reviews/${props.reviewId}/edit` : "/admin/reviews/new";
  const errorCount = Object.keys(props.errors).length;
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
      {props.notice ? (
        <p class="form-notice" role="status">
          {props.notice}
        </p>
      ) : null}
      {props.formError ? (
        <p class="form-error" role="alert">
          {props.formError}
        </p>
      ) : null}
      {errorCount ? (
        <p class="form-error" role="alert">
          {errorCount === 1 ? "One field needs" : `${errorCount} fields need`} attention; nothing
          you typed was lost.
        </p>
      ) : null}

      {props.reviewId ? null : (
        <form method="get" action="/admin/reviews/new" role="search" class="field-inline">
          <label for="film-search">Find a film</label>
          <input id="film-search" name="film" type="search" value={props.filmSearch} />
          <button type="submit">Find</button>
        </form>
      )}

      <form method="post" action={action} class="admin-form">
        <CsrfField token={props.csrf} />
        <fieldset>
          <legend>Film</legend>
          <Field
            id="filmId"
            label="Film"
            error={props.errors.filmId}
            hint={props.filmSearch ? `Films matching “${props.filmSearch}”.` : undefined}
          >
            {(aria) => (
              <select {...aria} name="filmId">
                <option value="">Choose a film…</option>
                {props.films.map((f) => (
                  <option value={String(f.id)} selected={String(f.id) === v.filmId}>
                    {f.year ? `${f.title} (${f.year})` : f.title}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <p class="hint">
            Or add a film that is not on record yet (it is used if a title is given):
          </p>
          <Field id="newFilmTitle" label="New film: title" error={props.errors.newFilmTitle}>
            {(aria) => <input {...aria} name="newFilmTitle" value={v.newFilmTitle} />}
          </Field>
          <Field id="newFilmYear" label="New film: year" error={props.errors.newFilmYear}>
            {(aria) => (
              <input {...aria} name="newFilmYear" inputmode="numeric" value={v.newFilmYear} />
            )}
          </Field>
          <Field
            id="newFilmDirectors"
            label="New film: directors"
            hint="Separate names with commas."
            error={props.errors.newFilmDirectors}
          >
            {(aria) => <input {...aria} name="newFilmDirectors" value={v.newFilmDirectors} />}
          </Field>
        </fieldset>

        <Field id="body" label="Review" hint="Markdown." error={props.errors.body}>
          {(aria) => (
            <textarea {...aria} name="body" rows={20}>
              {v.body}
            </textarea>
          )}
        </Field>
        <Field id="tags" label="Tags" hint="Separate tags with commas." error={props.errors.tags}>
          {(aria) => <input {...aria} name="tags" value={v.tags} />}
        </Field>
        {props.rating ? (
          <Field id="rating" label={props.rating.label} error={props.errors.rating}>
            {(aria) => (
              <input
                {...aria}
                name="rating"
                type="number"
                min="0"
                max={String(props.rating!.max)}
                step={String(props.rating!.step)}
                value={v.rating}
              />
            )}
          </Field>
        ) : null}
        <Field id="watchedOn" label="Watched on" error={props.errors.watchedOn}>
          {(aria) => <input {...aria} name="watchedOn" type="date" value={v.watchedOn} />}
        </Field>
        <div class="field-inline">
          <input id="isRewatch" name="isRewatch" type="checkbox" checked={v.isRewatch} />
          <label for="isRewatch">This was a rewatch</label>
        </div>
        <div class="field-inline">
          <input id="hasSpoilers" name="hasSpoilers" type="checkbox" checked={v.hasSpoilers} />
          <label for="hasSpoilers">The review has spoilers</label>
        </div>
        {props.mayPublish ? (
          <Field
            id="publishAt"
            label="Publication time, in UTC (the site's time zone)"
            hint="Needed to schedule. Leave empty to publish now."
            error={props.errors.publishAt}
          >
            {(aria) => (
              <input {...aria} name="publishAt" type="datetime-local" value={v.publishAt} />
            )}
          </Field>
        ) : (
          <p class="hint">An editor publishes your review once it is ready.</p>
        )}
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
                  <summary>Saved over at {shortTime(r.created_at)} UTC</summary>
                  <pre>{r.body_md}</pre>
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
    </section>
  );
}
