// Which autosaves the editor offers back, with Restore and Discard: this review's, when it
// differs from what is stored, or, on "Write a review", the reviews this person started and
// never saved (the one already in the form excepted).
import type { Db } from "../../db/connect.ts";
import { findAutosave, unsavedDrafts, type Autosave } from "../../domain/review-autosave.ts";
import { valuesFromAutosave, type EditorValues } from "./review-form.ts";
import type { AutosaveOffer } from "./views/review-editor-parts.tsx";

export async function autosaveOffers(
  db: Db,
  page: {
    userId: number;
    reviewId?: number;
    /** The draft key of the new review in the form. */
    draftKey?: string;
    /** The review's stored values, when the form shows them untouched; else nothing is offered. */
    stored?: EditorValues;
  },
): Promise<AutosaveOffer[]> {
  if (page.reviewId !== undefined) {
    if (!page.stored) return [];
    const autosave = await findAutosave(db, { userId: page.userId, reviewId: page.reviewId });
    if (!autosave) return [];
    const values = valuesFromAutosave(autosave.fields);
    if (JSON.stringify(values) === JSON.stringify(page.stored)) return [];
    return [
      {
        savedAt: autosave.savedAt,
        summary: summaryOf(values),
        restoreHref: `/admin/reviews/${page.reviewId}/edit?autosave=restore`,
        discard: { reviewId: String(page.reviewId) },
      },
    ];
  }
  const drafts = await unsavedDrafts(db, page.userId);
  return drafts.flatMap((d) =>
    d.draftKey && d.draftKey !== page.draftKey && hasContent(d)
      ? [
          {
            savedAt: d.savedAt,
            summary: summaryOf(valuesFromAutosave(d.fields)),
            restoreHref: `/admin/reviews/new?draft=${encodeURIComponent(d.draftKey)}`,
            discard: { draftKey: d.draftKey },
          },
        ]
      : [],
  );
}

function hasContent(a: Autosave): boolean {
  return Object.entries(a.fields).some(
    ([k, v]) => k !== "seriesPlacement" && v !== "" && v !== false,
  );
}

/** The new film's title and the first words, so the writer knows which text this is. */
function summaryOf(values: EditorValues): string {
  const words = values.body.replace(/\s+/g, " ").trim();
  const start = words.length > 80 ? `${words.slice(0, 80)}…` : words;
  const film = values.newFilmTitle.trim();
  return [film, start ? `“${start}”` : ""].filter(Boolean).join(": ") || "(no text yet)";
}
