// The README's "Running in production" steps that no other test runs, taken from the README
// and contrib/ themselves: the systemd units are checked by `systemd-analyze verify`  and against the README (user, environment file, data folder), their
// ExecStart commands are run as written (with /opt/cinelog mapped to this checkout and the
// README's own settings), and step 5's "first owner" command is run word for word.
import { execFileSync, spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connect } from "../../src/db/connect.ts";
import { freePort, runCliProcess } from "../support/cli.ts";

const root = path.resolve(import.meta.dirname, "../..");
const read = (file: string) => fs.readFileSync(path.join(root, file), "utf8");
const readme = read("README.md");
const section = readme.slice(
  readme.indexOf("## Running in production"),
  readme.indexOf("\n## ", readme.indexOf("## Running in production") + 5),
);

/** The values of one unit file: `Key=value` lines, several values per key kept in order. */
function unitValues(file: string): Map<string, string[]> {
  const values = new Map<string, string[]>();
  for (const line of read(file).split("\n")) {
    const match = /^([A-Za-z]+)=(.*)$/.exec(line.trim());
    if (match) values.set(match[1]!, [...(values.get(match[1]!) ?? []), match[2]!]);
  }
  return values;
}
const one = (values: Map<string, string[]>, key: string) => {
  const found = values.get(key);
  expect(found, key).toHaveLength(1);
  return found![0]!;
};

/** Words of a shell command line, with "double quotes" kept together. */
const words = (line: string) => [...line.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]!);

