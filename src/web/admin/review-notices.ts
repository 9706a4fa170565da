// What the review editor tells the writer after a save, and when a new film looks like one
// already on record: words kept apart from the routes that decide when to say them.
import type { FilmMatch } from "../../domain/film-matches.ts";
import type {
  EditorStartNotice,
  NewReviewStartNotice,
  SavedAs,
} from "../../domain/review-editor-start.ts";
import { shortTime } from "./views/overview-pages.tsx";

/** The notice on the editor a save redirected to (`?saved=`), by what the save did. */
const savedNotices: Record<SavedAs, string> = {
  draft: "Saved as a draft.",
  schedule: "Scheduled. It goes public on its own at the time given.",
  publish: "Published.",
};

export function sameFilmMessage(matches: FilmMatch[]): string {
  const named = matches.length === 1 ? "A film" : `${matches.length} films`;
  return `${named} with this title and year ${matches.length === 1 ? "is" : "are"} already on record: choose it below to review it, or tick “This is a different film” to add a second one. Nothing was saved.`;
}

/** The notice above the editor, for what it opened with (review-editor-start.ts). */
export function editorStartNoticeText(notice: EditorStartNotice | NewReviewStartNotice): string {
  switch (notice.kind) {
    case "saved":
      return savedNotices[notice.as];
    case "revision":
      return `The text from ${shortTime(notice.createdAt)} UTC is in the form below. Save to restore it.`;
    case "autosave-restored":
      return `Your unsaved changes from ${shortTime(notice.savedAt)} UTC are back in the form. Save to keep them.`;
    case "autosave-discarded":
      return "The unsaved changes were discarded.";
    case "draft-restored":
      return `Your unsaved review from ${shortTime(notice.savedAt)} UTC is back in the form. Save it to keep it.`;
    case "draft-discarded":
      return "The unsaved review was discarded.";
  }
}
