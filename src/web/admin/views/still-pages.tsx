// The stills of one review: add several at once, describe each (alt text, caption), put them
// in order, remove one (after a page that asks). Everything is one form, so whichever button
// is pressed, the alt text and captions typed so far are saved with it; without JavaScript
// every action is a plain post. still-upload.js adds a drop zone with per-file progress and
// drag-and-drop ordering.
import type { Still } from "../../../db/schema.ts";
import { variantsOf } from "../../../domain/stills.ts";
import { ConfirmForm, CsrfField } from "./form-fields.tsx";
import { FormError, Notice } from "./form-messages.tsx";

export interface StillValues {
  alt: string;
  caption: string;
}

/** A file of the batch that was refused, and why. */
export interface RefusedFile {
  filename: string;
  message: string;
}

interface StillsPageProps {
  reviewId: number;
  filmLabel: string;
  stills: Still[];
  /** What was typed, when it could not be saved (an expired form); else the stored values. */
  typed?: Map<number, StillValues>;
  refused: RefusedFile[];
  notice?: string | undefined;
  formError?: string | undefined;
  maxMegabytes: number;
  scriptHref: string;
  csrf: string;
}

const acceptedTypes = "image/jpeg,image/png,image/webp,image/avif,image/gif,image/tiff";

function thumbnailPath(still: Still): string {
  const jpegs = variantsOf(still)
    .filter((v) => v.format === "jpeg")
    .sort((a, b) => a.width - b.width);
  return jpegs[0]?.path ?? still.path;
}

export function StillsPage(props: StillsPageProps) {
  const action = `/admin/reviews/${props.reviewId}/stills`;
  const missing = props.stills.filter((s) => !(props.typed?.get(s.id)?.alt ?? s.alt).trim());
  return (
    <section aria-labelledby="stills-title">
      <h1 id="stills-title">Stills for {props.filmLabel}</h1>
      <p>
        <a href={`/admin/reviews/${props.reviewId}/edit`}>Back to the review</a>
      </p>
      <Notice text={props.notice} />
      <FormError error={props.formError} />
      {props.refused.length ? (
        <div class="form-error" role="alert">
          <p>
            {props.refused.length === 1 ? "One file was" : `${props.refused.length} files were`} not
            added (everything else was kept):
          </p>
          <ul class="refused-files">
            {props.refused.map((r) => (
              <li>
                <strong>{r.filename || "A file without a name"}</strong>: {r.message}
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      <form
        method="post"
        action={action}
        enctype="multipart/form-data"
        class="admin-form stills-form"
        data-still-upload={`${action}/upload`}
        data-max-bytes={String(props.maxMegabytes * 1024 * 1024)}
      >
        {/* The token first: the server reads the upload as it arrives and checks it before any file. */}
        <CsrfField token={props.csrf} />
        <fieldset>
          <legend>Add stills</legend>
          <div class="field">
            <label for="still-files">Image files</label>
            <p class="hint" id="still-files-hint">
              JPEG, PNG or WebP, up to {props.maxMegabytes} MB each; choose several at once if you
              like. Each is resized for every screen, and its metadata (camera, place) removed.
            </p>
            <input
              id="still-files"
              name="files"
              type="file"
              multiple
              accept={acceptedTypes}
              aria-describedby="still-files-hint"
            />
          </div>
          <div class="still-drop" hidden></div>
          <ul class="still-progress" aria-live="polite"></ul>
          <div class="actions">
            <button type="submit" name="action" value="save">
              Upload and save
            </button>
          </div>
        </fieldset>

        <h2 id="stills-list-title">Stills, in the order they appear</h2>
        <p class="hint">
          The first still leads the review. Alt text tells a reader who cannot see a still what it
          shows; every still needs it before the review can be published or scheduled.
        </p>
        {missing.length ? (
          <p class="form-error">
            {missing.length === 1 ? "One still needs" : `${missing.length} stills need`} alt text
            before the review can be published.
          </p>
        ) : null}
        <p class="still-empty" hidden={props.stills.length > 0}>
          No stills yet.
        </p>
        <ol class="still-list" aria-labelledby="stills-list-title">
          {props.stills.map((still, index) => (
            <StillRow
              still={still}
              number={index + 1}
              count={props.stills.length}
              values={
                props.typed?.get(still.id) ?? {
                  alt: still.alt,
                  caption: still.caption ?? "",
                }
              }
            />
          ))}
        </ol>
        <div class="actions">
          <button type="submit" name="action" value="save" class="primary">
            Save alt text, captions and order
          </button>
        </div>
      </form>
      <script src={props.scriptHref} defer></script>
    </section>
  );
}

/** One still in the list; also sent alone to still-upload.js after an upload. */
export function StillRow(props: {
  still: Still;
  number: number;
  count: number;
  values: StillValues;
}) {
  const { still, number, values } = props;
  const id = still.id;
  const altMissing = !values.alt.trim();
  return (
    <li class="still-row" id={`still-${id}`} data-still-id={String(id)}>
      <input type="hidden" name="order" value={String(id)} />
      <img
        class="still-thumb"
        src={`/media/${thumbnailPath(still)}`}
        alt=""
        width={160}
        height={Math.max(1, Math.round((160 * still.height) / still.width))}
      />
      <div class="still-fields">
        <h3 class="still-heading">
          Still <span class="still-number">{number}</span>
        </h3>
        <div class="field">
          <label for={`alt-${id}`}>Alt text (required before publishing)</label>
          <textarea
            id={`alt-${id}`}
            name={`alt-${id}`}
            rows={2}
            maxlength={1000}
            {...(altMissing
              ? { "aria-invalid": "true" as const, "aria-describedby": `alt-${id}-error` }
              : {})}
          >
            {values.alt}
          </textarea>
          {altMissing ? (
            <p class="field-error" id={`alt-${id}-error`}>
              Describe what the still shows.
            </p>
          ) : null}
        </div>
        <div class="field">
          <label for={`caption-${id}`}>Caption (optional)</label>
          <input
            id={`caption-${id}`}
            name={`caption-${id}`}
            maxlength={500}
            value={values.caption}
          />
        </div>
        <div class="still-actions">
          <button type="submit" name="action" value={`up:${id}`} disabled={number === 1}>
            Move up<span class="visually-hidden"> still {number}</span>
          </button>
          <button
            type="submit"
            name="action"
            value={`down:${id}`}
            disabled={number === props.count}
          >
            Move down<span class="visually-hidden"> still {number}</span>
          </button>
          <button type="submit" name="action" value={`remove:${id}`}>
            Remove<span class="visually-hidden"> still {number}</span>…
          </button>
        </div>
      </div>
    </li>
  );
}

/** Asks before a still is removed; a page of its own, so it needs no JavaScript. */
export function RemoveStillPage(props: {
  reviewId: number;
  still: Still;
  number: number;
  csrf: string;
}) {
  const { still } = props;
  return (
    <section aria-labelledby="remove-title">
      <h1 id="remove-title">Remove still {props.number}?</h1>
      <img
        class="still-thumb"
        src={`/media/${thumbnailPath(still)}`}
        alt={still.alt}
        width={320}
        height={Math.max(1, Math.round((320 * still.height) / still.width))}
      />
      <p>Its files are deleted and it leaves the review at once. This cannot be undone.</p>
      <ConfirmForm
        action={`/admin/reviews/${props.reviewId}/stills/${still.id}/remove`}
        button="Remove the still"
        cancelHref={`/admin/reviews/${props.reviewId}/stills#still-${still.id}`}
        cancelText="Keep it"
        csrf={props.csrf}
      />
    </section>
  );
}