/** Step 2's settings, as the README writes them (`KEY=value` in back-quotes). */
function readmeSettings(): Record<string, string> {
  const step = section.slice(section.indexOf("2. **Configure**"), section.indexOf("3. **Proxy**"));
  return Object.fromEntries(
    [...step.matchAll(/`([A-Z_]+)=([^`\s]+)`/g)]
      .filter((m) => !m[2]!.includes("…"))
      .map((m) => [m[1]!, m[2]!]),
  );
}

const installDir = "/opt/cinelog";
const units = ["contrib/cinelog.service", "contrib/cinelog-backup.service"];

describe("the systemd units in contrib/", () => {
  it("pass systemd-analyze verify without a warning", () => {
    const analyze = ["/usr/bin/systemd-analyze", "/bin/systemd-analyze"].find((p) =>
      fs.existsSync(p),
    );
    // .ci/run installs systemd where an image lacks it: this check is never skipped quietly.
    if (!analyze) throw new Error("systemd-analyze not found: apt-get install -y systemd");
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cinelog-units-"));
    try {
      for (const file of [...units, "contrib/cinelog-backup.timer"]) {
        fs.copyFileSync(path.join(root, file), path.join(dir, path.basename(file)));
      }
      const result = spawnSync(
        analyze,
        ["verify", ...fs.readdirSync(dir).map((f) => path.join(dir, f))],
        { encoding: "utf8", timeout: 30_000 },
      );
      // A missing binary fails; an unknown or misspelt option only warns: both count.
      expect(result.stderr).toBe("");
      expect(result.status).toBe(0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("name the README's user, environment file, install and data folders", () => {
    const settings = readmeSettings();
    expect(settings.CINELOG_DATA_DIR).toBe("/var/lib/cinelog");
    const useradd = /`useradd --system --home (\S+) --shell \S+ (\w+)`/.exec(section);
    expect(useradd?.slice(1)).toEqual([settings.CINELOG_DATA_DIR, "cinelog"]);
    expect(section).toContain("`/etc/cinelog/cinelog.env`");
    for (const file of units) {
      const unit = unitValues(file);
      expect(one(unit, "User")).toBe("cinelog");
      expect(one(unit, "WorkingDirectory")).toBe(installDir);
      expect(one(unit, "EnvironmentFile")).toBe("/etc/cinelog/cinelog.env");
      expect(one(unit, "ProtectSystem")).toBe("strict");
      expect(one(unit, "ReadWritePaths").split(" ")).toContain(settings.CINELOG_DATA_DIR);
      const exec = words(one(unit, "ExecStart"));
      expect(exec.slice(0, 2)).toEqual(["/usr/bin/node", `${installDir}/bin/cinelog.js`]);
    }
    const service = unitValues("contrib/cinelog.service");
    expect(words(one(service, "ExecStart")).slice(2)).toEqual(["serve", "--production"]);
    expect(one(service, "KillSignal")).toBe("SIGTERM");
    expect(one(service, "Restart")).toBe("on-failure");
    const backup = unitValues("contrib/cinelog-backup.service");
    const backupTo = words(one(backup, "ExecStart")).slice(2);
    expect(backupTo).toEqual(["backup", "--to", "/var/backups/cinelog", "--keep", "14"]);
    expect(one(backup, "ReadWritePaths").split(" ")).toContain("/var/backups/cinelog");
    expect(section).toContain("`cinelog backup --to /var/backups/cinelog --keep 14`");
    // The timer's schedule is one systemd understands (checked by verify above) and daily.
    expect(one(unitValues("contrib/cinelog-backup.timer"), "OnCalendar")).toMatch(
      /^\*-\*-\* \d\d:\d\d:\d\d$/,
    );
  });
});

describe("the units' commands and the first-owner step, run as written", () => {
  let dir: string;
  let env: Record<string, string>;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "cinelog-runbook-"));
    // The README's settings, with the data folder and port this test may use.
    env = {
      ...readmeSettings(),
      CINELOG_DATA_DIR: dir,
      PORT: String(await freePort()),
      NODE_ENV: "production",
      LOG_LEVEL: "info",
    };
    delete env.DATABASE_URL;
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** A unit's ExecStart, with /opt/cinelog as this checkout and this test's Node 24. */
  const execStart = (file: string) => {
    const [, script, ...args] = words(one(unitValues(file), "ExecStart"));
    return [script!.replace(installDir, root), ...args];
  };

  it("serves with cinelog.service's ExecStart and stops on SIGTERM, exiting 0", async () => {
    const [script, ...args] = execStart("contrib/cinelog.service");
    expect(fs.existsSync(script!)).toBe(true);
    const child = spawn(process.execPath, [script!, ...args], {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
    let health = "";
    for (let i = 0; i < 600 && child.exitCode === null && !health; i++) {
      try {
        health = await (await fetch(`http://127.0.0.1:${env.PORT}/healthz`)).text();
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    expect(health, output).toBe("ok\n");
    // It runs the compiled build: production mode never compiles sources on the fly.
    expect(output).not.toMatch(/tsx/);
    child.kill("SIGTERM");
    expect(await exited, output).toBe(0);
    expect(output).toMatch(/Cinelog stopped\./);
  }, 120_000);

  it("adds the first owner with step 5's command, word for word", async () => {
    const step = /5\. \*\*First owner\*\*: `([^`]+)`/.exec(section)?.[1] ?? "";
    const command = words(step.slice(step.indexOf("bin/cinelog.js") + "bin/cinelog.js".length));
    expect(command.slice(0, 2)).toEqual(["user", "add"]);
    const added = await runCliProcess(command, env, "a long enough secret\n");
    expect(added.stderr).toBe("");
    expect(added.code).toBe(0);
    const db = connect(`sqlite:${path.join(dir, "cinelog.db")}`);
    try {
      const owners = await db.kysely
        .selectFrom("users")
        .select(["email", "display_name", "role"])
        .execute();
      expect(owners).toEqual([
        { email: "you@example.com", display_name: "Your Name", role: "owner" },
      ]);
    } finally {
      await db.close();
    }
  });

  it("writes a checked backup with cinelog-backup.service's ExecStart", () => {
    const target = path.join(dir, "backups");
    const [script, ...args] = execStart("contrib/cinelog-backup.service");
    const to = args.indexOf("--to");
    args[to + 1] = target;
    const output = execFileSync(process.execPath, [script!, ...args], {
      cwd: root,
      env: { ...process.env, ...env },
      encoding: "utf8",
    });
    expect(fs.readdirSync(target), output).toEqual([
      expect.stringMatching(/^cinelog-backup-\d{8}T\d{6}Z\.zip$/),
    ]);
  }, 120_000);
});
