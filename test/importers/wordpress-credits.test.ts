// Credits on both databases: every shape of credit line, in classic and block markup, gives
// people only from names, keeps every sentence of the review, and reports what it could not read.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ImportSummary as Summary } from "../../src/importers/import-summary.ts";
import { FidelityCheck } from "../../src/importers/wordpress/fidelity-check.ts";
import { importWordPress } from "../../src/importers/wordpress/import-wordpress.ts";
import { plainText } from "../../src/importers/wordpress/review-post.ts";
import { dialects, openTestDb, type TestDb } from "../support/databases.ts";
import type { WxrItemSpec } from "../support/wxr-writer.ts";
import { writeWxrFile } from "./wordpress-fixture.ts";

const block = (html: string) => `<!-- wp:paragraph -->\n<p>${html}</p>\n<!-- /wp:paragraph -->`;
const body = "A long night in the desert, told without a wasted scene.";

const shapes: { title: string; credit: string; people: string[]; kept: boolean }[] = [
  {
    title: "Own Line (1995)",
    credit: "Directed by Mike Figgis",
    people: ["Mike Figgis"],
    kept: false,
  },
  {
    title: "Two Names (1996)",
    credit: "Directed by Joel Coen and Ethan Coen",
    people: ["Joel Coen", "Ethan Coen"],
    kept: false,
  },
  {
    title: "Comma Names (1997)",
    credit: "Directed by Jean-Pierre Melville, Chantal Akerman",
    people: ["Jean-Pierre Melville", "Chantal Akerman"],
    kept: false,
  },
  {
    title: "Ampersand (1998)",
    credit: "Directed by Guillermo del Toro &amp; Bong Joon-ho",
    people: ["Guillermo del Toro", "Bong Joon-ho"],
    kept: false,
  },
  {
    title: "Leaving Las Vegas (1995)",
    credit:
      "Directed by Mike Figgis, <em>Leaving Las Vegas</em> (1995) is a restless, sometimes patient, never careless film.",
    people: ["Mike Figgis"],
    kept: true,
  },
  {
    title: "Short Form (1958)",
    credit: "Dir. J. Lee Thompson",
    people: ["J. Lee Thompson"],
    kept: false,
  },
  {
    title: "Colon Form (2000)",
    credit: "Director: Apichatpong Weerasethakul",
    people: ["Apichatpong Weerasethakul"],
    kept: false,
  },
  {
    title: "Both Jobs (1975)",
    credit: "Written and directed by Chantal Akerman",
    people: ["Chantal Akerman"],
    kept: false,
  },
  {
    title: "Nobody (2001)",
    credit: "Directed by a committee, and it shows in every reel.",
    people: [],
    kept: true,
  },
];

const items: WxrItemSpec[] = shapes.flatMap((shape, i) =>
  [false, true].map((asBlock) => ({
    id: 500 + i * 2 + (asBlock ? 1 : 0),
    // The block-editor copy is the same film a year later, so each is its own review.
    title: asBlock
      ? shape.title.replace(/\((\d{4})\)/, (_, y: string) => `(${Number(y) + 1})`)
      : shape.title,
    slug: `shape-${i}-${asBlock ? "block" : "classic"}`,
    date: "2014-05-01 20:00:00",
    content: asBlock ? `${block(shape.credit)}\n\n${block(body)}` : `${shape.credit}\n\n${body}`,
  })),
);

describe.each(dialects)("credit lines on %s", (dialect) => {
  let db: TestDb;
  let summary: Summary;

  beforeAll(async () => {
    db = await openTestDb(dialect);
    summary = await importWordPress(db, { file: writeWxrFile({}, items), mediaDir: db.mediaDir });
  });
  afterAll(() => db.dispose());

  it("makes people only of names, and keeps every word that is not a credit on its own", async () => {
    for (const item of items) {
      const shape = shapes[Math.floor((item.id - 500) / 2)]!;
      const review = await db.kysely
        .selectFrom("reviews")
        .innerJoin("import_items", "import_items.local_id", "reviews.id")
        .select(["reviews.id", "reviews.film_id", "reviews.body_md"])
        .where("import_items.kind", "=", "review")
        .where("import_items.external_id", "=", String(item.id))
        .executeTakeFirstOrThrow();
      const people = await db.kysely
        .selectFrom("credits")
        .innerJoin("people", "people.id", "credits.person_id")
        .select("people.name")
        .where("credits.film_id", "=", review.film_id)
        .where("credits.role", "=", "director")
        .orderBy("credits.position")
        .execute();
      expect(
        people.map((p) => p.name),
        item.content,
      ).toEqual(shape.people);
      const text = plainText(review.body_md);
      expect(text).toContain(body);
      if (shape.kept) expect(text).toBe(plainText(item.content));
      else expect(text).toBe(body);
    }
    const everyone = await db.kysely.selectFrom("people").select("name").execute();
    expect(everyone.map((p) => p.name).sort()).toEqual(
      [...new Set(shapes.flatMap((s) => s.people))].sort(),
    );
  });

  it("reports each credit it could not read, with its post", () => {
    const group = summary.reported.find((g) => g.why.startsWith("credit lines not read"));
    expect(group?.count).toBe(2);
    expect(group?.examples.join("\n")).toContain(
      'post 516 "Nobody (2001)": "a committee, and it shows in every reel."',
    );
    expect(summary.toText()).toContain("Reported: 2 × credit lines not read");
  });

  it("checks every imported post word for word: 0 posts changed", () => {
    expect(summary.fidelity).toEqual({ compared: items.length, changed: [] });
    expect(summary.toText()).toContain(
      `Fidelity check: 0 posts changed (of ${items.length} compared word for word)`,
    );
  });

  it("lists a post whose stored words differ from the source", async () => {
    const [review] = await db.kysely.selectFrom("reviews").select("id").orderBy("id").execute();
    const source = `Directed by Mike Figgis\n\nOne.\n\n${body}\n\nUp Next: Heat (1995)`;
    const check = new FidelityCheck();
    check.note("reviews", review!.id, 'post 1 "Lost (1990)"', source);
    // Credit and Up Next lines gone is allowed; a lost sentence is not.
    await db.kysely
      .updateTable("reviews")
      .set({ body_md: `One.\n\n${body}` })
      .where("id", "=", review!.id)
      .execute();
    const kept = new Summary();
    await check.run(db, kept);
    expect(kept.fidelity).toEqual({ compared: 1, changed: [] });
    const lost = new FidelityCheck();
    lost.note("reviews", review!.id, 'post 1 "Lost (1990)"', source);
    await db.kysely
      .updateTable("reviews")
      .set({ body_md: body })
      .where("id", "=", review!.id)
      .execute();
    const changed = new Summary();
    await lost.run(db, changed);
    expect(changed.fidelity?.changed).toEqual([
      'post 1 "Lost (1990)": lost words (20 in the source, 11 stored)',
    ]);
    expect(changed.toText()).toContain("Fidelity check: 1 post changed");
  });
});
