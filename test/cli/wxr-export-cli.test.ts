// `cinelog export wxr` as an operator runs it, in a child process, on both databases: to a
// file with a summary, to standard output, and with clear messages when it cannot.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../support/cli.ts";
import { dialects, openTestDb, type TestDb } from "../support/databases.ts";
import { buildExportSite, siteUrl } from "../exporters/wxr-site.ts";

// Each run starts a process that compiles the CLI: slow on a busy machine.
const cliTimeout = 240_000;

/** The channel's date is the moment of export: set aside to compare two exports. */
const withoutDate = (xml: string) => xml.replace(/<pubDate>[^<]*<\/pubDate>/, "");

describe.each(dialects)("cinelog export wxr on %s", (dialect) => {
  let db: TestDb;
  let env: Record<string, string>;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cinelog-wxr-cli-"));

  beforeAll(async () => {
    db = await openTestDb(dialect);
    await buildExportSite(db);
    env = {
      DATABASE_URL: db.url,
      CINELOG_DATA_DIR: db.mediaDir.replace(/\/media$/, ""),
      SITE_URL: siteUrl,
    };
  });
  afterAll(() => db.dispose());

  it(
    "writes the export to a file, and the same to standard output",
    async () => {
      const file = path.join(dir, "site.xml");
      const result = await runCli(["export", "wxr", "--out", file], env);
      expect(result.stderr).toBe("");
      expect(result.code).toBe(0);
      expect(result.stdout).toBe(
        `Exported 7 reviews, 2 stills, 6 comments (spam left out), 3 posts and pages, and 1 series to ${file}.\n`,
      );
      const written = fs.readFileSync(file, "utf8");
      expect(written).toContain("<wp:wxr_version>1.2</wp:wxr_version>");
      expect(written).toContain(`<wp:attachment_url><![CDATA[${siteUrl}/media/stills/vegas.jpg]]>`);
      expect(written.trimEnd().endsWith("</rss>")).toBe(true);
      expect(fs.existsSync(`${file}.part`)).toBe(false);

      const piped = await runCli(["export", "wxr"], env);
      expect(piped.code).toBe(0);
      expect(withoutDate(piped.stdout)).toBe(withoutDate(written));
      expect(piped.stderr).toMatch(/^Exported 7 reviews/);
    },
    cliTimeout,
  );

  it(
    "imports back with `cinelog import wordpress`",
    async () => {
      const other = await openTestDb(dialect);
      try {
        const file = path.join(dir, "again.xml");
        expect((await runCli(["export", "wxr", "--out", file], env)).code).toBe(0);
        const imported = await runCli(["import", "wordpress", file, "--uploads", db.mediaDir], {
          DATABASE_URL: other.url,
          CINELOG_DATA_DIR: other.mediaDir.replace(/\/media$/, ""),
        });
        expect(imported.code).toBe(0);
        expect(imported.stdout).toMatch(/ {2}reviews: 7\n/);
        expect(imported.stdout).toMatch(/ {2}series: 1\n/);
        expect(imported.stdout).toMatch(/ {2}stills from featured images: 1\n {2}stills: 1\n/);
        expect(imported.stdout).toMatch(/ {2}images in review text brought in: 1\n/);
        expect(imported.stdout).not.toMatch(/Skipped/);
      } finally {
        await other.dispose();
      }
    },
    cliTimeout,
  );

  it(
    "says what is wrong instead of failing badly",
    async () => {
      const missing = await runCli(
        ["export", "wxr", "--out", path.join(dir, "no/such/dir/x.xml")],
        env,
      );
      expect(missing.code).toBe(1);
      expect(missing.stderr).toMatch(/^Export failed: .*no such file/);
      const usage = await runCli(["export", "wxr", "--to", "x.xml"], env);
      expect(usage.code).toBe(2);
      expect(usage.stderr).toMatch(/Usage: cinelog export wxr \[--out FILE\.xml\]/);
    },
    cliTimeout,
  );
});
