// A backup made on one database restores into the other: SQLite to PostgreSQL (moving a site
// that has outgrown one machine) and back. Same public pages, same rows.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import type { Dialect } from "../../src/db/connect.ts";
import { exportBackup } from "../../src/backup/export-backup.ts";
import { importBackup } from "../../src/backup/import-backup.ts";
import { createFilm } from "../../src/domain/films.ts";
import { appFor } from "../support/app.ts";
import { dialects, openTestDb, type TestDb } from "../support/databases.ts";
import { crawlPublicSite } from "./json-backup-pages.ts";
import { buildRichSite, dumpTables } from "./json-backup-site.ts";

// Without PostgreSQL (CINELOG_TEST_POSTGRES=off) only the SQLite-to-SQLite case can run.
const pairs: [Dialect, Dialect][] = dialects.includes("postgres")
  ? [
      ["sqlite", "postgres"],
      ["postgres", "sqlite"],
    ]
  : [["sqlite", "sqlite"]];

describe.each(pairs)("a backup made on %s restored into %s", (from, to) => {
  const opened: TestDb[] = [];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cinelog-backup-cross-"));
  afterAll(async () => {
    vi.useRealTimers();
    await Promise.all(opened.map((db) => db.dispose()));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("serves the same public pages and holds the same rows", async () => {
    const source = await openTestDb(from);
    const target = await openTestDb(to);
    opened.push(source, target);
    await buildRichSite(source, source.mediaDir);
    const file = path.join(dir, "site.zip");
    await exportBackup(source, { out: file, mediaDir: source.mediaDir });
    await importBackup(target, { file, mediaDir: target.mediaDir });

    expect(await dumpTables(target)).toEqual(await dumpTables(source));

    vi.useFakeTimers({ toFake: ["Date"], now: new Date("2026-11-20T12:00:00.000Z") });
    const before = await crawlPublicSite(appFor(source), ["/", "/search?q=noir", "/sitemap.xml"]);
    const after = appFor(target);
    expect(before.size).toBeGreaterThan(40);
    for (const [url, page] of before) {
      const response = await after.request(url);
      expect(response.status, url).toBe(page.status);
      expect(Buffer.from(await response.arrayBuffer()).toString("utf8"), url).toBe(
        page.body.toString("utf8"),
      );
    }
    vi.useRealTimers();

    // The new database carries on counting after the restored ids.
    const film = await createFilm(target, { title: "Moved House", year: 2026, credits: [] });
    const highest = await source.kysely
      .selectFrom("films")
      .select((eb) => eb.fn.max("id").as("id"))
      .executeTakeFirstOrThrow();
    expect(film.id).toBeGreaterThan(Number(highest.id) + 1);
  }, 120_000);
});
