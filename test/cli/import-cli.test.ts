// `cinelog import wordpress` as an operator runs it, in a child process, on both databases.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../support/cli.ts";
import { dialects, openTestDb, type TestDb } from "../support/databases.ts";
import { writeUploadsDir, writeWxrFile } from "../importers/wordpress-fixture.ts";

describe.each(dialects)("cinelog import wordpress on %s", (dialect) => {
  let db: TestDb;
  let env: Record<string, string>;
  beforeAll(async () => {
    db = await openTestDb(dialect);
    env = { DATABASE_URL: db.url, CINELOG_DATA_DIR: db.mediaDir.replace(/\/media$/, "") };
  });
  afterAll(() => db.dispose());

  it("imports, prints a summary, and adds nothing the second time", async () => {
    const file = writeWxrFile();
    const first = await runCli(["import", "wordpress", file], env);
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^Imported:/);
    expect(first.stdout).toMatch(/ {2}reviews: 4\n/);
    // The page and the plain post in the export stay a page and a post.
    expect(first.stdout).toMatch(/ {2}pages: 1\n/);
    expect(first.stdout).toMatch(/ {2}posts: 1\n/);
    expect(first.stdout).not.toMatch(/not built yet/);
    expect(first.stdout).toMatch(
      /attachments not fetched: run with --fetch-attachments or give --uploads DIR/,
    );

    // The second run, given the uploads folder, adds the featured image and nothing else.
    const uploads = await writeUploadsDir();
    const second = await runCli(["import", "wordpress", file, "--uploads", uploads], env);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/reviews already imported: 4/);
    expect(second.stdout).not.toMatch(/ {2}reviews: /);
    expect(second.stdout).toMatch(/pages already imported: 1/);
    expect(second.stdout).not.toMatch(/ {2}pages: /);
    expect(second.stdout).toMatch(/stills from featured images: 1/);
    const reviews = await db.kysely
      .selectFrom("reviews")
      .select((eb) => eb.fn.countAll().as("n"))
      .executeTakeFirstOrThrow();
    expect(Number(reviews.n)).toBe(4);
  });

  it("refuses a file that is not a WordPress export, with a clear message", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cinelog-wxr-"));
    const file = path.join(dir, "notes.xml");
    fs.writeFileSync(file, '<!DOCTYPE x [<!ENTITY a "b">]><rss><channel/></rss>');
    const result = await runCli(["import", "wordpress", file], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^Import failed: .*DOCTYPE/);

    const missing = await runCli(["import", "wordpress", path.join(dir, "nope.xml")], env);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/Import failed: .*no such file/);
  });

  it("explains how it is used", async () => {
    const result = await runCli(["import", "letterbox"], env);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/cinelog import wordpress FILE.xml \[--uploads DIR\]/);
  });
});
