// Table type for Webmentions in and out (migration 030); src/db/schema.ts gathers every table.
import type { Generated } from "kysely";

export type WebmentionDirection = "in" | "out";

export interface WebmentionsTable {
  id: Generated<number>;
  direction: WebmentionDirection;
  source: string;
  target: string;
  source_host: string;
  review_id: number | null;
  post_id: number | null;
  comment_id: number | null;
  created_at: string;
  updated_at: string;
  next_attempt_at: string;
  attempts: Generated<number>;
  claimed_until: string | null;
  done_at: string | null;
  failed_at: string | null;
  outcome: string | null;
  last_error: string | null;
}
