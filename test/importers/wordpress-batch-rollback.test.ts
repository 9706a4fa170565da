// A batch the database refuses part-way: nothing of it stays, in the tables or in what the
// run keeps in memory. The film catalogue follows its transaction (a film it added there is
// forgotten when the transaction rolls back, so it never hands out the id of a row that is
// gone — on SQLite, an id the next film would take), and an import that failed in its second
// batch keeps the first and, run again once the cause is gone, brings in the rest correctly.
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FilmCatalogue } from "../../src/importers/film-catalogue.ts";
import { importWordPress } from "../../src/importers/wordpress/import-wordpress.ts";
import { dialects, openTestDb, type TestDb } from "../support/databases.ts";
import type { WxrItemSpec } from "../support/wxr-writer.ts";
import { writeWxrFile } from "./wordpress-fixture.ts";

const posts = 240;
const refused = 230;
const titleOf = (i: number) => (i === refused ? "Refused" : `Night Film ${i}`);
const firsts = [
  "Ada",
  "Bo",
  "Cyd",
  "Dov",
  "Eli",
  "Fay",
  "Gus",
  "Hal",
  "Ivo",
  "Jan",
  "Kit",
  "Lev",
  "Mo",
  "Ned",
  "Ola",
  "Pim",
];
const lasts = [
  "Marsh",
  "Quill",
  "Stone",
  "Vale",
  "Wren",
  "Yates",
  "Zorn",
  "Hale",
  "Pike",
  "Reed",
  "Lund",
  "Moss",
  "Nash",
  "Orme",
  "Pratt",
  "Rowe",
];
const directorOf = (i: number) => `${firsts[i % 16]} ${lasts[Math.floor(i / 16)]}`;

// Each post names the next film in an Up Next line, so films are made ahead of their reviews.
const items: WxrItemSpec[] = Array.from({ length: posts }, (_, i) => ({
  id: 9000 + i,
  title: `${titleOf(i)} (${1950 + i})`,
  slug: `night-film-${i}`,
  date: "2016-03-01 20:00:00",
  content:
    `Directed by ${directorOf(i)}\n\nA film about the night, number ${i}.` +
    (i + 1 < posts ? `\n\nUp Next: ${titleOf(i + 1)} (${1951 + i})` : ""),
  tags: [`night ${i % 3}`],
  comments: [
    {
      id: 50000 + i,
      author: "Reader",
      email: "reader@example.net",
      content: `Seen it (${i}).`,
      date: "2016-03-02 10:00:00",
    },
  ],
}));

async function refuseFilmsTitledRefused(db: TestDb): Promise<void> {
  if (db.dialect === "sqlite") {
    await sql`create trigger refuse_film before insert on films when new.title = 'Refused'
      begin select raise(abort, 'refused by the test'); end`.execute(db.kysely);
    return;
  }
  await sql`create function refuse_film() returns trigger language plpgsql as $$
    begin if new.title = 'Refused' then raise exception 'refused by the test'; end if;
    return new; end $$`.execute(db.kysely);
  await sql`create trigger refuse_film before insert on films
    for each row execute function refuse_film()`.execute(db.kysely);
}

async function allowFilmsAgain(db: TestDb): Promise<void> {
  await sql`drop trigger refuse_film${db.dialect === "postgres" ? sql` on films` : sql``}`.execute(
    db.kysely,
  );
}

