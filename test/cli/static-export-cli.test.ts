// `cinelog export static DIR` as an operator runs it, in a child process, on both databases:
// a summary at the end, a folder with something in it refused with a clear message unless
// --force, and the usage when the folder is missing.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../support/cli.ts";
import { dialects, openTestDb, type TestDb } from "../support/databases.ts";
import { buildFixture } from "../support/fixture.ts";

// Each run starts Node and tsx and renders the whole site: slow on a busy machine.
const cliTimeout = 180_000;

describe.each(dialects)("cinelog export static on %s", (dialect) => {
  let db: TestDb;
  let env: Record<string, string>;
  let f: Awaited<ReturnType<typeof buildFixture>>;
  let out: string;
  beforeAll(async () => {
    db = await openTestDb(dialect);
    f = await buildFixture(db);
    env = { DATABASE_URL: db.url, CINELOG_DATA_DIR: path.dirname(db.mediaDir) };
    out = fs.mkdtempSync(path.join(os.tmpdir(), "cinelog-static-cli-"));
  });
  afterAll(async () => {
    fs.rmSync(out, { recursive: true, force: true });
    await db.dispose();
  });

  it(
    "exports the site and prints a summary",
    async () => {
      const dir = path.join(out, "site");
      const result = await runCli(["export", "static", dir], {
        ...env,
        SITE_URL: "https://films.example/",
      });
      expect(result.stderr).toBe("");
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(new RegExp(`^Exported the site to ${dir}:\n`));
      const pages = Number(/ {2}pages: (\d+)\n/.exec(result.stdout)?.[1]);
      expect(pages).toBeGreaterThan(20);
      expect(result.stdout).toMatch(/ {2}feeds: \d+\n/);
      expect(result.stdout).toMatch(/ {2}media files: 0\n/);
      expect(result.stdout).toMatch(/ {2}\d+ files, [\d.]+ KB/);
      // The fixture's still has no file on disk: the summary says so rather than hide it.
      expect(result.stdout).toMatch(
        /Not exported:\n {2}\/media\/stills\/vegas\.jpg: the site answers 404/,
      );
      const slug = f.reviews.vegasReview.slug;
      expect(fs.existsSync(path.join(dir, `review/${slug}/index.html`))).toBe(true);
      // Feeds and the sitemap name the address the copy will be served at.
      expect(fs.readFileSync(path.join(dir, "feed.xml"), "utf8")).toContain(
        `<link>https://films.example/review/${slug}</link>`,
      );
      expect(fs.readFileSync(path.join(dir, "sitemap.xml"), "utf8")).toContain(
        `<loc>https://films.example/review/${slug}</loc>`,
      );
    },
    cliTimeout,
  );

  it(
    "refuses a folder with something in it unless --force, then replaces what is there",
    async () => {
      const dir = path.join(out, "busy");
      fs.mkdirSync(dir);
      fs.writeFileSync(path.join(dir, "notes.txt"), "keep me");
      const refused = await runCli(["export", "static", dir], env);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toBe(
        "Note: SITE_URL is not set, so feeds, the sitemap and canonical links name " +
          "http://127.0.0.1:4000. Set SITE_URL to the address the copy will be served at.\n" +
          `Export failed: ${dir} is not empty. Choose an empty folder, or add --force to empty this one first.\n`,
      );
      expect(fs.readFileSync(path.join(dir, "notes.txt"), "utf8")).toBe("keep me");

      const forced = await runCli(
        ["export", "static", dir, "--force", "--live", "https://live.example/"],
        env,
      );
      expect(forced.code).toBe(0);
      expect(fs.existsSync(path.join(dir, "notes.txt"))).toBe(false);
      const search = fs.readFileSync(path.join(dir, "search/index.html"), "utf8");
      expect(search).toContain('action="https://live.example/search"');
    },
    cliTimeout,
  );

  it(
    "explains how it is used",
    async () => {
      const cases = [[], ["a", "--live", "ftp://x"]];
      const results = await Promise.all(
        cases.map((args) => runCli(["export", "static", ...args], env)),
      );
      for (const [i, result] of results.entries()) {
        expect(result.code, cases[i]?.join(" ")).toBe(2);
        expect(result.stderr).toMatch(
          /Usage: cinelog export static DIR \[--force\] \[--live URL\]/,
        );
      }
      // Nothing was written for a command that was not understood.
      expect(fs.existsSync(path.resolve("a"))).toBe(false);
    },
    cliTimeout,
  );
});
