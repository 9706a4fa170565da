// The series admin: every series with its progress and a form to start one; one series' queue
// with Move up / Move down forms (plain posts, no script needed), adding films and removing
// them. series-queue.js adds drag and drop, by mouse and by keyboard, on top.
import type { Series } from "../../../db/schema.ts";
import type { FilmChoice } from "../../../domain/admin-overview.ts";
import type { QueueItem } from "../../../domain/series-editing.ts";
import { filmLabel } from "../../views/names.tsx";
import type { NewFilmErrors, NewFilmValues, SeriesErrors, SeriesValues } from "../series-form.ts";
import { ConfirmForm, CsrfField, InputField, TextAreaField, SubmitRow } from "./form-fields.tsx";
import { FieldErrorCount, FormError, Notice } from "./form-messages.tsx";

/** A series' description, in the form that starts one and the one that edits it. */
function DescriptionField(props: { value: string; error?: string | undefined }) {
  return (
    <TextAreaField
      id="description"
      label="Description"
      error={props.error}
      rows={4}
      class="short-text"
      value={props.value}
    />
  );
}

function Progress(props: { title: string; reviewed: number; total: number }) {
  const { reviewed, total } = props;
  return (
    <span class="series-progress">
      <progress
        max={String(Math.max(total, 1))}
        value={String(reviewed)}
        aria-label={`${props.title}: ${reviewed} of ${total} reviewed`}
      />{" "}
      <span>
        {reviewed} of {total} reviewed
      </span>
    </span>
  );
}

interface SeriesRow extends Series {
  reviewed: number;
  total: number;
}

