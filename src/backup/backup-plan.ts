// Which tables a backup holds, and in what order a restore writes them.
//
// Every table the database has is backed up unless it is named below with the reason: a table
// added by a later migration is included without anyone remembering to add it here.
// (test/exporters/json-backup.test.ts fails when a table appears that nobody has looked at.)
import type { TableInfo } from "./catalogue.ts";

export const excludedTables: Readonly<Record<string, string>> = {
  // Derived: rebuilt from reviews, films, credits and tags by src/search on restore.
  search_postings: "the search index, rebuilt on restore",
  search_texts: "the search index's copy of each review's text, rebuilt on restore",
  content_changes:
    "a short log telling running app instances which cached pages to drop; the restore " +
    "announces a change of everything instead",
  sessions: "sign-ins belong to one installation: people sign in again after a restore",
  commenter_sessions: "readers' sign-ins, like sessions: they sign in again after a restore",
  pending_sign_ins: "sign-ins under way at a provider, single use, expiring within minutes",
  import_jobs:
    "the admin's record of imports run on the old installation: their uploaded files are not " +
    "in the backup, and a queued one must not start again on the restored site",
  sign_in_attempts: "rate-limit counters of failed sign-ins, forgotten after minutes",
  webauthn_challenges: "single-use passkey challenges that expire within minutes",
  sign_in_links: "e-mailed sign-in links, single use, expiring within 15 minutes",
  mail_outbox:
    "mail in flight: a restored site must not send again what the old one may have sent " +
    "(announced reviews are remembered in mail_announcements, which is kept)",
  mail_confirmations: "a rate limit (one confirmation mail a day per address)",
  backup_runs:
    "the record of this installation's own scheduled backups; a restored site starts its " +
    "own record with its first backup",
  federation_kv:
    "Fedify's cache of remote documents and keys, refetched as needed; a restored site starts " +
    "with an empty one",
  federation_queue:
    "deliveries in flight to other servers: a restored site must not send again what the old " +
    "one may have sent",
};

/**
 * Tables a freshly migrated site already has rows in (migrations and the first start write
 * settings): a restore replaces their rows instead of requiring them to be empty.
 */
export const replacedTables: ReadonlySet<string> = new Set(["settings"]);

export interface TablePlan {
  table: TableInfo;
  /** Columns copied: every column the database does not compute itself. */
  columns: string[];
  /**
   * Foreign-key columns pointing at this table itself or at one written after it: restored
   * as null first and set once the rows they point at exist.
   */
  deferred: { column: string; table: string; nullable: boolean }[];
}

/** The tables a backup holds: all but the excluded, and but virtual tables (see below). */
export function backedUpTables(catalogue: TableInfo[]): TableInfo[] {
  return catalogue.filter((t) => !(t.name in exclusionsOf([t])));
}

/** The tables of this database left out of its backup, with why. */
export function exclusionsOf(catalogue: TableInfo[]): Record<string, string> {
  const result: Record<string, string> = {};
  for (const table of catalogue) {
    const reason = excludedTables[table.name];
    if (reason !== undefined) result[table.name] = reason;
    // A virtual table (SQLite FTS5) is an index over other tables, and PostgreSQL has none.
    else if (table.virtual) result[table.name] = "a full-text index, derived from other tables";
  }
  return result;
}

/**
 * The tables in an order where each comes after the tables it references (Kahn's algorithm,
 * ties by name so the order is stable). A cycle is broken at a nullable reference.
 */
export function restoreOrder(tables: TableInfo[]): TablePlan[] {
  const names = new Set(tables.map((t) => t.name));
  const remaining = new Map(tables.map((t) => [t.name, t]));
  const done = new Set<string>();
  const plans: TablePlan[] = [];
  const unmet = (t: TableInfo) =>
    t.foreignKeys.filter((f) => f.table !== t.name && names.has(f.table) && !done.has(f.table));
  while (remaining.size > 0) {
    const sorted = [...remaining.values()].sort((a, b) => a.name.localeCompare(b.name));
    let next = sorted.find((t) => unmet(t).length === 0);
    if (!next) {
      next = sorted.find((t) => unmet(t).every((f) => columnOf(t, f.column)?.nullable));
      if (!next) {
        throw new Error(
          `The tables ${sorted.map((t) => t.name).join(", ")} reference each other through ` +
            "columns that cannot be empty, so no order restores them.",
        );
      }
    }
    const table = next;
    const deferred = table.foreignKeys
      .filter((f) => f.table === table.name || unmet(table).includes(f))
      .map((f) => ({
        column: f.column,
        table: f.table,
        nullable: columnOf(table, f.column)?.nullable ?? false,
      }));
    plans.push({
      table,
      columns: table.columns.filter((c) => !c.generated).map((c) => c.name),
      deferred,
    });
    done.add(table.name);
    remaining.delete(table.name);
  }
  return plans;
}

function columnOf(table: TableInfo, name: string) {
  return table.columns.find((c) => c.name === name);
}
