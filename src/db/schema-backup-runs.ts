// Table type for the record of scheduled backups (migration 027); src/db/schema.ts gathers every table.
import type { Generated } from "kysely";

export interface BackupRunsTable {
  id: Generated<number>;
  finished_at: string;
  file: string;
  /** PostgreSQL returns a bigint as a string. */
  bytes: number | string;
}
