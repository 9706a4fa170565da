// Parts of the review editor with a job of their own: unsaved work kept on the server,
// offered back (Restore is a link, Discard a form, so both work without JavaScript), the
// review's place in a series, and its own Up Next list.
import { filmLabel } from "../../../domain/films.ts";
import type { UpNextFilm } from "../../../domain/review-up-next.ts";
import type { FilmSeriesEntry, SeriesChoice } from "../../../domain/review-series.ts";
import type { EditorErrors, EditorValues } from "../review-form.ts";
import { Checkbox, CsrfField, SelectField } from "./form-fields.tsx";
import { shortTime } from "./overview-pages.tsx";

/** Unsaved text kept on the server, offered back with Restore and Discard. */
export interface AutosaveOffer {
  savedAt: string;
  summary: string;
  restoreHref: string;
  /** The fields the Discard form posts. */
  discard: { reviewId: string } | { draftKey: string };
}

export interface EditorSeries {
  choices: SeriesChoice[];
  /** Where the review's film already is. */
  ofFilm: FilmSeriesEntry[];
  /** May add films to a series' queue (manage_series), not only attach to an entry. */
  mayAppend: boolean;
}

export function AutosaveOffers(props: {
  offers: AutosaveOffer[];
  csrf: string;
  existing: boolean;
}) {
  return (
    <section class="unsaved-offer" aria-labelledby="autosave-offer-title">
      <h2 id="autosave-offer-title">
        {props.existing ? "Unsaved changes on the server" : "Reviews you never saved"}
      </h2>
      <p>
        {props.existing
          ? "The server kept changes to this review that were never saved. Restore them into the form, or discard them."
          : "The server kept these reviews you started. Restore one into the form, or discard it."}
      </p>
      <ul>
        {props.offers.map((offer) => (
          <li>
            <p>
              Kept at {shortTime(offer.savedAt)} UTC: {offer.summary}
            </p>
            <div class="actions">
              <a class="button-link" href={offer.restoreHref}>
                Restore
              </a>
              <form method="post" action="/admin/reviews/autosave/discard">
                <CsrfField token={props.csrf} />
                {"reviewId" in offer.discard ? (
                  <input type="hidden" name="reviewId" value={offer.discard.reviewId} />
                ) : (
                  <input type="hidden" name="draftKey" value={offer.discard.draftKey} />
                )}
                <button type="submit">Discard</button>
              </form>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function SeriesFields(props: {
  series: EditorSeries;
  values: EditorValues;
  errors: EditorErrors;
}) {
  const { series, values: v, errors } = props;
  if (series.choices.length === 0 && series.ofFilm.length === 0) return null;
  return (
    <fieldset>
      <legend>Series</legend>
      {series.ofFilm.length ? (
        <>
          <p>This film is in:</p>
          <ul class="film-series">
            {series.ofFilm.map((e) => (
              <li>
                <a href={`/series/${e.series.slug}`}>{e.series.title}</a>, number {e.place} of{" "}
                {e.total}
                {e.reviewId ? "" : " (no review attached yet)"}
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p class="hint">This film is in no series yet.</p>
      )}
      {series.choices.length ? (
        <>
          <SelectField
            id="seriesId"
            label="Put this review in a series"
            error={errors.seriesId}
            value={v.seriesId}
            placeholder="No change"
            options={series.choices.map((s) => [String(s.id), s.title])}
          />
          <fieldset
            class="choices"
            {...(errors.seriesPlacement ? { "aria-describedby": "seriesPlacement-error" } : {})}
          >
            <legend>Where in the series</legend>
            <div class="field-inline">
              <input
                type="radio"
                id="seriesPlacement-attach"
                name="seriesPlacement"
                value="attach"
                checked={v.seriesPlacement !== "append"}
              />
              <label for="seriesPlacement-attach">On this film's entry in that series</label>
            </div>
            {series.mayAppend ? (
              <div class="field-inline">
                <input
                  type="radio"
                  id="seriesPlacement-append"
                  name="seriesPlacement"
                  value="append"
                  checked={v.seriesPlacement === "append"}
                />
                <label for="seriesPlacement-append">
                  Add the film at the end of the series' queue
                </label>
              </div>
            ) : (
              <p class="hint">An editor can add films to a series' queue.</p>
            )}
            {errors.seriesPlacement ? (
              <p class="field-error" id="seriesPlacement-error">
                {errors.seriesPlacement}
              </p>
            ) : null}
          </fieldset>
        </>
      ) : null}
    </fieldset>
  );
}

/**
 * The list the review's author wrote as its Up Next (an imported "Up Next:" line), which its
 * page shows instead of the series' next films; ticking the box forgets it on saving.
 */
export function UpNextFields(props: { ownUpNext: UpNextFilm[]; followSeries: boolean }) {
  if (props.ownUpNext.length === 0) return null;
  return (
    <fieldset>
      <legend>Up Next</legend>
      <p>This review shows its own Up Next list, as written:</p>
      <ol class="own-up-next">
        {props.ownUpNext.map((item) => (
          <li>
            {item.reviewSlug ? (
              <a href={`/review/${item.reviewSlug}`}>{filmLabel(item.film)}</a>
            ) : (
              <>{filmLabel(item.film)} (not reviewed yet)</>
            )}
          </li>
        ))}
      </ol>
      <Checkbox
        id="followSeries"
        label="Follow the series instead"
        hint="Saving forgets this list: the review then shows the next films of its series."
        checked={props.followSeries}
      />
    </fieldset>
  );
}
