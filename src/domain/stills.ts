// Stills: images from the film shown on its review, in the reviewer's order.
import type { Db } from "../db/connect.ts";
import type { Still } from "../db/schema.ts";
import type { StillVariant } from "../media/still-variants.ts";
import { recordChange, reviewChangeTags } from "./changes.ts";

export interface StillInput {
  reviewId: number;
  path: string;
  width: number;
  height: number;
  alt: string;
  caption?: string | null;
  variants?: StillVariant[];
  thumbhash?: string | null;
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
