// The accounts readers signed in with, one row per provider account; the profile is
// refreshed at every sign-in. No token is ever stored: only what the comment form shows.
import type { Db } from "../../db/connect.ts";
import type { CommenterIdentitiesTable } from "../../db/schema.ts";
import type { Selectable } from "kysely";
import { nowIso } from "../time.ts";

export type CommenterIdentity = Selectable<CommenterIdentitiesTable>;

interface IdentityProfile {
  provider: string;
  subject: string;
  name: string;
  email: string;
  avatarPath: string;
  profileUrl: string;
}

export async function saveIdentity(db: Db, profile: IdentityProfile): Promise<CommenterIdentity> {
  const now = nowIso();
  const values = {
    name: profile.name,
    email: profile.email,
    avatar_path: profile.avatarPath,
    profile_url: profile.profileUrl,
    updated_at: now,
  };
  return db.kysely
    .insertInto("commenter_identities")
    .values({ ...values, provider: profile.provider, subject: profile.subject, created_at: now })
    .onConflict((oc) => oc.columns(["provider", "subject"]).doUpdateSet(values))
    .returningAll()
    .executeTakeFirstOrThrow();
}
