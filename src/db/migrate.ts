// Runs the schema migrations in order; called at start and by `cinelog migrate`.
import {
  DEFAULT_MIGRATION_TABLE,
  Migrator,
  type Kysely,
  type Migration,
  type MigrationResultSet,
} from "kysely";
import type { Db } from "./connect.ts";
import * as initial from "./migrations/001-initial.ts";
import * as stillVariants from "./migrations/002-still-variants.ts";
import * as search from "./migrations/003-search.ts";
import * as contentChanges from "./migrations/004-content-changes.ts";
import * as reviewHtml from "./migrations/005-review-html.ts";
import * as accounts from "./migrations/006-accounts.ts";
import * as comments from "./migrations/007-comments.ts";
import * as reviewOrderIndex from "./migrations/008-review-order-index.ts";
import * as mail from "./migrations/009-mail.ts";
import * as commentPriorStatus from "./migrations/010-comment-prior-status.ts";
import * as reviewAutosave from "./migrations/011-review-autosave.ts";
import * as passkeys from "./migrations/012-passkeys.ts";
import * as imports from "./migrations/013-imports.ts";
import * as commenterSignIn from "./migrations/014-commenter-sign-in.ts";
import * as posts from "./migrations/015-posts.ts";
import * as importJobs from "./migrations/016-import-jobs.ts";
import * as filmLog from "./migrations/017-film-log.ts";
import * as reviewUpNext from "./migrations/018-review-up-next.ts";
import * as commentsOnPosts from "./migrations/019-comments-on-posts.ts";
import * as signInLinks from "./migrations/020-sign-in-links.ts";
import * as commentHoldReason from "./migrations/021-comment-hold-reason.ts";
import * as signInLinkPurpose from "./migrations/022-sign-in-link-purpose.ts";
import * as backupRuns from "./migrations/027-backup-runs.ts";
import * as federationStore from "./migrations/028-federation-store.ts";
import * as federationActors from "./migrations/029-federation-actors.ts";
import * as webmentions from "./migrations/030-webmentions.ts";
import * as statsIndexes from "./migrations/031-stats-indexes.ts";
import * as fediverseReplies from "./migrations/032-fediverse-replies.ts";
import * as federationReactions from "./migrations/033-federation-reactions.ts";
import * as searchDocumentsInline from "./migrations/034-search-documents-inline.ts";
import * as listingIndexes from "./migrations/035-listing-indexes.ts";
import * as writerActors from "./migrations/036-writer-actors.ts";
import * as commentNoteEdits from "./migrations/037-comment-note-edits.ts";
import * as federationPostSends from "./migrations/038-federation-post-sends.ts";
import * as unpublishedReviewsIndex from "./migrations/039-unpublished-reviews-index.ts";
import * as searchPendingList from "./migrations/040-search-pending-list.ts";
import * as searchPostings from "./migrations/041-search-postings.ts";

