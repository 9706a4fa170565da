// Stills: images from the film shown on its review, in the reviewer's order.
import type { Db } from "../db/connect.ts";
import type { Still } from "../db/schema.ts";
import { largestJpeg, type ProcessedStill, type StillVariant } from "../media/still-variants.ts";
import { recordChange, reviewChangeTags } from "./changes.ts";
import { ReviewInputError } from "./reviews.ts";

interface StillInput {
  reviewId: number;
  path: string;
  width: number;
  height: number;
  alt: string;
  caption?: string | null;
  variants?: StillVariant[];
  thumbhash?: string | null;
}

/** The row of a still whose files the pipeline has just written (src/media/still-variants.ts). */
export function stillOf(
  reviewId: number,
  processed: ProcessedStill,
  words: { alt: string; caption?: string | null },
): StillInput {
  return {
    reviewId,
    path: largestJpeg(processed.variants),
    width: processed.width,
    height: processed.height,
    variants: processed.variants,
    thumbhash: processed.thumbhash,
    alt: words.alt,
    caption: words.caption ?? null,
  };
}

export async function addStill(db: Db, input: StillInput): Promise<Still> {
  const last = await db.kysely
    .selectFrom("stills")
    .select((eb) => eb.fn.max("position").as("max"))
    .where("review_id", "=", input.reviewId)
    .executeTakeFirst();
  const still = await db.kysely
    .insertInto("stills")
    .values({
      review_id: input.reviewId,
      path: input.path,
      width: input.width,
      height: input.height,
      alt: input.alt,
      caption: input.caption ?? null,
      variants: JSON.stringify(input.variants ?? []),
      thumbhash: input.thumbhash ?? null,
      position: last?.max == null ? 0 : Number(last.max) + 1,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordChange(db, await reviewChangeTags(db, input.reviewId));
  return still;
}

export async function stillsOfReview(db: Db, reviewId: number): Promise<Still[]> {
  return db.kysely
    .selectFrom("stills")
    .selectAll()
    .where("review_id", "=", reviewId)
    .orderBy("position")
    .orderBy("id")
    .execute();
}

/** The responsive files of a still; an unreadable list means "just the original". */
export function variantsOf(still: Pick<Still, "variants">): StillVariant[] {
  try {
    const parsed: unknown = JSON.parse(still.variants);
    return Array.isArray(parsed) ? (parsed as StillVariant[]) : [];
  } catch {
    return [];
  }
}

export interface StillDetails {
  id: number;
  alt: string;
  caption: string;
}

/**
 * Saves what the stills page sent: alt text and captions of the stills it listed, and their
 * order (`order`: still ids, first to last). Ids of other reviews' stills are ignored;
 * stills the page did not list keep their place after the listed ones.
 */
export async function saveStillDetails(
  db: Db,
  reviewId: number,
  details: StillDetails[],
  order: number[],
): Promise<void> {
  const stills = await stillsOfReview(db, reviewId);
  const byId = new Map(stills.map((s) => [s.id, s]));
  const ordered = [...new Set(order.filter((id) => byId.has(id)))];
  for (const still of stills) if (!ordered.includes(still.id)) ordered.push(still.id);
  const wanted = new Map(details.filter((d) => byId.has(d.id)).map((d) => [d.id, d]));
  let changed = false;
  for (const [position, id] of ordered.entries()) {
    const still = byId.get(id)!;
    const detail = wanted.get(id);
    const alt = detail ? detail.alt.trim() : still.alt;
    const caption = detail ? detail.caption.trim() || null : still.caption;
    if (still.position === position && still.alt === alt && still.caption === caption) continue;
    await db.kysely
      .updateTable("stills")
      .set({ position, alt, caption })
      .where("id", "=", id)
      .execute();
    changed = true;
  }
  if (changed) await recordChange(db, await reviewChangeTags(db, reviewId));
}

/** The order of a review's stills with one moved a place up or down (unchanged at an end). */
export function orderAfterMove(ids: number[], stillId: number, direction: "up" | "down"): number[] {
  const order = [...ids];
  const at = order.indexOf(stillId);
  const to = direction === "up" ? at - 1 : at + 1;
  if (at < 0 || to < 0 || to >= order.length) return order;
  [order[at], order[to]] = [order[to]!, order[at]!];
  return order;
}

async function stillOfReview(
  db: Db,
  reviewId: number,
  stillId: number,
): Promise<Still | undefined> {
  return db.kysely
    .selectFrom("stills")
    .selectAll()
    .where("review_id", "=", reviewId)
    .where("id", "=", stillId)
    .executeTakeFirst();
}

/** Deletes a still's row; the caller deletes its files once this has succeeded. */
export async function removeStill(
  db: Db,
  reviewId: number,
  stillId: number,
): Promise<Still | undefined> {
  const still = await stillOfReview(db, reviewId, stillId);
  if (!still) return undefined;
  await db.kysely.deleteFrom("stills").where("id", "=", stillId).execute();
  await recordChange(db, await reviewChangeTags(db, reviewId));
  return still;
}

/** Stills without alt text, with their place in the review (1 = the lead still). */
async function stillsMissingAlt(
  db: Db,
  reviewId: number,
): Promise<{ id: number; number: number }[]> {
  const stills = await stillsOfReview(db, reviewId);
  return stills
    .map((s, index) => ({ id: s.id, number: index + 1, alt: s.alt }))
    .filter((s) => s.alt.trim() === "")
    .map(({ id, number }) => ({ id, number }));
}

/**
 * Alt text is what a reader who cannot see a still gets instead: a review whose stills lack
 * it is not published or scheduled. Throws a ReviewInputError naming the stills.
 */
export async function assertStillsDescribed(db: Db, reviewId: number): Promise<void> {
  const missing = await stillsMissingAlt(db, reviewId);
  if (missing.length === 0) return;
  const names = missing.map((s) => `still ${s.number}`);
  const list =
    names.length === 1 ? names[0]! : `${names.slice(0, -1).join(", ")} and ${names.at(-1)!}`;
  throw new ReviewInputError(
    `Describe every still before publishing or scheduling: ${list} ${missing.length === 1 ? "has" : "have"} no alt text. ` +
      "Add it on the review's Stills page. Nothing was saved.",
  );
}
