// Every integration test runs on both databases: a fresh SQLite file and a fresh PostgreSQL
// database per test file (or per describe), each a copy of an already-migrated template
// (database-templates.ts). PostgreSQL is required: a run that cannot reach it fails loudly.
// (Set CINELOG_TEST_POSTGRES=off to run only the SQLite half on a machine without it;
// CI never does.)
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { connect, type Db, type Dialect } from "../../src/db/connect.ts";
import {
  postgresDemoTemplate,
  postgresTemplate,
  sqliteDemoTemplate,
  sqliteTemplate,
  withDatabase,
} from "./database-templates.ts";

export const postgresUrl =
  process.env.CINELOG_TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/test";

const postgresOff = process.env.CINELOG_TEST_POSTGRES === "off";
if (postgresOff) {
  console.warn(
    "\n*** CINELOG_TEST_POSTGRES=off: the PostgreSQL half of the suite is NOT running. ***\n",
  );
}

export const dialects: Dialect[] = postgresOff ? ["sqlite"] : ["sqlite", "postgres"];

export interface TestDb extends Db {
  /** The URL a separate process would use to reach the same data. */
  url: string;
  mediaDir: string;
  dispose: () => Promise<void>;
}

interface TestDbOptions {
  /** Start from the demo site (src/demo), as `loadDemo` leaves it, media included. */
  demo?: boolean;
}

export async function openTestDb(dialect: Dialect, options: TestDbOptions = {}): Promise<TestDb> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cinelog-test-"));
  const mediaDir = path.join(dir, "media");
  fs.mkdirSync(mediaDir);
  const demo = options.demo
    ? dialect === "sqlite"
      ? await sqliteDemoTemplate()
      : await postgresDemoTemplate(postgresUrl)
    : undefined;
  if (demo) fs.cpSync(demo.mediaDir, mediaDir, { recursive: true });
  if (dialect === "sqlite") {
    // A copy of the migrated template: the same schema as migrating, without the wait.
    const file = path.join(dir, "test.db");
    fs.copyFileSync(demo?.database ?? (await sqliteTemplate()), file);
    const url = `sqlite:${file}`;
    const db = connect(url);
    return {
      ...db,
      url,
      mediaDir,
      dispose: async () => {
        await db.close();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  // A database of its own, copied from the migrated template. Its name starts with the time it
  // was made (seconds, hex), so a later run's clean-up can tell a leftover from a database that
  // another run, started beside this one, is using right now.
  const madeAt = Math.floor(Date.now() / 1000)
    .toString(16)
    .padStart(8, "0");
  const database = `t_${madeAt}${randomBytes(2).toString("hex")}`;
  const admin = new pg.Client({ connectionString: postgresUrl });
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(
      `PostgreSQL is required by the test suite and could not be reached at ${postgresUrl}: ${String(error)}`,
      { cause: error },
    );
  }
  try {
    await admin.query(
      `create database ${database} template ${demo?.database ?? (await postgresTemplate(postgresUrl))}`,
    );
  } finally {
    await admin.end();
  }
  const url = withDatabase(postgresUrl, database);
  const db = connect(url, { maxConnections: 4 });
  return {
    ...db,
    url,
    mediaDir,
    dispose: async () => {
      await db.close();
      const cleaner = new pg.Client({ connectionString: postgresUrl });
      await cleaner.connect();
      // Not "with (force)": a connection a test left open (a server, a worker) would be
      // killed mid-flight and surface as an unhandled error. A database still in use is left
      // for the next run's setup to drop (test/support/templates-setup.ts).
      await cleaner
        .query(`drop database if exists ${database}`)
        .catch((error: unknown) => {
          if ((error as { code?: string }).code !== "55006") throw error;
        })
        .finally(() => cleaner.end());
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
