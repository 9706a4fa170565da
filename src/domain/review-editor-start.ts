// What the review editor opens with for a review already written: the text as stored, a
// revision the writer chose to restore, or their autosaved changes brought back; whether the
// form then shows exactly what is stored (pristine), and which notice goes above it. The
// admin's handler parses the query, checks the role, calls this and renders; the precedence
// (an autosave restored beats a revision, a discarded autosave's notice beats a save's) is
// decided here and tested without HTTP (both databases). The notices' words stay in web/.
import type { Db } from "../db/connect.ts";
import type { Review } from "../db/schema.ts";
import { draftKeyPattern, findAutosave, type Autosave } from "./review-autosave.ts";
import { reviewRevisions } from "./review-editing.ts";

/** What a save redirected with (`?saved=`): the button the writer pressed. */
const savedAsValues = ["draft", "schedule", "publish"] as const;
export type SavedAs = (typeof savedAsValues)[number];

export type EditorStartNotice =
  | { kind: "saved"; as: SavedAs }
  /** A revision's text is in the form, not yet saved. */
  | { kind: "revision"; createdAt: string }
  | { kind: "autosave-restored"; savedAt: string }
  | { kind: "autosave-discarded" };

/** Where the form's fields come from. */
type EditorStartText =
  | { from: "stored" }
  /** The stored review with this body instead of its own. */
  | { from: "revision"; body: string }
  /** Every field as the writer last typed it. */
  | { from: "autosave"; fields: Autosave["fields"] };

interface EditorStartingPoint {
  text: EditorStartText;
  /** True when the form shows exactly what is stored: nothing typed waits to be saved. */
  pristine: boolean;
  notice: EditorStartNotice | undefined;
  /** The page right after a save, showing what was saved. */
  justSaved: boolean;
  /** A new review's draft key whose copy on the device can go: that review was just saved. */
  savedDraftKey: string | undefined;
}

/**
 * The editor's starting point for `review`, opened by `userId` with the page's query
 * (`revision`: a revision's id to restore; `autosave`: "restore" or "discarded"; `saved`: what a
 * save did; `draft`: the draft key a new review was saved from). Undefined when the revision
 * named is not one of this review's.
 */
export async function editorStartingPoint(
  db: Db,
  review: Pick<Review, "id">,
  userId: number,
  query: { revision?: string; autosave?: string; saved?: string; draft?: string },
): Promise<EditorStartingPoint | undefined> {
  const savedAs = savedAsValues.find((value) => value === query.saved);
  let notice: EditorStartNotice | undefined = savedAs ? { kind: "saved", as: savedAs } : undefined;
  let text: EditorStartText = { from: "stored" };
  // Restoring a revision only fills the form: the author reads it, then saves (and the
  // body it replaces becomes a revision in turn), so a restore can itself be undone.
  const revisionId = Number(query.revision);
  if (revisionId) {
    const revision = (await reviewRevisions(db, review.id)).find((r) => r.id === revisionId);
    if (!revision) return undefined;
    text = { from: "revision", body: revision.body_md };
    notice = { kind: "revision", createdAt: revision.created_at };
  }
  if (query.autosave === "restore") {
    const autosave = await findAutosave(db, { userId, reviewId: review.id });
    if (autosave) {
      text = { from: "autosave", fields: autosave.fields };
      notice = { kind: "autosave-restored", savedAt: autosave.savedAt };
    }
  } else if (query.autosave === "discarded") {
    notice = { kind: "autosave-discarded" };
  }
  const pristine = text.from === "stored";
  const draft = query.draft ?? "";
  return {
    text,
    pristine,
    notice,
    justSaved: pristine && savedAs !== undefined,
    savedDraftKey: draftKeyPattern.test(draft) ? draft : undefined,
  };
}
