// Comments on WordPress posts and pages come in as they do under reviews: threads, held
// comments (hidden until approved), spam and trash set aside, pingbacks kept as such; a
// second run adds nothing twice. Both databases.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ImportSummary } from "../../src/importers/import-summary.ts";
import { importWordPress } from "../../src/importers/wordpress/import-wordpress.ts";
import { appFor, getPage, textOf } from "../support/app.ts";
import { dialects, openTestDb, type TestDb } from "../support/databases.ts";
import type { WxrCommentSpec, WxrItemSpec } from "../support/wxr-writer.ts";
import { sourceUrl, writeWxrFile } from "./wordpress-fixture.ts";

const thread = (base: number): WxrCommentSpec[] => [
  {
    id: base + 1,
    author: "Ines",
    email: "ines@example.net",
    date: "2013-02-01 08:00:00",
    content: "The opening line is the whole piece.",
  },
  {
    id: base + 2,
    parent: base + 1,
    author: "Olu",
    email: "olu@example.net",
    date: "2013-02-01 09:00:00",
    content: "And the last line answers it.",
  },
  {
    id: base + 3,
    parent: base + 2,
    author: "Ines",
    email: "ines@example.net",
    date: "2013-02-01 10:00:00",
    content: "Fair, the two belong together.",
  },
  {
    id: base + 4,
    author: "Held Reader",
    email: "held@example.net",
    date: "2013-02-02 08:00:00",
    content: "Waiting for a yes.",
    approved: "0",
  },
  {
    id: base + 5,
    author: "Pill Shop",
    email: "spam@example.net",
    date: "2013-02-02 09:00:00",
    content: "Cheap things here.",
    approved: "spam",
  },
  {
    id: base + 6,
    author: "Another Blog",
    email: "",
    url: "https://other.example/",
    date: "2013-02-03 08:00:00",
    content: "Linked from a list of notes.",
    type: "pingback",
  },
];

const items: WxrItemSpec[] = [
  {
    id: 401,
    title: "Housekeeping for March",
    slug: "housekeeping-for-march",
    link: `${sourceUrl}/2013/01/housekeeping-for-march/`,
    date: "2013-01-30 10:00:00",
    content: "<p>Three hotel films and a heist, then a pause.</p>",
    comments: thread(4000),
  },
  {
    id: 402,
    title: "How the ratings work",
    slug: "how-the-ratings-work",
    type: "page",
    link: `${sourceUrl}/how-the-ratings-work/`,
    date: "2013-01-10 10:00:00",
    content: "<p>Stars count how soon I would watch it again.</p>",
    comments: thread(5000),
  },
];

describe.each(dialects)("comments on imported WordPress posts and pages on %s", (dialect) => {
  let db: TestDb;
  let summary: ImportSummary;
  let app: ReturnType<typeof appFor>;
  const file = writeWxrFile({}, items);

  beforeAll(async () => {
    db = await openTestDb(dialect);
    summary = await importWordPress(db, { file, mediaDir: db.mediaDir });
    app = appFor(db);
  });
  afterAll(() => db.dispose());

  it("counts them in the summary, none skipped", () => {
    expect(summary.counts.get("comments (approved)")).toBe(6);
    expect(summary.counts.get("comments (pending)")).toBe(2);
    expect(summary.counts.get("comments (spam)")).toBe(2);
    expect(summary.counts.get("pingbacks (approved)")).toBe(2);
    expect(summary.skipped.filter((s) => /comment/.test(s.why))).toEqual([]);
  });

  it.each([["/post/housekeeping-for-march"], ["/pages/how-the-ratings-work"]])(
    "shows the thread on %s, with held and spam comments hidden",
    async (path) => {
      const { response, document, html } = await getPage(app, path);
      expect(response.status).toBe(200);
      const first = [...document.querySelectorAll(".comment-list > li")].find((li) =>
        textOf(li.querySelector(".comment-content")).includes("The opening line"),
      );
      expect(first).toBeDefined();
      const second = first!.querySelector(":scope > .children > li");
      expect(textOf(second?.querySelector(".comment-content"))).toContain("And the last line");
      expect(textOf(second?.querySelector(".children"))).toContain("Fair, the two belong");
      expect(html).toContain("Linked from a list of notes.");
      expect(html).not.toContain("Waiting for a yes.");
      expect(html).not.toContain("Cheap things here.");
    },
  );

  it("stores them on the post, not a review, and adds nothing on a second run", async () => {
    const rows = await db.kysely
      .selectFrom("comments")
      .select(["review_id", "post_id", "kind", "status"])
      .execute();
    expect(rows).toHaveLength(12);
    expect(rows.every((r) => r.review_id === null && r.post_id !== null)).toBe(true);
    const again = await importWordPress(db, { file, mediaDir: db.mediaDir });
    expect(again.counts.get("comments (approved)")).toBeUndefined();
    const after = await db.kysely.selectFrom("comments").select("id").execute();
    expect(after).toHaveLength(12);
  });
});
