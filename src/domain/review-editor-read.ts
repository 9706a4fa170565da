// Everything the review editor shows around the form's values, read in one call: the films to
// choose from, the review's revisions and own Up Next list, the series the film is queued in,
// and the autosaves to offer back. The admin's handler decides the values and the notice, checks
// the role and renders what this returns; which autosaves are worth offering (only on a form
// that shows what is stored; a new review's drafts with something typed, the one in the form
// excepted) is decided here and tested without HTTP (both databases).
import type { Db } from "../db/connect.ts";
import type { Review } from "../db/schema.ts";
import type { FilmChoice } from "./admin-overview.ts";
import { findAutosave, unsavedDrafts, type Autosave } from "./review-autosave.ts";
import { reviewForEditing, revisionHistory, type RevisionItem } from "./review-editing.ts";
import { editorFilmChoices, isPublicAt } from "./review-editor-save.ts";
import {
  seriesChoices,
  seriesEntriesOfFilm,
  type FilmSeriesEntry,
  type SeriesChoice,
} from "./review-series.ts";
import { ownUpNext, type UpNextFilm } from "./review-up-next.ts";
import { nowIso } from "./time.ts";

interface ReviewEditorReads {
  films: FilmChoice[];
  /** The review as stored is public now, so the editor links to its page. */
  isPublic: boolean;
  /** The stored review's tags (an autosave is compared with the review as stored). */
  storedTags: string[];
  revisions: RevisionItem[];
  /**
   * Autosaves to offer back: this review's, if the form shows it as stored, or a new review's
   * other unsaved drafts with something typed in them, newest first.
   */
  autosaves: Autosave[];
  seriesChoices: SeriesChoice[];
  /** The series entries of the film the review is (or would be) of. */
  seriesOfFilm: FilmSeriesEntry[];
  ownUpNext: UpNextFilm[];
}

/**
 * What the editor of `page.existing` (or of a new review) shows for `page.userId`, the film
 * search and film id as the form holds them (a typed id that is not a number chooses none).
 */
export async function reviewEditorReads(
  db: Db,
  page: {
    userId: number;
    existing?: Review | undefined;
    filmSearch: string;
    typedFilmId: string;
    /** The new review's draft key in the form: its own autosave is not offered back. */
    draftKey?: string | undefined;
    /** The form shows exactly what is stored; else no autosave of the review is offered. */
    pristine: boolean;
  },
  now = nowIso(),
): Promise<ReviewEditorReads> {
  const { existing } = page;
  const films = await editorFilmChoices(db, page.filmSearch, Number(page.typedFilmId));
  const filmId =
    existing?.film_id ?? (/^\d+$/.test(page.typedFilmId) ? Number(page.typedFilmId) : 0);
  return {
    films,
    isPublic: existing ? isPublicAt(existing, now) : false,
    storedTags: existing ? ((await reviewForEditing(db, existing.id))?.tags ?? []) : [],
    revisions: existing ? await revisionHistory(db, existing) : [],
    autosaves: await autosavesToOffer(db, page),
    seriesChoices: await seriesChoices(db),
    seriesOfFilm: filmId ? await seriesEntriesOfFilm(db, filmId) : [],
    ownUpNext: existing ? await ownUpNext(db, existing, now) : [],
  };
}

async function autosavesToOffer(
  db: Db,
  page: {
    userId: number;
    existing?: Review | undefined;
    draftKey?: string | undefined;
    pristine: boolean;
  },
): Promise<Autosave[]> {
  if (page.existing) {
    if (!page.pristine) return [];
    const autosave = await findAutosave(db, { userId: page.userId, reviewId: page.existing.id });
    return autosave ? [autosave] : [];
  }
  const drafts = await unsavedDrafts(db, page.userId);
  return drafts.filter((d) => d.draftKey && d.draftKey !== page.draftKey && hasContent(d));
}

/** Something was typed: a draft holding only the default series placement is empty. */
function hasContent(a: Autosave): boolean {
  return Object.entries(a.fields).some(
    ([k, v]) => k !== "seriesPlacement" && v !== "" && v !== false,
  );
}
