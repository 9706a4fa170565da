// Writers from credit lines, on both databases: "Written and directed by X" makes X the
// film's director and writer, a "Screenplay by"/"Written by" line beside the directing credit
// makes its names writers; the person page lists both jobs, a byline makes nobody, and the
// word-for-word check still finds every post as written.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ImportSummary } from "../../src/importers/import-summary.ts";
import { importWordPress } from "../../src/importers/wordpress/import-wordpress.ts";
import { appFor, getPage, textOf } from "../support/app.ts";
import { dialects, openTestDb, type TestDb } from "../support/databases.ts";
import type { WxrItemSpec } from "../support/wxr-writer.ts";
import { writeWxrFile } from "./wordpress-fixture.ts";

const block = (html: string) => `<!-- wp:paragraph -->\n<p>${html}</p>\n<!-- /wp:paragraph -->`;
const classic = (lines: string[]) => lines.join("\n\n");
const blocks = (lines: string[]) => lines.map(block).join("\n\n");

const items: WxrItemSpec[] = [
  {
    id: 1,
    title: "Jeanne Dielman (1975)",
    slug: "jeanne-dielman",
    date: "2015-02-01 20:00:00",
    content: classic([
      "Written and directed by Chantal Akerman",
      "Three days in a kitchen, and every minute of them counted.",
    ]),
  },
  {
    id: 2,
    title: "Taxi Driver (1976)",
    slug: "taxi-driver",
    date: "2015-02-08 20:00:00",
    content: blocks([
      "Directed by Martin Scorsese",
      "Screenplay by Paul Schrader",
      "A night shift that never quite ends.",
    ]),
  },
  {
    id: 3,
    title: "Hardcore (1979)",
    slug: "hardcore",
    date: "2015-02-15 20:00:00",
    content: blocks([
      "Written and directed by Paul Schrader, <em>Hardcore</em> (1979) is a father's search told flatly.",
      "The last scene refuses comfort.",
    ]),
  },
  {
    id: 4,
    title: "Blue Collar (1978)",
    slug: "blue-collar",
    date: "2015-02-22 20:00:00",
    content: classic([
      "Written by Paul Schrader",
      "Directed by Paul Schrader",
      "Three workers rob their own union.",
    ]),
  },
  {
    // The blog's byline, not the film's writer: nobody is made of it, and it stays.
    id: 5,
    title: "Thief (1981)",
    slug: "thief",
    date: "2015-03-01 20:00:00",
    content: classic(["Written by Vera Marsh", "A safecracker wants one quiet life."]),
  },
];

describe.each(dialects)("writers from credit lines on %s", (dialect) => {
  let db: TestDb;
  let summary: ImportSummary;
  beforeAll(async () => {
    db = await openTestDb(dialect);
    summary = await importWordPress(db, { file: writeWxrFile({}, items), mediaDir: db.mediaDir });
  });
  afterAll(() => db.dispose());

  const creditsOf = async (title: string) =>
    (
      await db.kysely
        .selectFrom("credits")
        .innerJoin("films", "films.id", "credits.film_id")
        .innerJoin("people", "people.id", "credits.person_id")
        .select(["credits.role", "people.name"])
        .where("films.title", "=", title)
        .orderBy("credits.role")
        .orderBy("credits.position")
        .execute()
    ).map((c) => `${c.role}: ${c.name}`);

  it("credits the names of each line with the jobs it names", async () => {
    expect(await creditsOf("Jeanne Dielman")).toEqual([
      "director: Chantal Akerman",
      "writer: Chantal Akerman",
    ]);
    expect(await creditsOf("Taxi Driver")).toEqual([
      "director: Martin Scorsese",
      "writer: Paul Schrader",
    ]);
    expect(await creditsOf("Hardcore")).toEqual([
      "director: Paul Schrader",
      "writer: Paul Schrader",
    ]);
    expect(await creditsOf("Blue Collar")).toEqual([
      "director: Paul Schrader",
      "writer: Paul Schrader",
    ]);
    expect(await creditsOf("Thief")).toEqual([]);
    const people = await db.kysely.selectFrom("people").select("name").orderBy("name").execute();
    expect(people.map((p) => p.name)).toEqual([
      "Chantal Akerman",
      "Martin Scorsese",
      "Paul Schrader",
    ]);
  });

  it("lists both jobs on the person page", async () => {
    const app = appFor(db);
    const akerman = await getPage(app, "/person/chantal-akerman");
    expect(akerman.response.status).toBe(200);
    expect(textOf(akerman.document.querySelector(".filmography"))).toContain(
      "Jeanne Dielman (1975) — Director, Writer",
    );
    const schrader = await getPage(app, "/person/paul-schrader");
    const rows = [...schrader.document.querySelectorAll(".filmography li")].map((li) => textOf(li));
    expect(rows.find((r) => r.startsWith("Taxi Driver"))).toContain("— Writer ·");
    expect(rows.find((r) => r.startsWith("Hardcore"))).toContain("— Director, Writer");
    expect(rows.find((r) => r.startsWith("Blue Collar"))).toContain("— Director, Writer");
    expect(textOf(schrader.document.querySelector(".role-counts"))).toBe(
      "Director (2) · Writer (3)",
    );
  });

  it("takes only credit lines out of the bodies: 0 posts changed", async () => {
    expect(summary.fidelity).toEqual({ compared: items.length, changed: [] });
    expect(summary.toText()).toContain("Fidelity check: 0 posts changed");
    const body = async (slug: string) =>
      (
        await db.kysely
          .selectFrom("reviews")
          .select("body_md")
          .where("slug", "=", slug)
          .executeTakeFirstOrThrow()
      ).body_md;
    expect(await body("taxi-driver")).not.toContain("Screenplay");
    expect(await body("blue-collar")).toBe("Three workers rob their own union.");
    expect(await body("hardcore")).toContain("Written and directed by Paul Schrader, <em>Hardcore");
    expect(await body("thief")).toContain("Written by Vera Marsh");
  });
});
