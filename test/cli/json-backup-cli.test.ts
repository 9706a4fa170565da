// `cinelog export json` and `cinelog import json` as an operator runs them, in child processes.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../support/cli.ts";
import { dialects, openTestDb, type TestDb } from "../support/databases.ts";
import { buildRichSite, dumpTables } from "../exporters/json-backup-site.ts";

const slow = 300_000;

const envOf = (db: TestDb) => ({
  DATABASE_URL: db.url,
  CINELOG_DATA_DIR: path.dirname(db.mediaDir),
});

describe.each(dialects)("cinelog export json and import json on %s", (dialect) => {
  let source: TestDb;
  let target: TestDb;
  let dir: string;
  let backup: string;
  beforeAll(async () => {
    [source, target] = await Promise.all([openTestDb(dialect), openTestDb(dialect)]);
    await buildRichSite(source, source.mediaDir);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "cinelog-backup-cli-"));
    backup = path.join(dir, "backups", "site.zip");
  }, 60_000);
  afterAll(async () => {
    await Promise.all([source?.dispose(), target?.dispose()]);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  // Each command is a fresh Node process compiling TypeScript: slow on a busy machine.
  it(
    "backs the site up and restores it into an empty one",
    async () => {
      const exported = await runCli(["export", "json", "--out", backup], envOf(source));
      expect(exported.stderr).toBe("");
      expect(exported.code).toBe(0);
      expect(exported.stdout).toMatch(/^Backup written to .*site\.zip\n/);
      expect(exported.stdout).toMatch(/ {2}comments: 7\n/);
      expect(exported.stdout).toMatch(/ {2}media files: \d+ \(/);
      expect(exported.stdout).toMatch(/Left out on purpose .*sessions/);
      expect(fs.existsSync(`${backup}.partial`)).toBe(false);

      const imported = await runCli(["import", "json", backup], envOf(target));
      expect(imported.stderr).toBe("");
      expect(imported.code).toBe(0);
      expect(imported.stdout).toMatch(/^Restored:\n/);
      expect(imported.stdout).toMatch(/Search index rebuilt: 7 reviews\./);
      expect(await dumpTables(target)).toEqual(await dumpTables(source));
    },
    slow,
  );

  it(
    "refuses to restore over content, or a file that is not a backup",
    async () => {
      const fresh = await openTestDb(dialect);
      try {
        const notes = path.join(dir, "notes.zip");
        fs.writeFileSync(notes, "plain text, not a zip");
        const [again, foreign] = await Promise.all([
          runCli(["import", "json", backup], envOf(target)),
          runCli(["import", "json", notes], envOf(fresh)),
        ]);
        expect(again.code).toBe(1);
        expect(again.stderr).toMatch(/^Restore failed: This site is not empty: it has /);
        expect(foreign.code).toBe(1);
        expect(foreign.stderr).toMatch(/^Restore failed: .*notes\.zip is not a readable zip file/);
      } finally {
        await fresh.dispose();
      }
    },
    slow,
  );
});

describe("cinelog import json and export json, whatever the database", () => {
  it(
    "explains how they are used",
    async () => {
      const [noOut, noFile] = await Promise.all([
        runCli(["export", "json"], {}),
        runCli(["import", "json"], {}),
      ]);
      expect(noOut.code).toBe(2);
      expect(noOut.stderr).toMatch(/Usage: cinelog export json --out BACKUP\.zip/);
      expect(noFile.code).toBe(2);
      expect(noFile.stderr).toMatch(/Usage: cinelog import json BACKUP\.zip/);
    },
    slow,
  );

  it(
    "migrates the new database and restores into it",
    async () => {
      const source = await openTestDb("sqlite");
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cinelog-backup-new-"));
      try {
        await buildRichSite(source, source.mediaDir);
        const backup = path.join(dir, "site.zip");
        expect((await runCli(["export", "json", "--out", backup], envOf(source))).code).toBe(0);
        const dataDir = path.join(dir, "new-site");
        const result = await runCli(["import", "json", backup], {
          CINELOG_DATA_DIR: dataDir,
          DATABASE_URL: "",
        });
        expect(result.stderr).toBe("");
        expect(result.code).toBe(0);
        expect(fs.existsSync(path.join(dataDir, "cinelog.db"))).toBe(true);
        expect(fs.readdirSync(path.join(dataDir, "media", "stills")).length).toBeGreaterThan(0);
      } finally {
        await source.dispose();
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
    slow,
  );
});
