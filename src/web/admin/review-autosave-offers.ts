// The autosaves the editor offers back, with Restore and Discard, as the page shows them: a
// summary, where Restore goes and what Discard posts. Which autosaves to offer is the domain's
// (src/domain/review-editor-read.ts); a review's own is left out here when its fields, as the
// form would show them, equal what is stored (nothing to bring back).
import type { Autosave } from "../../domain/review-autosave.ts";
import { valuesFromAutosave, type EditorValues } from "./review-form.ts";
import type { AutosaveOffer } from "./views/review-editor-parts.tsx";

export function autosaveOffers(
  autosaves: Autosave[],
  page: {
    reviewId?: number;
    /** The review's stored values, to compare its autosave with. */
    stored?: EditorValues;
  },
): AutosaveOffer[] {
  if (page.reviewId !== undefined) {
    const { reviewId } = page;
    return autosaves.flatMap((autosave) => {
      const values = valuesFromAutosave(autosave.fields);
      if (JSON.stringify(values) === JSON.stringify(page.stored)) return [];
      return [
        {
          savedAt: autosave.savedAt,
          summary: summaryOf(values),
          restoreHref: `/admin/reviews/${reviewId}/edit?autosave=restore`,
          discard: { reviewId: String(reviewId) },
        },
      ];
    });
  }
  return autosaves.flatMap((d) =>
    d.draftKey
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

/** The new film's title and the first words, so the writer knows which text this is. */
function summaryOf(values: EditorValues): string {
  const words = values.body.replace(/\s+/g, " ").trim();
  const start = words.length > 80 ? `${words.slice(0, 80)}…` : words;
  const film = values.newFilmTitle.trim();
  return [film, start ? `“${start}”` : ""].filter(Boolean).join(": ") || "(no text yet)";
}
