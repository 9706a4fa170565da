// Upgrades as a deploy script sees them: `cinelog migrate --check` answers by exit code, two
// instances starting together on PostgreSQL apply each migration once, and a database that a
// newer Cinelog migrated is refused with its schema version named.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { connect } from "../../src/db/connect.ts";
import { migrationsFor } from "../../src/db/migrate.ts";
import { runCli, runCliProcess } from "../support/cli.ts";
import { withDatabase } from "../support/database-templates.ts";
import { dialects, openTestDb, postgresUrl } from "../support/databases.ts";

const known = Object.keys(migrationsFor(connect("sqlite::memory:")));
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe("cinelog migrate --check", () => {
  it("exits 1 listing what is pending, then 0 once migrated", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cinelog-migrate-check-"));
    dirs.push(dir);
    const env = { DATABASE_URL: `sqlite:${path.join(dir, "site.db")}`, CINELOG_DATA_DIR: dir };
    const before = await runCli(["migrate", "--check"], env);
    expect(before.code).toBe(1);
    expect(before.stdout).toMatch(new RegExp(`has ${known.length} pending migration\\(s\\)`));
    expect(before.stdout).toMatch(/ {2}001-initial\n/);
    expect((await runCli(["migrate"], env)).code).toBe(0);
    const after = await runCli(["migrate", "--check"], env);
    expect(after.code).toBe(0);
    expect(after.stdout).toMatch(`is up to date (schema version ${known.at(-1)})`);
  });
});

describe.each(dialects)("a database migrated by a newer Cinelog, on %s", (dialect) => {
  it("is refused by migrate, migrate --check and serve, naming its schema version", async () => {
    const db = await openTestDb(dialect);
    try {
      await sql`insert into kysely_migration (name, timestamp) values ('999-from-the-future', '2030-01-01T00:00:00.000Z')`.execute(
        db.kysely,
      );
      const env = { DATABASE_URL: db.url, CINELOG_DATA_DIR: path.dirname(db.mediaDir) };
      const [check, migrate, serve] = await Promise.all([
        runCli(["migrate", "--check"], env),
        runCli(["migrate"], env),
        runCli(["serve"], env),
      ]);
      expect(check.code).toBe(3);
      for (const result of [check, migrate, serve]) {
        expect(result.stderr).toMatch(
          "The database is at schema version 999-from-the-future, newer than this Cinelog knows",
        );
      }
      expect(migrate.code).toBe(1);
      expect(serve.code).toBe(1);
    } finally {
      await db.dispose();
    }
  });
});

describe.runIf(dialects.includes("postgres"))("two instances starting together", () => {
  it("apply each migration exactly once on PostgreSQL", async () => {
    const database = `t_race_${randomBytes(5).toString("hex")}`;
    const admin = new pg.Client({ connectionString: postgresUrl });
    await admin.connect();
    await admin.query(`create database ${database}`);
    const url = withDatabase(postgresUrl, database);
    try {
      // Two real processes, as two app instances (or a deploy's two nodes) would start.
      const [a, b] = await Promise.all([
        runCliProcess(["migrate"], { DATABASE_URL: url }),
        runCliProcess(["migrate"], { DATABASE_URL: url }),
      ]);
      expect([a.code, b.code]).toEqual([0, 0]);
      const appliedBy = (out: string) => Number(/^Applied (\d+) migration/.exec(out)?.[1] ?? 0);
      // One process applied all of them; the other waited on the lock and found none left.
      expect([appliedBy(a.stdout), appliedBy(b.stdout)].sort()).toEqual([0, known.length].sort());
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        const rows = await client.query<{ name: string; n: string }>(
          "select name, count(*) as n from kysely_migration group by name order by name",
        );
        expect(rows.rows.map((r) => r.name)).toEqual(known);
        expect(rows.rows.every((r) => r.n === "1")).toBe(true);
      } finally {
        await client.end();
      }
    } finally {
      await admin.query(`drop database if exists ${database} with (force)`);
      await admin.end();
    }
  });
});
