// Autosaves: what a writer typed in the review editor, kept on the server every few seconds
// until the review is saved for real. They sit beside the review and never change it, so an
// autosave of a published review never reaches a reader.
//
// A review that was never saved has no id yet; its editor page carries a random draft key
// instead (see newDraftKey), and the autosave is kept under it. Creating a draft review on the
// first keystroke would fill the review list with half-started drafts and need a film before
// any was chosen; a key needs neither, and the row goes once the review is saved.
import { randomBytes } from "node:crypto";
import type { ExpressionBuilder } from "kysely";
import { z } from "zod";
import type { Db } from "../db/connect.ts";
import type { Database } from "../db/schema.ts";
import { nowIso } from "./time.ts";

/** Whose autosave, of what: an existing review, or a new one by its draft key. */
export type AutosaveTarget = { userId: number } & (
  { reviewId: number; draftKey?: undefined } | { reviewId?: undefined; draftKey: string }
);

export const draftKeyPattern = /^[A-Za-z0-9_-]{16,64}$/;

export function newDraftKey(): string {
  return randomBytes(16).toString("base64url");
}

/** The fields as typed: every value a string or a flag, nothing interpreted yet. */
const fieldsSchema = z.record(
  z.string().max(64),
  z.union([z.string().max(1_000_000), z.boolean()]),
);
type AutosaveFields = z.infer<typeof fieldsSchema>;

export interface Autosave {
  fields: AutosaveFields;
  savedAt: string;
  draftKey: string | null;
}

function matches(target: AutosaveTarget) {
  return (eb: ExpressionBuilder<Database, "review_autosaves">) =>
    eb.and([
      eb("user_id", "=", target.userId),
      target.reviewId !== undefined
        ? eb("review_id", "=", target.reviewId)
        : eb("draft_key", "=", target.draftKey),
    ]);
}

/** Stores the fields as this person's autosave of the review (or draft); returns the time. */
export async function storeAutosave(
  db: Db,
  target: AutosaveTarget,
  fields: AutosaveFields,
): Promise<string> {
  const savedAt = nowIso();
  const json = JSON.stringify(fieldsSchema.parse(fields));
  const update = async () => {
    const updated = await db.kysely
      .updateTable("review_autosaves")
      .set({ fields: json, saved_at: savedAt })
      .where(matches(target))
      .executeTakeFirst();
    return Number(updated.numUpdatedRows) > 0;
  };
  if (await update()) return savedAt;
  try {
    await db.kysely
      .insertInto("review_autosaves")
      .values({
        user_id: target.userId,
        review_id: target.reviewId ?? null,
        draft_key: target.reviewId === undefined ? target.draftKey : null,
        fields: json,
        saved_at: savedAt,
      })
      .execute();
  } catch (error) {
    // Two tabs saving the same review at once: the other one inserted first (the unique
    // index said so), so this one updates that row instead.
    if (!(await update())) throw error;
  }
  return savedAt;
}

function parseRow(row: { fields: string; saved_at: string; draft_key: string | null }): Autosave {
  let fields: AutosaveFields = {};
  try {
    const parsed = fieldsSchema.safeParse(JSON.parse(row.fields));
    if (parsed.success) fields = parsed.data;
  } catch {
    // A row that no longer parses offers nothing rather than breaking the editor.
  }
  return { fields, savedAt: row.saved_at, draftKey: row.draft_key };
}

export async function findAutosave(db: Db, target: AutosaveTarget): Promise<Autosave | undefined> {
  const row = await db.kysely
    .selectFrom("review_autosaves")
    .select(["fields", "saved_at", "draft_key"])
    .where(matches(target))
    .executeTakeFirst();
  return row ? parseRow(row) : undefined;
}

/** A person's autosaves of reviews never saved, newest first, to offer on "Write a review". */
export async function unsavedDrafts(db: Db, userId: number, limit = 5): Promise<Autosave[]> {
  const rows = await db.kysely
    .selectFrom("review_autosaves")
    .select(["fields", "saved_at", "draft_key"])
    .where("user_id", "=", userId)
    .where("review_id", "is", null)
    .orderBy("saved_at", "desc")
    .orderBy("id", "desc")
    .limit(limit)
    .execute();
  return rows.map(parseRow);
}

/** Drops the autosave once the review is saved for real, or when its writer discards it. */
export async function discardAutosave(db: Db, target: AutosaveTarget): Promise<void> {
  await db.kysely.deleteFrom("review_autosaves").where(matches(target)).execute();
}
