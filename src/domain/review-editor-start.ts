// What the review editor opens with. For a review already written: the text as stored, a
// revision the writer chose to restore, or their autosaved changes brought back; whether the
// form then shows exactly what is stored (pristine), and which notice goes above it. For a new
// review ("Write a review"): an empty form under a fresh draft key, or the unsaved review the
// writer chose to bring back under its own key. The admin's handlers parse the query, check
// the role, call this and render; the precedence (an autosave restored beats a revision, a
// discarded autosave's notice beats a save's; only the writer's own draft comes back) is
// decided here and tested without HTTP (both databases). The notices' words stay in web/.
import type { Db } from "../db/connect.ts";
import type { Review } from "../db/schema.ts";
import { draftKeyPattern, findAutosave, newDraftKey, type Autosave } from "./review-autosave.ts";
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

export type NewReviewStartNotice =
  /** An unsaved review's fields are back in the form, not yet saved. */
  { kind: "draft-restored"; savedAt: string } | { kind: "draft-discarded" };

interface NewReviewStartingPoint {
  /** The fields as the writer last typed them, or undefined: the form starts empty. */
  autosaved: Autosave["fields"] | undefined;
  /** The key the page autosaves under: the restored draft's own, else a new one. */
  draftKey: string;
  /** True for an empty form: nothing typed waits to be saved. */
  pristine: boolean;
  notice: NewReviewStartNotice | undefined;
}

/**
 * The "Write a review" page's starting point for `userId`, with the page's query (`draft`: the
 * key of an unsaved review to bring back; `autosave`: "discarded" after a Discard). A key that
 * is malformed, unknown or another person's starts an empty form under a new key.
 */
export async function newReviewStartingPoint(
  db: Db,
  userId: number,
  query: { draft?: string; autosave?: string },
): Promise<NewReviewStartingPoint> {
  const wanted = query.draft ?? "";
  const autosave = draftKeyPattern.test(wanted)
    ? await findAutosave(db, { userId, draftKey: wanted })
    : undefined;
  if (autosave) {
    return {
      autosaved: autosave.fields,
      draftKey: wanted,
      pristine: false,
      notice: { kind: "draft-restored", savedAt: autosave.savedAt },
    };
  }
  return {
    autosaved: undefined,
    draftKey: newDraftKey(),
    pristine: true,
    notice: query.autosave === "discarded" ? { kind: "draft-discarded" } : undefined,
  };
}
