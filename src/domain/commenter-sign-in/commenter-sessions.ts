// A signed-in reader's session: the cookie holds a random token, the table only its hash.
// It names a commenter identity and nothing else, so it can never stand for an admin user.
// It also carries the comment typed before signing in, until it is posted.
import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import type { Db } from "../../db/connect.ts";
import { toIso } from "../time.ts";
import type { CommenterIdentity } from "./identities.ts";
import { draftShape, type Draft } from "./pending-sign-ins.ts";

export const commenterSessionLifetimeMs = 30 * 24 * 60 * 60 * 1000;

const idOf = (token: string) => createHash("sha256").update(token).digest("hex");

interface SessionDraft {
  returnPath: string;
  draft: Draft;
}

const sessionDraftShape = z.object({ returnPath: z.string(), draft: draftShape });

export async function startCommenterSession(
  db: Db,
  identityId: number,
  draft?: SessionDraft,
  now = Date.now(),
): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  await db.kysely
    .insertInto("commenter_sessions")
    .values({
      id: idOf(token),
      identity_id: identityId,
      draft: draft ? JSON.stringify(draft) : "",
      created_at: toIso(now),
      expires_at: toIso(now + commenterSessionLifetimeMs),
    })
    .execute();
  await db.kysely.deleteFrom("commenter_sessions").where("expires_at", "<", toIso(now)).execute();
  return token;
}

export interface ActiveCommenter {
  identity: CommenterIdentity;
  draft: SessionDraft | undefined;
}

/** Who a live session's token stands for; undefined for an unknown or expired one. */
export async function commenterOfSession(
  db: Db,
  token: string,
  now = Date.now(),
): Promise<ActiveCommenter | undefined> {
  if (!/^[\w-]{43}$/.test(token)) return undefined;
  const row = await db.kysely
    .selectFrom("commenter_sessions")
    .innerJoin("commenter_identities", "commenter_identities.id", "commenter_sessions.identity_id")
    .selectAll("commenter_identities")
    .select("commenter_sessions.draft as session_draft")
    .where("commenter_sessions.id", "=", idOf(token))
    .where("commenter_sessions.expires_at", ">", toIso(now))
    .executeTakeFirst();
  if (!row) return undefined;
  const { session_draft: draft, ...identity } = row;
  return { identity, draft: parseSessionDraft(draft) };
}

function parseSessionDraft(json: string): SessionDraft | undefined {
  if (!json) return undefined;
  try {
    return sessionDraftShape.parse(JSON.parse(json));
  } catch {
    return undefined;
  }
}

/** The typed comment has been posted (or given up): the form starts empty again. */
export async function forgetSessionDraft(db: Db, token: string): Promise<void> {
  await db.kysely
    .updateTable("commenter_sessions")
    .set({ draft: "" })
    .where("id", "=", idOf(token))
    .execute();
}

export async function endCommenterSession(db: Db, token: string): Promise<void> {
  await db.kysely.deleteFrom("commenter_sessions").where("id", "=", idOf(token)).execute();
}
