// A WordPress export that breaks part-way (a download cut short, a garbled byte run): the
// items before the break are kept, the message says how many and that the same import
// resumes once the file is mended; the CLI and the admin job say so, on both databases.
import { defaultImportLimits } from "../../src/config/import-limits.ts";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runImportJob } from "../../src/importers/jobs/import-job-runner.ts";
import { importJob, queueImportJob } from "../../src/importers/jobs/import-jobs.ts";
import { runCli } from "../support/cli.ts";
import { dialects, openTestDb, type TestDb } from "../support/databases.ts";
import { wxrDocument, type WxrItemSpec } from "../support/wxr-writer.ts";
import { sourceUrl } from "../importers/wordpress-fixture.ts";

const posts: WxrItemSpec[] = Array.from({ length: 130 }, (_, i) => ({
  id: 2000 + i,
  title: `Film Number ${i} (${1950 + (i % 60)})`,
  slug: `film-${i}`,
  date: "2013-01-02 20:00:00",
  content: `Directed by Ada Brandt\n\nReview ${i} of the series, in a few words.`,
}));

function files(): { whole: string; cut: string; garbled: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cinelog-part-way-"));
  const text = wxrDocument({ baseUrl: sourceUrl }, posts);
  // Cut inside item 120 (of 130), as a download stopped short would be.
  const at = text.indexOf("<wp:post_id>2120</wp:post_id>");
  const write = (name: string, content: string) => {
    fs.writeFileSync(path.join(dir, name), content);
    return path.join(dir, name);
  };
  return {
    whole: write("whole.xml", text),
    cut: write("cut.xml", text.slice(0, at)),
    garbled: write("garbled.xml", `${text.slice(0, at)}<<<&&& ${text.slice(at)}`),
  };
}

async function reviewCount(db: TestDb): Promise<number> {
  const row = await db.kysely
    .selectFrom("reviews")
    .select((eb) => eb.fn.countAll().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describe.each(dialects)("an export that breaks part-way, on %s", (dialect) => {
  let db: TestDb;
  let env: Record<string, string>;
  const { whole, cut, garbled } = files();
  beforeAll(async () => {
    db = await openTestDb(dialect);
    env = { DATABASE_URL: db.url, CINELOG_DATA_DIR: db.mediaDir.replace(/\/media$/, "") };
  });
  afterAll(() => db.dispose());

  it("says how many items came in and that the same command resumes; then it does", async () => {
    const broken = await runCli(["import", "wordpress", cut], env);
    expect(broken.code).toBe(1);
    const message = /^Import failed: (.*)$/m.exec(broken.stderr)?.[1] ?? "";
    expect(message).toMatch(/Not a readable WordPress export/);
    const imported = Number(/ (\d+) items of the file/.exec(message)?.[1]);
    // Every item read whole before the cut is kept: the 120 before it.
    expect(imported).toBe(120);
    expect(await reviewCount(db)).toBe(120);
    expect(message).toMatch(/run the same import again: what is already here is recognised/);

    const again = await runCli(["import", "wordpress", whole], env);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/ {2}reviews: 10\n/);
    expect(again.stdout).toMatch(/reviews already imported: 120/);
    expect(await reviewCount(db)).toBe(130);
  });

  it("tells the owner the same on the admin import page's job", async () => {
    const owner = await db.kysely
      .insertInto("users")
      .values({
        email: "owner@example.org",
        display_name: "Owner",
        role: "owner",
        password_hash: null,
        created_at: new Date().toISOString(),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const upload = path.join(path.dirname(garbled), "upload.xml");
    fs.copyFileSync(garbled, upload);
    const job = await queueImportJob(db, {
      kind: "wordpress",
      originalName: "garbled.xml",
      storedPath: upload,
      createdBy: owner.id,
    });
    await runImportJob(
      {
        db,
        mediaDir: db.mediaDir,
        logger: pino({ level: "silent" }),
        limits: defaultImportLimits,
      },
      job!,
    );
    const ended = await importJob(db, job!.id);
    expect(ended?.status).toBe("failed");
    expect(ended?.error).toMatch(/Not a readable WordPress export/);
    expect(ended?.error).toMatch(/ \d+ items of the file .* were imported before this point/);
    expect(ended?.error).toMatch(/run the same import again/);
  });
});