/** Every migration by name; exported so a test can stop at one and check the next keeps data. */
export function migrationsFor(db: Db): Record<string, Migration> {
  // Names sort in the order they must run; never rename one that has shipped.
  return {
    "001-initial": { up: (k) => initial.up(k, db.dialect) },
    "002-still-variants": { up: (k) => stillVariants.up(k) },
    "003-search": { up: (k) => search.up(k, db.dialect) },
    "004-content-changes": { up: (k) => contentChanges.up(k, db.dialect) },
    "005-review-html": { up: (k) => reviewHtml.up(k) },
    "006-accounts": { up: (k) => accounts.up(k, db.dialect) },
    "007-comments": { up: (k) => comments.up(k, db.dialect) },
    "008-review-order-index": { up: (k) => reviewOrderIndex.up(k) },
    "009-mail": { up: (k) => mail.up(k, db.dialect) },
    "010-comment-prior-status": { up: (k) => commentPriorStatus.up(k, db.dialect) },
    "011-review-autosave": { up: (k) => reviewAutosave.up(k, db.dialect) },
    "012-passkeys": { up: (k) => passkeys.up(k, db.dialect) },
    "013-imports": { up: (k) => imports.up(k, db.dialect) },
    "014-commenter-sign-in": { up: (k) => commenterSignIn.up(k, db.dialect) },
    "015-posts": { up: (k) => posts.up(k, db.dialect) },
    "016-import-jobs": { up: (k) => importJobs.up(k, db.dialect) },
    "017-film-log": { up: (k) => filmLog.up(k, db.dialect) },
    "018-review-up-next": { up: (k) => reviewUpNext.up(k) },
    "019-comments-on-posts": { up: (k) => commentsOnPosts.up(k, db.dialect) },
    "020-sign-in-links": { up: (k) => signInLinks.up(k, db.dialect) },
    "021-comment-hold-reason": { up: (k) => commentHoldReason.up(k, db.dialect) },
    "022-sign-in-link-purpose": { up: (k) => signInLinkPurpose.up(k, db.dialect) },
    "027-backup-runs": { up: (k) => backupRuns.up(k, db.dialect) },
    "028-federation-store": { up: (k) => federationStore.up(k, db.dialect) },
    "029-federation-actors": { up: (k) => federationActors.up(k, db.dialect) },
    "030-webmentions": { up: (k) => webmentions.up(k, db.dialect) },
    "031-stats-indexes": { up: (k) => statsIndexes.up(k) },
    "032-fediverse-replies": { up: (k) => fediverseReplies.up(k, db.dialect) },
    "033-federation-reactions": { up: (k) => federationReactions.up(k, db.dialect) },
    "034-search-documents-inline": { up: (k) => searchDocumentsInline.up(k, db.dialect) },
    "035-listing-indexes": { up: (k) => listingIndexes.up(k) },
    "036-writer-actors": { up: (k) => writerActors.up(k, db.dialect) },
    "037-comment-note-edits": { up: (k) => commentNoteEdits.up(k) },
    "038-federation-post-sends": { up: (k) => federationPostSends.up(k) },
    "039-unpublished-reviews-index": { up: (k) => unpublishedReviewsIndex.up(k) },
    "040-search-pending-list": { up: (k) => searchPendingList.up(k, db.dialect) },
    "041-search-postings": { up: (k) => searchPostings.up(k, db.dialect) },
  };
}

function migratorFor(db: Db): Migrator {
  return new Migrator({
    db: db.kysely,
    provider: { getMigrations: () => Promise.resolve(migrationsFor(db)) },
    // Without this, Kysely looks for its bookkeeping tables in every schema and may find
    // another database's (the test suite runs one schema per file, side by side).
    ...(db.schema ? { migrationTableSchema: db.schema } : {}),
  });
}

/** Where the schema stands against this code: what is still to run, and what it never knew. */
interface MigrationStatus {
  applied: string[];
  pending: string[];
  /** Run by a newer Cinelog: this code must not touch the database. */
  unknown: string[];
}

export async function migrationStatus(db: Db): Promise<MigrationStatus> {
  const known = Object.keys(migrationsFor(db));
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const k = db.kysely as unknown as Kysely<any>;
  const tables = await db.kysely.introspection.getTables({ withInternalKyselyTables: true });
  const hasBookkeeping = tables.some(
    (t) => t.name === DEFAULT_MIGRATION_TABLE && (!db.schema || t.schema === db.schema),
  );
  const applied = hasBookkeeping
    ? (
        await (db.schema ? k.withSchema(db.schema) : k)
          .selectFrom(DEFAULT_MIGRATION_TABLE)
          .select("name")
          .orderBy("name")
          .execute()
      ).map((r: { name: string }) => r.name)
    : [];
  const done = new Set(applied);
  return {
    applied,
    pending: known.filter((name) => !done.has(name)),
    unknown: applied.filter((name) => !known.includes(name)),
  };
}

/** The message for a database a newer Cinelog has migrated: this code would damage it. */
export function downgradeMessage(status: MigrationStatus): string {
  const level = status.applied[status.applied.length - 1] ?? "none";
  return (
    `The database is at schema version ${level}, newer than this Cinelog knows ` +
    `(it does not know ${status.unknown.join(", ")}). Downgrades are not supported: run the ` +
    "Cinelog version that migrated it, or restore a backup made before the upgrade."
  );
}

/**
 * Runs what is pending. Kysely's migrator holds a lock while it does (an advisory lock in a
 * transaction on PostgreSQL, a lock table on SQLite), so instances starting together apply
 * each migration once: the second waits, then finds nothing left to do.
 */
export async function migrateToLatest(db: Db): Promise<string[]> {
  const before = await migrationStatus(db);
  if (before.unknown.length > 0) throw new Error(downgradeMessage(before));
  const result: MigrationResultSet = await migratorFor(db).migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === "Error")?.migrationName ?? "unknown";
    const reason =
      result.error instanceof Error ? result.error.message : JSON.stringify(result.error);
    throw new Error(`Migration ${failed} failed: ${reason}`, { cause: result.error });
  }
  return (result.results ?? []).map((r) => r.migrationName);
}