describe.each(dialects)("a batch the database refuses, on %s", (dialect) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await openTestDb(dialect);
  });
  afterAll(() => db.dispose());

  it("leaves the film catalogue without the films its rolled-back transaction added", async () => {
    const catalogue = new FilmCatalogue(db);
    const kept = await catalogue.ensure({ title: "Kept", year: 1990 }, ["Ann Keeper"]);
    await expect(
      catalogue.inTransaction(db, async (trx) => {
        await catalogue.ensureAll(
          [{ film: { title: "Lost", year: 1991 }, directors: ["Bo Lost"] }],
          trx,
        );
        // A row the database refuses: a second film with the address the first one took.
        await trx.kysely
          .insertInto("films")
          .values({
            slug: "lost-1991",
            title: "Lost",
            countries: "",
            created_at: "x",
            updated_at: "x",
          })
          .execute();
      }),
    ).rejects.toThrow();
    expect(catalogue.created).toBe(1);
    const lost = await db.kysely
      .selectFrom("films")
      .select("id")
      .where("title", "=", "Lost")
      .execute();
    expect(lost).toEqual([]);

    // Asked again, the catalogue makes the film anew rather than naming the vanished row.
    const again = await catalogue.ensure({ title: "Lost", year: 1991 }, ["Bo Lost"]);
    const film = await db.kysely
      .selectFrom("films")
      .select(["title", "year"])
      .where("id", "=", again)
      .executeTakeFirst();
    expect(film).toEqual({ title: "Lost", year: 1991 });
    expect(catalogue.created).toBe(2);
    expect(await catalogue.ensure({ title: "Kept", year: 1990 }, [])).toBe(kept);
    const directors = await db.kysely
      .selectFrom("credits")
      .innerJoin("people", "people.id", "credits.person_id")
      .select("people.name")
      .where("credits.film_id", "=", again)
      .execute();
    expect(directors).toEqual([{ name: "Bo Lost" }]);
  });

  it("keeps the batches before the refused one, and imports the rest when run again", async () => {
    await refuseFilmsTitledRefused(db);
    const file = writeWxrFile({}, items);
    await expect(importWordPress(db, { file, mediaDir: db.mediaDir })).rejects.toThrow(
      /refused by the test/,
    );
    const first = await db.kysely
      .selectFrom("reviews")
      .innerJoin("films", "films.id", "reviews.film_id")
      .select(["films.title"])
      .where("films.title", "like", "Night Film %")
      .execute();
    // The first batch (two hundred records: the site, its author and terms, then posts) is
    // kept; nothing of the refused one is.
    expect(first.length).toBeGreaterThan(150);
    expect(first.length).toBeLessThan(refused);
    const before = await db.kysely
      .selectFrom("comments")
      .select((eb) => eb.fn.countAll().as("n"))
      .executeTakeFirstOrThrow();
    expect(Number(before.n)).toBe(first.length);

    await allowFilmsAgain(db);
    const summary = await importWordPress(db, { file, mediaDir: db.mediaDir });
    expect(summary.toText()).toMatch(new RegExp(`^ *reviews: ${posts - first.length}$`, "m"));
    expect(summary.toText()).toMatch(
      new RegExp(`^ *reviews already imported: ${first.length}$`, "m"),
    );

    // Every review stands on its own film, with its own director and comment, and its Up Next
    // line names the film that exists under that title.
    const reviews = await db.kysely
      .selectFrom("reviews")
      .innerJoin("films", "films.id", "reviews.film_id")
      .select(["reviews.id", "reviews.slug", "films.id as filmId", "films.title", "films.year"])
      .where("reviews.slug", "like", "night-film-%")
      .execute();
    expect(reviews).toHaveLength(posts);
    for (const review of reviews) {
      const i = Number(review.slug.replace("night-film-", ""));
      expect(review).toMatchObject({ title: titleOf(i), year: 1950 + i });
      const credits = await db.kysely
        .selectFrom("credits")
        .innerJoin("people", "people.id", "credits.person_id")
        .select("people.name")
        .where("credits.film_id", "=", review.filmId)
        .execute();
      expect(credits).toEqual([{ name: directorOf(i) }]);
      const comments = await db.kysely
        .selectFrom("comments")
        .select("body_md")
        .where("review_id", "=", review.id)
        .execute();
      expect(comments).toEqual([{ body_md: `Seen it (${i}).` }]);
      const next = await db.kysely
        .selectFrom("review_up_next")
        .innerJoin("films", "films.id", "review_up_next.film_id")
        .select(["films.title", "films.year"])
        .where("review_up_next.review_id", "=", review.id)
        .execute();
      expect(next).toEqual(i + 1 < posts ? [{ title: titleOf(i + 1), year: 1951 + i }] : []);
    }
    const films = await db.kysely
      .selectFrom("films")
      .select((eb) => eb.fn.countAll().as("n"))
      .where((eb) => eb.or([eb("title", "like", "Night Film %"), eb("title", "=", "Refused")]))
      .executeTakeFirstOrThrow();
    expect(Number(films.n)).toBe(posts);
  });
});
