// What the review editor tells the writer after a save, and when a new film looks like one
// already on record: words kept apart from the routes that decide when to say them.
import type { FilmMatch } from "../../domain/film-matches.ts";

/** The notice on the editor a save redirected to (`?saved=`), by what the save did. */
export const savedNotices: Record<string, string> = {
  draft: "Saved as a draft.",
  schedule: "Scheduled. It goes public on its own at the time given.",
  publish: "Published.",
};

export function sameFilmMessage(matches: FilmMatch[]): string {
  const named = matches.length === 1 ? "A film" : `${matches.length} films`;
  return `${named} with this title and year ${matches.length === 1 ? "is" : "are"} already on record: choose it below to review it, or tick “This is a different film” to add a second one. Nothing was saved.`;
}
