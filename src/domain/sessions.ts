// Server-side sessions for people who write the site. The cookie holds a random token; the
// database holds only its SHA-256, so a copy of the table cannot be used to sign in.
import { createHash, randomBytes } from "node:crypto";
import type { Db } from "../db/connect.ts";
import type { Session, User } from "../db/schema.ts";
import { nowIso } from "./time.ts";

export const sessionLifetimeMs = 30 * 24 * 60 * 60 * 1000;
// Sliding expiry without a write on every request: extend at most once an hour.
const slideEveryMs = 60 * 60 * 1000;

export function sessionIdOf(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export async function startSession(
  db: Db,
  userId: number,
  userAgent: string,
): Promise<{ token: string; session: Session }> {
  const token = randomBytes(32).toString("base64url");
  const now = Date.now();
  const session = await db.kysely
    .insertInto("sessions")
    .values({
      id: sessionIdOf(token),
      user_id: userId,
      created_at: new Date(now).toISOString(),
      last_seen_at: new Date(now).toISOString(),
      expires_at: new Date(now + sessionLifetimeMs).toISOString(),
      user_agent: userAgent.slice(0, 300),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return { token, session };
}

interface ActiveSession {
  session: Session;
  user: User;
  /** True when the expiry moved: the cookie should be sent again with a new lifetime. */
  renewed: boolean;
}

/** The live session behind a cookie token, extended (sliding) when due; expired ones go. */
export async function resumeSession(db: Db, token: string): Promise<ActiveSession | undefined> {
  const id = sessionIdOf(token);
  const row = await db.kysely
    .selectFrom("sessions")
    .innerJoin("users", "users.id", "sessions.user_id")
    .selectAll("users")
    .select([
      "sessions.id as session_id",
      "sessions.created_at as session_created_at",
      "sessions.last_seen_at",
      "sessions.expires_at",
      "sessions.user_agent",
    ])
    .where("sessions.id", "=", id)
    .executeTakeFirst();
  if (!row) return undefined;
  const now = nowIso();
  if (row.expires_at <= now) {
    await db.kysely.deleteFrom("sessions").where("id", "=", id).execute();
    return undefined;
  }
  const session: Session = {
    id,
    user_id: row.id,
    created_at: row.session_created_at,
    last_seen_at: row.last_seen_at,
    expires_at: row.expires_at,
    user_agent: row.user_agent,
  };
  const user: User = {
    id: row.id,
    email: row.email,
    display_name: row.display_name,
    role: row.role,
    password_hash: row.password_hash,
    created_at: row.created_at,
  };
  let renewed = false;
  if (Date.now() - Date.parse(row.last_seen_at) >= slideEveryMs) {
    session.last_seen_at = now;
    session.expires_at = new Date(Date.now() + sessionLifetimeMs).toISOString();
    await db.kysely
      .updateTable("sessions")
      .set({ last_seen_at: session.last_seen_at, expires_at: session.expires_at })
      .where("id", "=", id)
      .execute();
    renewed = true;
  }
  return { session, user, renewed };
}

export async function endSession(db: Db, sessionId: string): Promise<void> {
  await db.kysely.deleteFrom("sessions").where("id", "=", sessionId).execute();
}

/** Signs a person out on every device (and drops expired sessions of theirs). */
export async function endAllSessions(db: Db, userId: number): Promise<number> {
  const result = await db.kysely
    .deleteFrom("sessions")
    .where("user_id", "=", userId)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Signs a person out everywhere but here (after a password change, say). */
export async function endOtherSessions(
  db: Db,
  userId: number,
  keepSessionId: string,
): Promise<number> {
  const result = await db.kysely
    .deleteFrom("sessions")
    .where("user_id", "=", userId)
    .where("id", "<>", keepSessionId)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
