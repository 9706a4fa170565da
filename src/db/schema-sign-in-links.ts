// Table type for e-mailed sign-in links (migration 020); src/db/schema.ts gathers every table.
import type { Generated } from "kysely";

export interface SignInLinksTable {
  id: Generated<number>;
  user_id: number;
  /** Hex SHA-256 of the link's secret: the secret is only ever in the mail. */
  token_hash: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
  /** What the link does (migration 022). */
  purpose: Generated<LinkPurpose>;
}

/** Signing in, or choosing a new password (src/domain/sign-in-links.ts). */
export type LinkPurpose = "sign-in" | "password-reset";
