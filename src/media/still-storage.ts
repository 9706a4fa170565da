// Where uploaded stills live on disk: `stills/REVIEW_ID/NAME-WIDTH.(webp|jpg)` below the
// media directory, served as /media/…. Names are random, so a file name sent by a browser
// never reaches the file system and a replaced still never shows an old cached picture.
import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { processStill, type ProcessedStill, type StillVariant } from "./still-variants.ts";

export function storeUploadedStill(
  input: Buffer,
  mediaDir: string,
  reviewId: number,
): Promise<ProcessedStill> {
  return processStill(input, mediaDir, `stills/${reviewId}`, randomBytes(9).toString("base64url"));
}

/** Deletes a still's files; one already gone is not an error. */
export async function deleteStillFiles(mediaDir: string, variants: StillVariant[]): Promise<void> {
  const root = path.resolve(mediaDir);
  for (const variant of variants) {
    const file = path.resolve(root, variant.path);
    // Paths come from our own database, but a file outside the media directory is never touched.
    if (!file.startsWith(root + path.sep)) continue;
    await fs.rm(file, { force: true });
  }
}
