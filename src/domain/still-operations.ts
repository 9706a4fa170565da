// The steps of the stills page, as the admin's handlers call them: storing one uploaded file as
// a still (its files, then its row; the files go again when the row cannot be written, so no
// picture is left on disk that no still names), saving what the page sent (alt text, captions,
// order and a move, in one transaction), and removing a still with its files. The handlers read
// the request, check the form's token and the role, and render; what is stored and in which
// order is decided here, the same for every caller, and tested without HTTP (both databases).
import type { Db } from "../db/connect.ts";
import type { Still } from "../db/schema.ts";
import { inTransaction } from "../db/transaction.ts";
import { deleteStillFiles, storeUploadedStill } from "../media/still-storage.ts";
import { StillRejected } from "../media/still-variants.ts";
import {
  addStill,
  orderAfterMove,
  removeStill,
  saveStillDetails,
  stillOf,
  stillsOfReview,
  variantsOf,
  type StillDetails,
} from "./stills.ts";

type StoredUpload = { ok: true; still: Still } | { ok: false; message: string };

/**
 * Stores one uploaded file as the review's last still, without alt text yet. A file that is not
 * a usable image (StillRejected) is answered with the reason, written for the person uploading
 * it; any other failure is thrown, with the files already written deleted first.
 */
export async function addUploadedStill(
  db: Db,
  mediaDir: string,
  reviewId: number,
  data: Buffer,
): Promise<StoredUpload> {
  let processed;
  try {
    processed = await storeUploadedStill(data, mediaDir, reviewId);
  } catch (error) {
    if (!(error instanceof StillRejected)) throw error;
    return { ok: false, message: error.message };
  }
  try {
    return { ok: true, still: await addStill(db, stillOf(reviewId, processed, { alt: "" })) };
  } catch (error) {
    await deleteStillFiles(mediaDir, processed.variants);
    throw error;
  }
}

/** What a post of the stills page asks for besides its files. */
export interface StillsPageInput {
  /** Alt text and caption of each still the page listed (other reviews' ids are ignored). */
  details: StillDetails[];
  /** Still ids, first to last, as the page showed (or a script dragged) them. */
  order: number[];
  /** A Move up / Move down button pressed, applied after the order above. */
  move?: { stillId: number; direction: "up" | "down" } | undefined;
}

/** Saves the page's alt text, captions and order, then its move, all or nothing. */
export function saveStillsPage(db: Db, reviewId: number, input: StillsPageInput): Promise<void> {
  return inTransaction(db, async (trx) => {
    await saveStillDetails(trx, reviewId, input.details, input.order);
    if (!input.move) return;
    const ids = (await stillsOfReview(trx, reviewId)).map((s) => s.id);
    const moved = orderAfterMove(ids, input.move.stillId, input.move.direction);
    await saveStillDetails(trx, reviewId, [], moved);
  });
}

/** One still of a review with its number on the page (1 = the lead still). */
export async function numberedStill(
  db: Db,
  reviewId: number,
  stillId: number,
): Promise<{ still: Still; number: number } | undefined> {
  const stills = await stillsOfReview(db, reviewId);
  const index = stills.findIndex((s) => s.id === stillId);
  return index < 0 ? undefined : { still: stills[index]!, number: index + 1 };
}

/**
 * Removes a review's still: its row, then its files (a row never names files that are gone).
 * False when the review has no such still.
 */
export async function removeStillWithFiles(
  db: Db,
  mediaDir: string,
  reviewId: number,
  stillId: number,
): Promise<boolean> {
  const removed = await removeStill(db, reviewId, stillId);
  if (!removed) return false;
  await deleteStillFiles(mediaDir, variantsOf(removed));
  return true;
}
