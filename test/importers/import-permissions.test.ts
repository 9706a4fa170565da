// An import's child process runs under Node's permission model, on both databases. A real
// WordPress import is watched from outside: the child's own command line (read from /proc while
// it runs, as `ps` would) asks for the permission model, grants writes to the media folder and
// the database's files only, and no processes or threads. Those same flags, given to a fresh
// Node, let it write into the media folder and refuse everything else the child might try. And a
// refusal the child meets becomes a message for the owner, not a crash.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFailure } from "../../src/backup/backup-zip.ts";
import { defaultImportLimits } from "../../src/config/import-limits.ts";
import { failureOf } from "../../src/importers/worker/import-failure.ts";
import { runImport } from "../../src/importers/worker/run-import.ts";
import { dialects, openTestDb, type TestDb } from "../support/databases.ts";
import { wxrDocument, type WxrItemSpec } from "../support/wxr-writer.ts";

const appRoot = path.resolve(import.meta.dirname, "../..");

/** The command lines of this process's children, as the kernel shows them. */
function childCommandLines(): string[][] {
  const tasks = fs.readdirSync(`/proc/${process.pid}/task`);
  const children = tasks.flatMap((task) =>
    fs
      .readFileSync(`/proc/${process.pid}/task/${task}/children`, "utf8")
      .split(" ")
      .filter(Boolean),
  );
  return children.flatMap((pid) => {
    try {
      return [fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean)];
    } catch {
      return []; // It has just ended.
    }
  });
}

/** Runs `script` (an ES module) in a new Node with `flags`; its output parsed as JSON. */
function runWith(flags: string[], script: string): Record<string, string> {
  const result = spawnSync(
    process.execPath,
    [...flags, "--disable-warning=PERM0001", "--input-type=module", "-e", script],
    { encoding: "utf8" },
  );
  if (result.status !== 0) throw new Error(`the probe failed: ${result.stderr}`);
  return JSON.parse(result.stdout) as Record<string, string>;
}

describe.each(dialects)("an import's child process on %s", (dialect) => {
  let db: TestDb;
  let elsewhere: string;
  let file: string;

  beforeAll(async () => {
    db = await openTestDb(dialect);
    elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), "cinelog-elsewhere-"));
    const posts: WxrItemSpec[] = Array.from({ length: 40 }, (_, i) => ({
      id: i + 1,
      title: `Film number ${i + 1} (${1950 + i})`,
      slug: `film-number-${i + 1}`,
      date: "2012-03-04 20:00:00",
      content: `Directed by Ada Lovelace. A review of film ${i + 1}.`,
    }));
    file = path.join(elsewhere, "export.xml");
    fs.writeFileSync(file, wxrDocument({}, posts));
  });
  afterAll(async () => {
    await db.dispose();
    fs.rmSync(elsewhere, { recursive: true, force: true });
  });

  it("imports with writes granted to the media folder and the database only, and no processes", async () => {
    let settled = false;
    const imported = runImport(
      { kind: "wordpress", file, mediaDir: db.mediaDir },
      { databaseUrl: db.url, limits: defaultImportLimits },
    ).finally(() => (settled = true));
    let child: string[] | undefined;
    while (!child && !settled) {
      child = childCommandLines().find((args) => args.some((a) => a.includes("import-worker")));
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const summary = await imported;
    expect(summary.counts).toContainEqual(["reviews", 40]);

    if (!child) throw new Error("the import's child process was not seen");
    const flags = child.filter((a) => a === "--permission" || a.startsWith("--allow-"));
    const granted = (kind: string) =>
      flags.filter((a) => a.startsWith(`--allow-fs-${kind}=`)).map((a) => a.split("=")[1]);
    expect(flags).toContain("--permission");
    expect(flags.filter((a) => !a.startsWith("--allow-fs-"))).toEqual([
      "--permission",
      "--allow-addons",
    ]);
    const database = db.url.startsWith("sqlite:") ? db.url.slice("sqlite:".length) : undefined;
    const databaseFiles = database
      ? ["", "-wal", "-shm", "-journal"].map((suffix) => database + suffix)
      : [];
    expect(granted("write").sort()).toEqual([...databaseFiles, db.mediaDir].sort());
    expect(granted("read")).toContain(appRoot);
    expect(granted("read")).toContain(file);

    // The same flags in a fresh Node: the media folder takes a file; nothing else does.
    const outside = path.join(elsewhere, "written-by-an-import.txt");
    const secret = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "cinelog-secret-")), "key");
    fs.writeFileSync(secret, "not for imports");
    const attempts = runWith(
      flags,
      `
      import fs from "node:fs";
      import { execFileSync } from "node:child_process";
      import { Worker } from "node:worker_threads";
      const outcome = (act) => { try { act(); return "done"; } catch (e) { return e.code; } };
      console.log(JSON.stringify({
        media: outcome(() => fs.writeFileSync(${JSON.stringify(path.join(db.mediaDir, "probe.txt"))}, "x")),
        outside: outcome(() => fs.writeFileSync(${JSON.stringify(outside)}, "x")),
        overwriteExport: outcome(() => fs.appendFileSync(${JSON.stringify(file)}, "x")),
        readElsewhere: outcome(() => fs.readFileSync(${JSON.stringify(secret)}, "utf8")),
        process: outcome(() => execFileSync("true")),
        thread: outcome(() => new Worker("0", { eval: true })),
      }));
      `,
    );
    expect(attempts).toEqual({
      media: "done",
      outside: "ERR_ACCESS_DENIED",
      overwriteExport: "ERR_ACCESS_DENIED",
      readElsewhere: "ERR_ACCESS_DENIED",
      process: "ERR_ACCESS_DENIED",
      thread: "ERR_ACCESS_DENIED",
    });
    expect(fs.existsSync(outside)).toBe(false);
    fs.rmSync(path.dirname(secret), { recursive: true, force: true });
  }, 60_000);
});

describe("a refusal the import's child meets", () => {
  it("is told to the owner as a refusal, naming what was tried", () => {
    const denied = Object.assign(new Error("Access to this API has been restricted."), {
      code: "ERR_ACCESS_DENIED",
      permission: "FileSystemWrite",
      resource: "/etc/cron.d/job",
    });
    expect(failureOf(denied)).toEqual({
      expected: true,
      code: "ERR_ACCESS_DENIED",
      message:
        "Refused: the import tried to write /etc/cron.d/job, outside what an import may touch " +
        "(its own file, and the media folder and the database to write). Nothing there was changed.",
    });
    // A restore's read of the backup passes it on as it is, not as damage to the backup.
    expect(readFailure("media/stills/1/a.jpg", denied)).toBe(denied);
    expect(readFailure("media/stills/1/a.jpg", new Error("bad CRC")).message).toBe(
      "The backup's media/stills/1/a.jpg is damaged (bad CRC).",
    );
    expect(failureOf(new TypeError("a bug"))).toMatchObject({ expected: false, message: "a bug" });
  });
});
