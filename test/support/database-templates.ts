// Migrating a fresh database for every test file cost ~0.7 s on PostgreSQL and ~0.1 s on
// SQLite, a hundred times a run. Instead the migrations run once into a template — an
// already-migrated SQLite file and a PostgreSQL template database — and every test file gets
// its own copy of it (a file copy; CREATE DATABASE … TEMPLATE). The templates are named after
// a fingerprint of the migrations, so a changed migration builds new ones and runs that share
// the machine never see a half-built template (each is built under a temporary name, then
// renamed into place).
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { connect } from "../../src/db/connect.ts";
import { migrateToLatest } from "../../src/db/migrate.ts";
import { loadDemo } from "../../src/demo/load-demo.ts";

const dbSources = path.resolve(import.meta.dirname, "../../src/db");

/** A short hash of every file the schema is made from. */
export function schemaFingerprint(): string {
  const hash = createHash("sha256");
  const files = [
    path.join(dbSources, "migrate.ts"),
    ...fs
      .readdirSync(path.join(dbSources, "migrations"))
      .sort()
      .map((name) => path.join(dbSources, "migrations", name)),
  ];
  for (const file of files) hash.update(file).update(fs.readFileSync(file));
  return hash.digest("hex").slice(0, 12);
}

/** The path of a migrated SQLite file to copy; built the first time it is asked for. */
export async function sqliteTemplate(): Promise<string> {
  const file = path.join(os.tmpdir(), `cinelog-test-template-${schemaFingerprint()}.db`);
  if (fs.existsSync(file)) return file;
  const building = `${file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  const db = connect(`sqlite:${building}`);
  await migrateToLatest(db);
  // Closing the only connection checkpoints the WAL into the file and removes it.
  await db.close();
  fs.renameSync(building, file);
  return file;
}

/** A PostgreSQL URL with another database name. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** The name of a migrated PostgreSQL template database; built the first time it is asked for. */
export async function postgresTemplate(serverUrl: string): Promise<string> {
  const name = `cinelog_template_${schemaFingerprint()}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    const found = await admin.query("select 1 from pg_database where datname = $1", [name]);
    if (found.rowCount) return name;
    const building = `${name}_${randomBytes(4).toString("hex")}`;
    await admin.query(`create database ${building}`);
    const db = connect(withDatabase(serverUrl, building), { maxConnections: 1 });
    try {
      await migrateToLatest(db);
    } finally {
      await db.close();
    }
    try {
      await admin.query(`alter database ${building} rename to ${name}`);
    } catch (error) {
      // Another run built it meanwhile: theirs is the same schema.
      await admin.query(`drop database if exists ${building} with (force)`);
      if ((error as { code?: string }).code !== "42P04") throw error;
    }
    return name;
  } finally {
    await admin.end();
  }
}

// The demo site (src/demo) takes about 12 s of CPU to load, most of it drawing and resizing
// its stills, and several test files start from it. Like the schema, it is loaded once into
// templates — a SQLite file, a PostgreSQL database and the media folder both use (the stills
// come out the same, named after the films) — and each test copies them. Their name hashes
// every source file, so any change to the code rebuilds them.

const srcRoot = path.resolve(import.meta.dirname, "../../src");

function demoFingerprint(): string {
  const hash = createHash("sha256");
  const files = fs
    .readdirSync(srcRoot, { recursive: true, encoding: "utf8" })
    .filter((name) => /\.tsx?$/.test(name))
    .sort();
  for (const name of files) hash.update(name).update(fs.readFileSync(path.join(srcRoot, name)));
  return hash.digest("hex").slice(0, 12);
}

interface DemoTemplate {
  /** The SQLite file, or the PostgreSQL database's name. */
  database: string;
  mediaDir: string;
}

/** The demo loaded into a copy of the migrated SQLite template, and the media it wrote. */
export async function sqliteDemoTemplate(): Promise<DemoTemplate> {
  const base = path.join(os.tmpdir(), `cinelog-test-demo-${demoFingerprint()}`);
  const done = { database: `${base}.db`, mediaDir: `${base}-media` };
  if (fs.existsSync(done.database)) return done;
  const building = `${base}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  fs.copyFileSync(await sqliteTemplate(), `${building}.db`);
  const db = connect(`sqlite:${building}.db`);
  await loadDemo(db, `${building}-media`);
  await db.close();
  // The media first: a template file on disk means its media is there too.
  fs.rmSync(done.mediaDir, { recursive: true, force: true });
  fs.renameSync(`${building}-media`, done.mediaDir);
  fs.renameSync(`${building}.db`, done.database);
  return done;
}

/** The demo loaded into a PostgreSQL template database; its media is the SQLite one's. */
export async function postgresDemoTemplate(serverUrl: string): Promise<DemoTemplate> {
  const { mediaDir } = await sqliteDemoTemplate();
  const name = `cinelog_demo_${demoFingerprint()}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    const found = await admin.query("select 1 from pg_database where datname = $1", [name]);
    if (found.rowCount) return { database: name, mediaDir };
    const building = `${name}_${randomBytes(4).toString("hex")}`;
    await admin.query(`create database ${building} template ${await postgresTemplate(serverUrl)}`);
    const scratchMedia = fs.mkdtempSync(path.join(os.tmpdir(), "cinelog-demo-media-"));
    const db = connect(withDatabase(serverUrl, building), { maxConnections: 1 });
    try {
      await loadDemo(db, scratchMedia);
    } finally {
      await db.close();
      fs.rmSync(scratchMedia, { recursive: true, force: true });
    }
    try {
      await admin.query(`alter database ${building} rename to ${name}`);
    } catch (error) {
      await admin.query(`drop database if exists ${building} with (force)`);
      if ((error as { code?: string }).code !== "42P04") throw error;
    }
    return { database: name, mediaDir };
  } finally {
    await admin.end();
  }
}
