// The runner every import and export command shares (src/cli/file-command.ts), through a
// small command declared here over a real database on both dialects: what reaches the user
// for wrong arguments, a failure they can fix, a bug, and a finished run, and that the
// database is closed whichever way it ends.
import { Readable, Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../src/db/connect.ts";
import { fileCommand } from "../../src/cli/file-command.ts";
import { dialects, openTestDb, type TestDb } from "../support/databases.ts";

class FixableError extends Error {}

/** `try [--count N] NAME`: fails as NAME asks, or counts the site's films. */
function tryCommand(opened: Db[], extra: { lenient?: boolean; explain?: boolean } = {}) {
  return fileCommand({
    usage: "Usage: try [--count N] NAME",
    options: { count: { type: "string" } },
    ...(extra.lenient ? { lenient: true } : {}),
    ...(extra.explain ? { explainParseErrors: true } : {}),
    args: ({ values, positionals: [name, ...rest] }) =>
      name && rest.length === 0 ? { name, count: Number(values.count ?? 3) } : undefined,
    dataOnStdout: ({ name }) => name === "to-stdout",
    async work({ args: { name, count }, runtime, progress }) {
      opened.push(runtime.db);
      for (let done = 1; done <= count; done++) progress?.({ done, total: count });
      if (name === "fixable") throw new FixableError("the folder is not empty");
      if (name === "bug") throw new TypeError("undefined is not a film");
      const films = await runtime.db.kysely
        .selectFrom("films")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow();
      return [`Counted ${Number(films.n)} films.`, "Done."];
    },
    verb: "Trying",
    knownFailure: (error, { name }) =>
      error instanceof FixableError ? `${name}: ${error.message}` : undefined,
  });
}

function collected(isTTY: boolean) {
  const chunks: Buffer[] = [];
  const stream = Object.assign(
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        chunks.push(chunk);
        done();
      },
    }),
    { isTTY },
  );
  return { stream, text: () => Buffer.concat(chunks).toString("utf8") };
}

describe.each(dialects)("the import/export runner on %s", (dialect) => {
  let db: TestDb;
  let env: Record<string, string>;

  beforeAll(async () => {
    db = await openTestDb(dialect);
    env = { DATABASE_URL: db.url, CINELOG_DATA_DIR: db.mediaDir.replace(/\/media$/, "") };
  });
  afterAll(() => db.dispose());

  async function runTry(
    argv: string[],
    options: {
      tty?: boolean;
      env?: Record<string, string>;
      lenient?: boolean;
      explain?: boolean;
    } = {},
  ) {
    const opened: Db[] = [];
    const stdout = collected(false);
    const stderr = collected(options.tty ?? false);
    const code = await tryCommand(opened, options)(argv, {
      stdout: stdout.stream,
      stderr: stderr.stream,
      stdin: Readable.from([""]),
      env: { LOG_LEVEL: "warn", ...env, ...options.env },
    });
    return { code, stdout: stdout.text(), stderr: stderr.text(), opened };
  }

  /** A closed connection refuses queries: the runner closed it. */
  async function expectClosed(opened: Db[]) {
    expect(opened).toHaveLength(1);
    await expect(opened[0]!.kysely.selectFrom("films").selectAll().execute()).rejects.toThrow();
  }

  it("refuses an unknown option or a missing argument with the usage and exit 2, before opening anything", async () => {
    const unknown = await runTry(["--nope", "x"]);
    expect(unknown).toEqual({
      code: 2,
      stdout: "",
      stderr: "Usage: try [--count N] NAME\n",
      opened: [],
    });

    const explained = await runTry(["--nope", "x"], { explain: true });
    expect(explained.code).toBe(2);
    expect(explained.stderr).toMatch(
      /^Unknown option '--nope'.*\nUsage: try \[--count N\] NAME\n$/s,
    );

    const missing = await runTry([]);
    expect(missing).toEqual({
      code: 2,
      stdout: "",
      stderr: "Usage: try [--count N] NAME\n",
      opened: [],
    });
    const extra = await runTry(["a", "b"]);
    expect(extra.code).toBe(2);
    expect(extra.opened).toEqual([]);
    const noValue = await runTry(["x", "--count"]);
    expect(noValue.code).toBe(2);
  });

  it("passes over an unknown option when the command is lenient", async () => {
    const result = await runTry(["--nope", "x"], { lenient: true });
    expect(result.stderr).toBe("");
    expect(result.stdout).toBe("Counted 0 films.\nDone.\n");
    expect(result.code).toBe(0);
  });

  it("prints the summary on standard output, or on standard error when the data goes to standard output", async () => {
    const result = await runTry(["films"]);
    expect(result).toMatchObject({ code: 0, stdout: "Counted 0 films.\nDone.\n", stderr: "" });
    await expectClosed(result.opened);

    const piped = await runTry(["to-stdout"], { tty: true });
    expect(piped).toMatchObject({ code: 0, stdout: "", stderr: "Counted 0 films.\nDone.\n" });
  });

  it("draws the bar only on a terminal, and ends its line before the summary or the failure", async () => {
    const plain = await runTry(["films"], { tty: false });
    expect(plain.stderr).not.toContain("[");

    const drawn = await runTry(["films"], { tty: true });
    expect(drawn.code).toBe(0);
    expect(drawn.stderr).toMatch(/\r\[#{30}\] 100% {2}\n$/);
    expect(drawn.stdout).toBe("Counted 0 films.\nDone.\n");

    const failed = await runTry(["fixable"], { tty: true });
    expect(failed.stderr).toMatch(/100% {2}\nTrying failed: fixable: the folder is not empty\n$/);
  });

  it("turns a failure the user can fix into '… failed: reason' and exit 1, and closes the database", async () => {
    const result = await runTry(["fixable"]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toBe("Trying failed: fixable: the folder is not empty\n");
    await expectClosed(result.opened);
  });

  it("reports a bug as its message alone, exit 1, with the stack only under LOG_LEVEL=debug", async () => {
    const result = await runTry(["bug"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe("undefined is not a film\n");
    await expectClosed(result.opened);

    const debugging = await runTry(["bug"], { env: { LOG_LEVEL: "debug" } });
    expect(debugging.code).toBe(1);
    expect(debugging.stderr).toMatch(/^TypeError: undefined is not a film\n\s+at /);
  });

  it("reports a database it cannot open as a message, exit 1", async () => {
    const unreachable =
      dialect === "sqlite" ? "sqlite:/dev/null/cinelog.db" : "postgres://postgres@127.0.0.1:1/none";
    const result = await runTry(["films"], { env: { DATABASE_URL: unreachable } });
    expect(result.code).toBe(1);
    expect(result.opened).toEqual([]);
    // One line saying what is wrong (the folder, the refused connection), no stack.
    expect(result.stderr).toMatch(/^\S[^\n]*\n$/);
  });
});
