// `cinelog backup --to DIR --keep N` as a timer runs it: checked files under their final names
// only, the oldest pruned, the run recorded for the dashboard, and a restore that gives the
// same site back (its tables and its pages).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backupFilePattern } from "../../src/backup/scheduled-backup.ts";
import { loadConfig } from "../../src/config.ts";
import { lastGoodBackup } from "../../src/domain/backup-runs.ts";
import { createApp } from "../../src/web/app.tsx";
import { runCli } from "../support/cli.ts";
import { dialects, openTestDb, type TestDb } from "../support/databases.ts";
import { buildRichSite, dumpTables } from "../exporters/json-backup-site.ts";

const slow = 300_000;

const envOf = (db: TestDb) => ({
  DATABASE_URL: db.url,
  CINELOG_DATA_DIR: path.dirname(db.mediaDir),
});

async function pageOf(db: TestDb, address: string): Promise<string> {
  const config = {
    ...loadConfig({ CINELOG_DATA_DIR: path.dirname(db.mediaDir) }),
    pageCache: false,
  };
  const app = createApp({
    db,
    config: { ...config, mediaDir: db.mediaDir },
    logger: pino({ level: "silent" }),
  });
  const response = await app.request(address);
  expect(response.status).toBe(200);
  return response.text();
}

describe.each(dialects)("cinelog backup on %s", (dialect) => {
  let source: TestDb;
  let target: TestDb;
  let dir: string;
  beforeAll(async () => {
    [source, target] = await Promise.all([openTestDb(dialect), openTestDb(dialect)]);
    await buildRichSite(source, source.mediaDir);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "cinelog-scheduled-backup-"));
  }, 60_000);
  afterAll(async () => {
    await Promise.all([source?.dispose(), target?.dispose()]);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it(
    "writes checked backups, keeps the newest N, records the last one, and restores",
    async () => {
      expect(await lastGoodBackup(source)).toBeUndefined();
      const runs = [];
      for (let i = 0; i < 3; i += 1) {
        runs.push(await runCli(["backup", "--to", dir, "--keep", "2"], envOf(source)));
      }
      for (const run of runs) {
        expect(run.stderr).toBe("");
        expect(run.code).toBe(0);
        expect(run.stdout).toMatch(/^Backup written and checked: .*cinelog-backup-.*\.zip \(/);
      }
      expect(runs[2]!.stdout).toMatch(/Removed old backup cinelog-backup-/);
      const files = fs.readdirSync(dir).sort();
      // Nothing half-written is left, and only the newest two remain.
      expect(files).toHaveLength(2);
      for (const name of files) expect(name).toMatch(backupFilePattern);
      const newest = path.basename(/checked: (\S+) \(/.exec(runs[2]!.stdout)![1]!);
      expect(files).toContain(newest);

      const last = await lastGoodBackup(source);
      expect(last?.file).toBe(newest);
      expect(last?.bytes).toBe(fs.statSync(path.join(dir, newest)).size);

      const restored = await runCli(["import", "json", path.join(dir, newest)], envOf(target));
      expect(restored.stderr).toBe("");
      expect(restored.code).toBe(0);
      expect(await dumpTables(target)).toEqual(await dumpTables(source));
      for (const address of ["/", "/archive", "/series", "/years"]) {
        expect(await pageOf(target, address)).toBe(await pageOf(source, address));
      }
    },
    slow,
  );

  it("refuses a missing folder argument or a bad --keep with the usage", async () => {
    const [noDir, badKeep] = await Promise.all([
      runCli(["backup"], envOf(source)),
      runCli(["backup", "--to", dir, "--keep", "none"], envOf(source)),
    ]);
    expect(noDir.code).toBe(2);
    expect(noDir.stderr).toMatch(/Usage: cinelog backup --to DIR/);
    expect(badKeep.code).toBe(2);
    expect(badKeep.stderr).toMatch(/Usage: cinelog backup --to DIR/);
  });
});
