// The `cinelog` command on both databases: its commands in-process (runCli), and the process
// itself — bin/cinelog.js running the build, exit codes, standard input — in child processes.
// The first start of a real server, which loads the demo, is test/cli/first-start.test.ts.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { passwordMatches } from "../../src/domain/users.ts";
import { runCli, runCliProcess } from "../support/cli.ts";
import { dialects, openTestDb, type TestDb } from "../support/databases.ts";

const envOf = (db: TestDb) => ({
  DATABASE_URL: db.url,
  CINELOG_DATA_DIR: db.mediaDir.replace(/\/media$/, ""),
});

describe.each(dialects)("cinelog CLI on %s", (dialect) => {
  let db: TestDb;
  let env: Record<string, string>;
  beforeAll(async () => {
    db = await openTestDb(dialect);
    env = envOf(db);
  });
  afterAll(async () => {
    await db.dispose();
  });

  it("migrates, and says so", async () => {
    const result = await runCli(["migrate"], env);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    // The test database was migrated when it was opened: nothing is left to apply.
    expect(result.stdout).toMatch(/was already up to date; nothing to apply\.\n$/);
  });

  it("adds an owner with an argon2id password read from standard input", async () => {
    const result = await runCli(
      ["user", "add", "--email", "Owner@Example.com", "--name", "The Owner", "--password-stdin"],
      env,
      "a long enough secret\n",
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Created owner The Owner <owner@example.com>.");
    const user = await db.kysely
      .selectFrom("users")
      .selectAll()
      .where("email", "=", "owner@example.com")
      .executeTakeFirstOrThrow();
    expect(user.role).toBe("owner");
    expect(await passwordMatches(user, "a long enough secret")).toBe(true);
  });

  it("refuses a short password and a duplicate account with a clear message", async () => {
    const short = await runCli(
      ["user", "add", "--email", "x@example.com", "--name", "X", "--password-stdin"],
      env,
      "short",
    );
    expect(short.code).toBe(1);
    expect(short.stderr).toContain("at least 10 characters");
    const again = await runCli(
      ["user", "add", "--email", "owner@example.com", "--name", "Again", "--password-stdin"],
      env,
      "another long secret",
    );
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("already an account");
  });

  it("names what user add is missing and exits non-zero, creating nothing", async () => {
    const noName = await runCli(
      ["user", "add", "--email", "n@example.com", "--password-stdin"],
      env,
      "a long enough secret",
    );
    expect(noName.code).toBe(2);
    expect(noName.stderr).toContain("Missing --name");
    const nothing = await runCli(["user", "add", "--password-stdin"], env, "a long enough secret");
    expect(nothing.code).toBe(2);
    expect(nothing.stderr).toMatch(/Missing --email .* and --name/);
    const badRole = await runCli(
      ["user", "add", "--email", "r@example.com", "--name", "R", "--role", "king"],
      env,
    );
    expect(badRole.code).toBe(2);
    expect(badRole.stderr).toContain('Unknown role "king"');
    const rows = await db.kysely
      .selectFrom("users")
      .select("email")
      .where("email", "in", ["n@example.com", "r@example.com"])
      .execute();
    expect(rows).toEqual([]);
  });

  it("rejects unknown commands and bad configuration without a stack trace", async () => {
    const unknown = await runCli(["frobnicate"], env);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("Unknown command: frobnicate");
    const badPort = await runCli(["migrate"], { ...env, PORT: "eighty" });
    expect(badPort.code).toBe(1);
    expect(badPort.stderr).toMatch(/Invalid configuration:\n\s+port:/);
    expect(badPort.stderr).not.toMatch(/\n\s+at /);
  });
});

describe("cinelog migrate on a new database", () => {
  it("lists what it applied, then says the schema is up to date", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cinelog-migrate-"));
    try {
      const env = { DATABASE_URL: `sqlite:${path.join(dir, "new.db")}`, CINELOG_DATA_DIR: dir };
      const first = await runCli(["migrate"], env);
      expect(first.code).toBe(0);
      expect(first.stdout).toMatch(/^Applied \d+ migrations to .+:\n {2}001-initial\n/);
      expect(first.stdout).toMatch(/is now up to date\.\n$/);
      // The list is the command's own; no JSON log line repeats it.
      expect(first.stdout).not.toContain('"level"');
      const again = await runCli(["migrate"], env);
      expect(again.stdout).toMatch(/was already up to date; nothing to apply\.\n$/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

// The process around the commands, once: what bin/cinelog.js and main.ts add to run().
describe("the cinelog process", () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await openTestDb("sqlite");
  });
  afterAll(async () => {
    await db.dispose();
  });

  it("prints its help and exits with 0", async () => {
    const result = await runCliProcess(["--help"], {});
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^cinelog — a self-hosted film journal\n/);
    expect(result.stdout).toContain("user add --email E --name N");
  });

  it("exits with 2 for an unknown command and 1 for bad configuration, with no stack trace", async () => {
    const [unknown, badPort] = await Promise.all([
      runCliProcess(["frobnicate"], envOf(db)),
      runCliProcess(["migrate"], { ...envOf(db), PORT: "eighty" }),
    ]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("Unknown command: frobnicate");
    expect(badPort.code).toBe(1);
    expect(badPort.stderr).toMatch(/^Invalid configuration:\n\s+port:/);
    expect(badPort.stderr).not.toMatch(/\n\s+at /);
  });

  it("reads a password from its standard input and writes to the database", async () => {
    const result = await runCliProcess(
      ["user", "add", "--email", "piped@example.com", "--name", "Piped", "--password-stdin"],
      envOf(db),
      "a long enough secret\n",
    );
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toBe("Created owner Piped <piped@example.com>.\n");
    const user = await db.kysely
      .selectFrom("users")
      .selectAll()
      .where("email", "=", "piped@example.com")
      .executeTakeFirstOrThrow();
    expect(await passwordMatches(user, "a long enough secret")).toBe(true);
  });
});
