// Table types for commenter sign-in (issue 6). src/db/schema.ts gathers every table.
import type { Generated } from "kysely";

/** Commenter sign-in (issue 6, migration 014). */
export interface CommenterIdentitiesTable {
  id: Generated<number>;
  provider: string;
  subject: string;
  name: string;
  email: string;
  avatar_path: string;
  profile_url: string;
  created_at: string;
  updated_at: string;
}

export interface CommenterSessionsTable {
  /** SHA-256 (hex) of the random token in the cookie. */
  id: string;
  identity_id: number;
  /** JSON of the comment typed before signing in and its page; "" when none. */
  draft: Generated<string>;
  created_at: string;
  expires_at: string;
}

export interface PendingSignInsTable {
  state: string;
  provider: string;
  code_verifier: string;
  nonce: string;
  return_path: string;
  draft: string;
  created_at: string;
  expires_at: string;
}

export interface MastodonAppsTable {
  id: Generated<number>;
  instance: string;
  redirect_uri: string;
  client_id: string;
  client_secret: string;
  created_at: string;
}
