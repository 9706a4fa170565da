// `cinelog import letterboxd` and `cinelog export letterboxd` as an operator runs them, in a
// child process, on both databases.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "../../src/domain/users.ts";
import { runCli } from "../support/cli.ts";
import { dialects, openTestDb, type TestDb } from "../support/databases.ts";
import { writeRealisticExport, writeZip } from "../importers/letterboxd/letterboxd-fixture.ts";

// A child process starts slowly on a busy machine: these tests get minutes, not seconds.
const slow = 240_000;

describe.each(dialects)("cinelog import and export letterboxd on %s", (dialect) => {
  let db: TestDb;
  let env: Record<string, string>;
  beforeAll(async () => {
    db = await openTestDb(dialect);
    env = { DATABASE_URL: db.url, CINELOG_DATA_DIR: db.mediaDir.replace(/\/media$/, "") };
    await createUser(db, { email: "owner@example.org", displayName: "Owner", role: "owner" });
  }, slow);
  afterAll(() => db.dispose());

  it(
    "imports, prints a summary, and adds nothing the second time",
    async () => {
      const file = await writeRealisticExport();
      const first = await runCli(["import", "letterboxd", file], env);
      expect(first.stderr).toBe("");
      expect(first.code).toBe(0);
      expect(first.stdout).toMatch(/^Imported:\n/);
      expect(first.stdout).toMatch(/ {2}reviews: 2\n/);
      expect(first.stdout).toMatch(/ {2}diary entries: 3\n/);
      expect(first.stdout).toMatch(/ {2}watchlist films queued: 2\n/);
      expect(first.stdout).toMatch(
        /Skipped:\n.*1 × the Letterboxd profile is not imported \(profile\.csv\)/s,
      );

      const second = await runCli(["import", "letterboxd", file], env);
      expect(second.code).toBe(0);
      expect(second.stdout).toMatch(/reviews already imported: 2/);
      expect(second.stdout).not.toMatch(/ {2}reviews: /);
      expect(second.stdout).toMatch(/films added: 0/);
    },
    slow,
  );

  it(
    "exports Letterboxd's CSV into the folder given",
    async () => {
      const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "cinelog-lb-cli-")), "out");
      const result = await runCli(["export", "letterboxd", "--out", dir], env);
      expect(result.stderr).toBe("");
      expect(result.code).toBe(0);
      const file = path.join(dir, "letterboxd-import-1.csv");
      expect(result.stdout).toBe(`Exported 7 rows for Letterboxd to:\n  ${file}\n`);
      const rows = parse<Record<string, string>>(fs.readFileSync(file), { columns: true });
      expect(rows.map((r) => r.Title)).toContain("Crouching Tiger, Hidden Dragon");
    },
    slow,
  );
});

// Messages and usage end before the database is written to: once, on SQLite, is enough.
describe("cinelog import and export letterboxd, told the wrong thing", () => {
  let db: TestDb;
  let env: Record<string, string>;
  beforeAll(async () => {
    db = await openTestDb("sqlite");
    env = { DATABASE_URL: db.url, CINELOG_DATA_DIR: db.mediaDir.replace(/\/media$/, "") };
  }, slow);
  afterAll(() => db.dispose());

  it(
    "refuses what is not a Letterboxd export, with a clear message",
    async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cinelog-lb-cli-"));
      const text = path.join(dir, "export.zip");
      fs.writeFileSync(text, "Date,Name,Year\n");
      const notZip = await runCli(["import", "letterboxd", text], env);
      expect(notZip.code).toBe(1);
      expect(notZip.stderr).toMatch(/^Import failed: .*export\.zip is not a zip file/);
      expect(notZip.stderr).not.toMatch(/ at /);

      const other = await runCli(
        ["import", "letterboxd", await writeZip({ "readme.txt": "hi" })],
        env,
      );
      expect(other.code).toBe(1);
      expect(other.stderr).toMatch(
        /^Import failed: .*holds none of the files of a Letterboxd export/,
      );

      const missing = await runCli(["import", "letterboxd", path.join(dir, "nope.zip")], env);
      expect(missing.code).toBe(1);
      expect(missing.stderr).toMatch(/Import failed: .*nope\.zip: no such file/);
    },
    slow,
  );

  it(
    "explains how they are used",
    async () => {
      const importUsage = await runCli(["import", "letterboxd"], env);
      expect(importUsage.code).toBe(2);
      expect(importUsage.stderr).toMatch(/Usage: cinelog import letterboxd EXPORT\.zip/);
      const exportUsage = await runCli(["export", "letterboxd", "--into", "x"], env);
      expect(exportUsage.code).toBe(2);
      expect(exportUsage.stderr).toMatch(/Usage: cinelog export letterboxd \[--out DIR\]/);
    },
    slow,
  );
});
