// Sign-ins under way: what the callback needs to check the provider's answer (state, PKCE
// verifier, nonce) and what the reader had typed, so the comment survives the trip. Short
// lived and single use: the callback takes the row, whatever the outcome.
import { z } from "zod";
import type { Db } from "../../db/connect.ts";
import { toIso } from "../time.ts";

const pendingSignInLifetimeMs = 15 * 60 * 1000;

/** The comment form as the reader left it. */
export const draftShape = z.object({
  comment: z.string().max(20_000).catch(""),
  name: z.string().max(100).catch(""),
  email: z.string().max(254).catch(""),
  url: z.string().max(200).catch(""),
  save: z.boolean().catch(false),
  notifyReplies: z.boolean().catch(false),
  notifyPosts: z.boolean().catch(false),
  parentId: z.number().int().positive().optional().catch(undefined),
});
export type Draft = z.infer<typeof draftShape>;

export interface PendingSignIn {
  state: string;
  provider: string;
  codeVerifier: string;
  nonce: string;
  returnPath: string;
  draft: Draft;
}

export async function savePendingSignIn(
  db: Db,
  pending: PendingSignIn,
  now = Date.now(),
): Promise<void> {
  await db.kysely
    .insertInto("pending_sign_ins")
    .values({
      state: pending.state,
      provider: pending.provider,
      code_verifier: pending.codeVerifier,
      nonce: pending.nonce,
      return_path: pending.returnPath,
      draft: JSON.stringify(pending.draft),
      created_at: toIso(now),
      expires_at: toIso(now + pendingSignInLifetimeMs),
    })
    .execute();
  // Abandoned sign-ins (the reader closed the provider's tab) are swept as new ones begin.
  await db.kysely.deleteFrom("pending_sign_ins").where("expires_at", "<", toIso(now)).execute();
}

/**
 * The sign-in named by `state`, removed so it can answer only once; undefined when unknown
 * or expired.
 */
export async function takePendingSignIn(
  db: Db,
  state: string,
  now = Date.now(),
): Promise<PendingSignIn | undefined> {
  const row = await db.kysely
    .deleteFrom("pending_sign_ins")
    .where("state", "=", state)
    .returningAll()
    .executeTakeFirst();
  if (!row || row.expires_at < toIso(now)) return undefined;
  return {
    state: row.state,
    provider: row.provider,
    codeVerifier: row.code_verifier,
    nonce: row.nonce,
    returnPath: row.return_path,
    draft: parseDraft(row.draft),
  };
}

function parseDraft(json: string): Draft {
  try {
    return draftShape.parse(JSON.parse(json));
  } catch {
    return draftShape.parse({});
  }
}