export function SeriesListPage(props: {
  series: SeriesRow[];
  values: SeriesValues;
  errors: SeriesErrors;
  notice?: string | undefined;
  formError?: string | undefined;
  csrf: string;
}) {
  const v = props.values;
  return (
    <section aria-labelledby="series-list-title">
      <h1 id="series-list-title">Series</h1>
      <Notice text={props.notice} />
      <FormError error={props.formError} />
      {props.series.length === 0 ? (
        <p>No series yet. Start one below.</p>
      ) : (
        <table class="admin-table series-table">
          <thead>
            <tr>
              <th scope="col">Series</th>
              <th scope="col">Progress</th>
              <th scope="col">On the site</th>
            </tr>
          </thead>
          <tbody>
            {props.series.map((s) => (
              <tr>
                <td>
                  <a href={`/admin/series/${s.id}`}>{s.title}</a>
                </td>
                <td>
                  <Progress title={s.title} reviewed={s.reviewed} total={s.total} />
                </td>
                <td>
                  <a href={`/series/${s.slug}`}>
                    /series/{s.slug}
                    <span class="visually-hidden"> (public page of {s.title})</span>
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h2 id="new-series">New series</h2>
      <FieldErrorCount errors={props.errors} />
      <form method="post" action="/admin/series" class="admin-form" aria-labelledby="new-series">
        <CsrfField token={props.csrf} />
        <InputField id="title" label="Title" error={props.errors.title} value={v.title} required />
        <InputField
          id="slug"
          label="Address"
          hint="The last part of its address, as in /series/every-vegas-film. Leave it empty to make it from the title."
          error={props.errors.slug}
          value={v.slug}
        />
        <DescriptionField value={v.description} error={props.errors.description} />
        <SubmitRow label="Create the series" />
      </form>
    </section>
  );
}

interface FilmResult extends FilmChoice {
  /** Its number in this series' queue, when it is already in it. */
  inQueue?: number;
}

interface SeriesQueueProps {
  series: Series;
  items: QueueItem[];
  reviewed: number;
  total: number;
  details: { values: SeriesValues; errors: SeriesErrors };
  search: string;
  results?: FilmResult[];
  addError?: string | undefined;
  newFilm: { values: NewFilmValues; errors: NewFilmErrors };
  notice?: string | undefined;
  formError?: string | undefined;
  script: string;
  csrf: string;
}

export function SeriesQueuePage(props: SeriesQueueProps) {
  const { series, items } = props;
  const base = `/admin/series/${series.id}`;
  return (
    <section aria-labelledby="series-title" class="series-editor">
      <p>
        <a href="/admin/series">All series</a>
      </p>
      <h1 id="series-title">{series.title}</h1>
      <p>
        <Progress title={series.title} reviewed={props.reviewed} total={props.total} />
      </p>
      <p>
        On the site: <a href={`/series/${series.slug}`}>/series/{series.slug}</a>
      </p>
      <Notice text={props.notice} />
      <FormError error={props.formError} />

      <h2 id="queue-title">Queue</h2>
      {items.length === 0 ? (
        <p>The queue is empty. Add films below.</p>
      ) : (
        <>
          <p id="queue-drag-help" class="hint" hidden>
            Drag a film by its handle to move it. With the keyboard, focus a handle, press Space to
            pick the film up, move it with the arrow keys and press Space again to put it down
            (Escape puts it back).
          </p>
          <ol
            id="queue"
            class="series-queue"
            aria-labelledby="queue-title"
            data-order-url={`${base}/order`}
            data-seen={items.map((i) => i.entryId).join(",")}
          >
            {items.map((item, index) => (
              <QueueRow
                item={item}
                first={index === 0}
                last={index === items.length - 1}
                base={base}
                csrf={props.csrf}
              />
            ))}
          </ol>
        </>
      )}
      <p id="queue-announcer" class="queue-announcer" role="status"></p>

      <AddFilm {...props} base={base} />

      <h2 id="details-title">Title and description</h2>
      <form method="post" action={base} class="admin-form" aria-labelledby="details-title">
        <CsrfField token={props.csrf} />
        <InputField
          id="title"
          label="Title"
          error={props.details.errors.title}
          value={props.details.values.title}
          required
        />
        <DescriptionField
          value={props.details.values.description}
          error={props.details.errors.description}
        />
        <SubmitRow label="Save title and description" plain />
      </form>
      <script src={props.script} defer></script>
    </section>
  );
}

function QueueRow(props: {
  item: QueueItem;
  first: boolean;
  last: boolean;
  base: string;
  csrf: string;
}) {
  const { item } = props;
  const label = filmLabel(item.film);
  const entry = `${props.base}/entries/${item.entryId}`;
  return (
    <li
      id={`entry-${item.entryId}`}
      class="queue-entry"
      data-entry-id={String(item.entryId)}
      data-label={label}
    >
      <span class="queue-film">{label}</span>
      <span class="queue-status">
        <QueueStatus item={item} label={label} />
      </span>
      <div class="queue-actions">
        <MoveForm direction="up" {...props} label={label} disabled={props.first} />
        <MoveForm direction="down" {...props} label={label} disabled={props.last} />
        <a href={`${entry}/remove`}>
          Remove<span class="visually-hidden"> {label}</span>
        </a>
      </div>
    </li>
  );
}

function MoveForm(props: {
  direction: "up" | "down";
  item: QueueItem;
  label: string;
  disabled: boolean;
  base: string;
  csrf: string;
}) {
  const { direction, item } = props;
  return (
    <form method="post" action={`${props.base}/entries/${item.entryId}/${direction}`}>
      <CsrfField token={props.csrf} />
      {/* A move redirects to #move-up-ID (or down): the browser focuses the button again. */}
      <button
        type="submit"
        id={`move-${direction}-${item.entryId}`}
        class={`move-${direction}`}
        disabled={props.disabled}
      >
        Move {direction}
        <span class="visually-hidden"> {props.label}</span>
      </button>
    </form>
  );
}

const pendingText = { draft: "Review in draft", scheduled: "Review scheduled" } as const;

function QueueStatus(props: { item: QueueItem; label: string }) {
  const { item, label } = props;
  if (item.reviewSlug) {
    return (
      <>
        Reviewed:{" "}
        <a href={`/review/${item.reviewSlug}`}>
          read it<span class="visually-hidden"> ({label})</span>
        </a>
      </>
    );
  }
  const pending = item.pendingReview;
  if (pending && pending.status !== "published") {
    return (
      <>
        {pendingText[pending.status]}:{" "}
        <a href={`/admin/reviews/${pending.id}/edit`}>
          edit it<span class="visually-hidden"> ({label})</span>
        </a>
      </>
    );
  }
  return <>Not reviewed yet</>;
}

function AddFilm(props: SeriesQueueProps & { base: string }) {
  const { results, search } = props;
  const nf = props.newFilm;
  return (
    <>
      <h2 id="add-film">Add a film</h2>
      <form method="get" action={`${props.base}#add-film`} role="search" class="field-inline">
        <label for="film-search">Find a film on record</label>
        <input id="film-search" name="film" type="search" value={search} />
        <button type="submit">Find</button>
      </form>
      <FormError error={props.addError} />
      {results ? (
        results.length === 0 ? (
          <p>No film on record matches “{search}”. Add it as a new film below.</p>
        ) : (
          <form method="post" action={`${props.base}/entries`} aria-label="Films found">
            <CsrfField token={props.csrf} />
            <input type="hidden" name="film" value={search} />
            <ul class="film-results">
              {results.map((film) => (
                <li>
                  <span>{filmLabel(film)}</span>{" "}
                  {film.inQueue ? (
                    <span class="hint">already in the queue, number {film.inQueue}</span>
                  ) : (
                    <button type="submit" name="filmId" value={String(film.id)}>
                      Add<span class="visually-hidden"> {filmLabel(film)}</span>
                    </button>
                  )}
                </li>
              ))}
            </ul>
          </form>
        )
      ) : null}

      <form method="post" action={`${props.base}/entries`} class="admin-form">
        <CsrfField token={props.csrf} />
        <fieldset>
          <legend>Or add a film that is not on record yet</legend>
          <InputField
            id="filmTitle"
            label="Title"
            error={nf.errors.filmTitle}
            value={nf.values.filmTitle}
          />
          <InputField
            id="filmYear"
            label="Year"
            error={nf.errors.filmYear}
            inputmode="numeric"
            value={nf.values.filmYear}
          />
          <InputField
            id="filmDirectors"
            label="Directors"
            hint="Separate names with commas."
            error={nf.errors.filmDirectors}
            value={nf.values.filmDirectors}
          />
          <SubmitRow label="Add the new film" plain />
        </fieldset>
      </form>
    </>
  );
}

export function RemoveEntryPage(props: {
  series: Series;
  item: QueueItem;
  number: number;
  csrf: string;
}) {
  const label = filmLabel(props.item.film);
  const base = `/admin/series/${props.series.id}`;
  return (
    <section aria-labelledby="remove-title">
      <h1 id="remove-title">Remove {label} from the queue?</h1>
      <p>
        It is number {props.number} in <strong>{props.series.title}</strong>.{" "}
        {props.item.reviewId != null || props.item.reviewSlug
          ? "Its review is kept; only its place in the series goes."
          : "The film stays on record and can be added again."}
      </p>
      <ConfirmForm
        action={`${base}/entries/${props.item.entryId}/remove`}
        button="Remove from the queue"
        cancelHref={`${base}#entry-${props.item.entryId}`}
        csrf={props.csrf}
      />
    </section>
  );
}
