// Comments whose comment_date does not parse, on both databases: dated from
// comment_date_gmt, then from the date of the post they are on, never silently at the
// import; each one reported in the summary, and a second run reports none again.
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ImportSummary } from "../../src/importers/import-summary.ts";
import { importWordPress } from "../../src/importers/wordpress/import-wordpress.ts";
import { dialects, openTestDb, type TestDb } from "../support/databases.ts";
import { cdata, type WxrItemSpec } from "../support/wxr-writer.ts";
import { writeWxrFile } from "./wordpress-fixture.ts";

const reader = { author: "Noor", email: "noor@example.net" };
const items: WxrItemSpec[] = [
  {
    id: 1,
    title: "Cure (1997)",
    slug: "cure",
    date: "2013-04-30 21:00:00",
    content: "Directed by Kiyoshi Kurosawa\n\nA detective follows a trail of calm confessions.",
    comments: [
      { id: 11, ...reader, date: "2013-05-01 10:00:00", content: "Still unnerving." },
      // The local date garbled; comment_date_gmt (set below) reads.
      { id: 12, ...reader, date: "2013-02-30 25:61:00", content: "That lighter." },
      // Neither date reads: the post's date is the closest the source comes. A reply.
      { id: 13, parent: 11, ...reader, date: "", content: "Agreed, every time." },
    ],
  },
  {
    id: 2,
    title: "Pulse (2001)",
    slug: "pulse",
    // No date of the post reads either.
    date: "soon",
    dateGmt: "0000-00-00 00:00:00",
    pubDate: "Mon, 30 Nov -0001 00:00:00 +0000",
    content: "Directed by Kiyoshi Kurosawa\n\nThe internet as a haunted house.",
    comments: [{ id: 21, ...reader, date: "later", content: "The red tape on the doors." }],
  },
];

/** The generated export, with comment 12's comment_date_gmt set apart from its comment_date. */
function writeExport(): string {
  const file = writeWxrFile({}, items);
  const xml = fs.readFileSync(file, "utf8");
  const gmtOf12 = `<wp:comment_date_gmt>${cdata("2013-02-30 25:61:00")}</wp:comment_date_gmt>`;
  expect(xml).toContain(gmtOf12);
  fs.writeFileSync(
    file,
    xml.replace(
      gmtOf12,
      `<wp:comment_date_gmt>${cdata("2013-05-02 09:15:00")}</wp:comment_date_gmt>`,
    ),
  );
  return file;
}

describe.each(dialects)("dates of comments on %s", (dialect) => {
  let db: TestDb;
  let file: string;
  let summary: ImportSummary;
  let began: string;
  beforeAll(async () => {
    db = await openTestDb(dialect);
    file = writeExport();
    began = new Date().toISOString();
    summary = await importWordPress(db, { file, mediaDir: db.mediaDir });
  });
  afterAll(() => db.dispose());

  const comment = async (words: string) =>
    db.kysely
      .selectFrom("comments")
      .select(["created_at", "parent_id", "approved_at"])
      .where("body_md", "like", `%${words}%`)
      .executeTakeFirstOrThrow();

  it("falls back to comment_date_gmt, then the post's date", async () => {
    expect((await comment("Still unnerving")).created_at).toBe("2013-05-01T10:00:00.000Z");
    expect((await comment("That lighter")).created_at).toBe("2013-05-02T09:15:00.000Z");
    const reply = await comment("Agreed, every time");
    expect(reply.created_at).toBe("2013-04-30T21:00:00.000Z");
    expect(reply.approved_at).toBe("2013-04-30T21:00:00.000Z");
    // The reply stays in its thread.
    expect(reply.parent_id).not.toBeNull();
    // With nothing readable anywhere, the import's time — but never without saying so.
    expect((await comment("red tape")).created_at >= began).toBe(true);
  });

  it("reports every comment whose comment_date does not parse, and what dated it", () => {
    const group = summary.reported.find((g) => g.why.includes("comment_date does not parse"));
    expect(group?.count).toBe(3);
    const lines = group?.examples.join("\n") ?? "";
    expect(lines).toContain(
      'comment 12 on post 1: comment_date "2013-02-30 25:61:00" → 2013-05-02T09:15:00.000Z (from comment_date_gmt)',
    );
    expect(lines).toContain(
      'comment 13 on post 1: comment_date "" → 2013-04-30T21:00:00.000Z (from the date of its post)',
    );
    expect(lines).toContain(
      'comment 21 on post 2: comment_date "later" → no readable date at all: dated at the import',
    );
    expect(lines).not.toContain("comment 11 ");
    expect(summary.toText()).toContain("Reported: 3 × comments whose comment_date does not parse");
  });

  it("reports nothing again when the same export is imported again", async () => {
    const again = await importWordPress(db, { file, mediaDir: db.mediaDir });
    expect(again.reported.some((g) => g.why.includes("comment_date"))).toBe(false);
    const count = await db.kysely
      .selectFrom("comments")
      .select((eb) => eb.fn.countAll().as("n"))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(4);
  });
});
