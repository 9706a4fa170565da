// Stills: images from the film shown on its review, in the reviewer's order.
import type { Db } from "../db/connect.ts";
import type { Still } from "../db/schema.ts";

export interface StillInput {
  reviewId: number;
  path: string;
  width: number;
  height: number;
  alt: string;
  caption?: string | null;
}

export async function addStill(db: Db, input: StillInput): Promise<Still> {
  const last = await db.kysely
    .selectFrom("stills")
    .select((eb) => eb.fn.max("position").as("max"))
    .where("review_id", "=", input.reviewId)
    .executeTakeFirst();
  return db.kysely
    .insertInto("stills")
    .values({
      review_id: input.reviewId,
      path: input.path,
      width: input.width,
      height: input.height,
      alt: input.alt,
      caption: input.caption ?? null,
      position: last?.max == null ? 0 : Number(last.max) + 1,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
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
