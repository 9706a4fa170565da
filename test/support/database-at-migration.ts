// A database migrated only up to a named migration, on either dialect, for the tests that
// prove a later migration keeps what a site already holds: rows are written in the old shape,
// then `migrateToLatest` runs over them. SQLite gets a file of its own, PostgreSQL a schema.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Migrator } from "kysely";
import pg from "pg";
import { connect, type Db } from "../../src/db/connect.ts";
import { migrationsFor } from "../../src/db/migrate.ts";
import { postgresUrl } from "./databases.ts";

export interface DatabaseAtMigration {
  db: Db;
  dispose(): Promise<void>;
}

async function onAdminConnection(sql: string): Promise<void> {
  const admin = new pg.Client({ connectionString: postgresUrl });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

/** A new database with the migrations up to and including `migration` applied. */
export async function openDatabaseAt(
  dialect: "sqlite" | "postgres",
  migration: string,
): Promise<DatabaseAtMigration> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cinelog-at-migration-"));
  let db: Db;
  let drop = async () => {};
  if (dialect === "sqlite") {
    db = connect(`sqlite:${path.join(dir, "test.db")}`);
  } else {
    const schema = `m_${randomBytes(6).toString("hex")}`;
    await onAdminConnection(`create schema ${schema}`);
    db = connect(postgresUrl, { schema, maxConnections: 2 });
    drop = () => onAdminConnection(`drop schema ${schema} cascade`);
  }
  const migrator = new Migrator({
    db: db.kysely,
    provider: { getMigrations: () => Promise.resolve(migrationsFor(db)) },
    ...(db.schema ? { migrationTableSchema: db.schema } : {}),
  });
  const result = await migrator.migrateTo(migration);
  if (result.error) throw new Error(`migrating to ${migration} failed`, { cause: result.error });
  return {
    db,
    dispose: async () => {
      await db.close();
      await drop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
