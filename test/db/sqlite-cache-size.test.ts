// SQLite's page cache is malloc'd memory in the serving process: 8 MB per connection unless
// CINELOG_SQLITE_CACHE_SIZE says otherwise (a larger site may choose more memory for fewer
// reads; bench/README.md, "SQLite's page cache at 8 MB"), and the setting reaches the
// server's connection.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";
import { connect, type Db } from "../../src/db/connect.ts";
import { openRuntime } from "../../src/runtime.ts";

/** PRAGMA cache_size: negative is KiB, positive is pages. */
async function cacheSize(db: Db): Promise<number> {
  const { rows } = await sql<{ cache_size: number }>`pragma cache_size`.execute(db.kysely);
  return rows[0]!.cache_size;
}

describe("SQLite's page cache size", () => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "cinelog-sqlite-cache-"));
  afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

  it("is 8 MB for a connection opened without a size", async () => {
    const db = connect(`sqlite:${path.join(folder, "default.db")}`);
    try {
      expect(await cacheSize(db)).toBe(-8192);
    } finally {
      await db.close();
    }
  });

  it("is 8 MB in the configuration when the setting is not given", () => {
    expect(loadConfig({}).sqliteCacheBytes).toBe(8 * 1024 * 1024);
  });

  it("is CINELOG_SQLITE_CACHE_SIZE for the runtime's connection", async () => {
    const config = loadConfig({
      CINELOG_DATA_DIR: folder,
      DATABASE_URL: `sqlite:${path.join(folder, "set.db")}`,
      CINELOG_SQLITE_CACHE_SIZE: "512KB",
      LOG_LEVEL: "silent",
    });
    expect(config.sqliteCacheBytes).toBe(512 * 1024);
    const { db } = await openRuntime(config, undefined, { logMigrations: false });
    try {
      expect(await cacheSize(db)).toBe(-512);
    } finally {
      await db.close();
    }
  });

  it("refuses a size that is not one", () => {
    expect(() => loadConfig({ CINELOG_SQLITE_CACHE_SIZE: "lots" })).toThrow(
      /sqliteCacheSize: a size such as/,
    );
    expect(() => loadConfig({ CINELOG_SQLITE_CACHE_SIZE: "1KB" })).toThrow(/at least 64KB/);
  });
});
