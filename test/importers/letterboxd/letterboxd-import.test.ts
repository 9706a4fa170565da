// `importLetterboxd` end to end on both databases: what a realistic export becomes, that
// films are matched by name and year across files, and that a second run changes nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "../../../src/domain/users.ts";
import type { ImportSummary } from "../../../src/importers/import-summary.ts";
import { importLetterboxd } from "../../../src/importers/letterboxd/import-letterboxd.ts";
import { appFor, getPage, textOf } from "../../support/app.ts";
import { dialects, openTestDb, type TestDb } from "../../support/databases.ts";
import { crouchingTiger, writeRealisticExport } from "./letterboxd-fixture.ts";

const tables = [
  "films",
  "reviews",
  "tags",
  "review_tags",
  "series",
  "series_entries",
  "film_log",
  "import_items",
] as const;

async function tableCounts(db: TestDb): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const row = await db.kysely
      .selectFrom(table)
      .select((eb) => eb.fn.countAll().as("n"))
      .executeTakeFirstOrThrow();
    counts[table] = Number(row.n);
  }
  return counts;
}

describe.each(dialects)("importing a Letterboxd export on %s", (dialect) => {
  let db: TestDb;
  let file: string;
  let summary: ImportSummary;
  const progress: { done: number; total: number; detail?: string }[] = [];

  beforeAll(async () => {
    db = await openTestDb(dialect);
    await createUser(db, { email: "owner@example.org", displayName: "Owner", role: "owner" });
    file = await writeRealisticExport();
    summary = await importLetterboxd(db, { file, onProgress: (p) => progress.push(p) });
  });
  afterAll(() => db.dispose());

  async function filmId(title: string, year: number): Promise<number> {
    const row = await db.kysely
      .selectFrom("films")
      .select("id")
      .where("title", "=", title)
      .where("year", "=", year)
      .executeTakeFirstOrThrow();
    return row.id;
  }

  async function logOf(title: string, year: number) {
    return db.kysely
      .selectFrom("film_log")
      .selectAll()
      .where("film_id", "=", await filmId(title, year))
      .orderBy("kind")
      .orderBy("id")
      .execute();
  }

  it("makes one film per name and year, across every file", async () => {
    const films = await db.kysely
      .selectFrom("films")
      .select(["title", "year"])
      .orderBy("title")
      .orderBy("year")
      .execute();
    expect(films).toEqual([
      { title: "Chungking Express", year: 1994 },
      { title: crouchingTiger, year: 2000 },
      { title: "Heat", year: 1995 },
      { title: "Mirror", year: 1975 },
      { title: "Paris, Texas", year: 1984 },
      { title: "Solaris", year: 1972 },
      { title: "Solaris", year: 2002 },
      { title: "Stalker", year: 1979 },
    ]);
    expect(summary.counts.get("films added")).toBe(8);
  });

  it("turns reviews into published reviews with their day, rating, rewatch and tags", async () => {
    const heat = await db.kysely
      .selectFrom("reviews")
      .selectAll()
      .where("film_id", "=", await filmId("Heat", 1995))
      .executeTakeFirstOrThrow();
    expect(heat.status).toBe("published");
    expect(heat.published_at).toBe("2024-01-05T12:00:00.000Z");
    expect(heat.watched_on).toBe("2024-01-04");
    expect(heat.rating).toBe(90);
    expect(heat.is_rewatch).toBe(0);
    expect(heat.body_md).toBe("Two professionals, one diner table, no wasted words.");
    const tags = await db.kysely
      .selectFrom("review_tags")
      .innerJoin("tags", "tags.id", "review_tags.tag_id")
      .select("tags.name")
      .where("review_tags.review_id", "=", heat.id)
      .orderBy("tags.name")
      .execute();
    expect(tags.map((t) => t.name)).toEqual(["crime", "los angeles"]);
    expect(summary.counts.get("reviews")).toBe(2);
  });

  it("keeps a review's simple HTML and nothing that could run", async () => {
    const tiger = await db.kysely
      .selectFrom("reviews")
      .select(["body_html", "rating"])
      .where("film_id", "=", await filmId(crouchingTiger, 2000))
      .executeTakeFirstOrThrow();
    expect(tiger.rating).toBe(80);
    expect(tiger.body_html).toContain("<strong>bamboo</strong>");
    expect(tiger.body_html).toContain("<em>desert</em>");
    expect(tiger.body_html).toMatch(/“weightless”|"weightless"|&quot;weightless&quot;/);
    expect(tiger.body_html).toContain("1995. Not a list");
    expect(tiger.body_html).not.toMatch(/<ol|<script|javascript:|alert\(/);
    // Two paragraphs, as Letterboxd showed them.
    expect(tiger.body_html.match(/<p>/g)).toHaveLength(2);
  });

  it("says on a film's page how often it was watched, and whether it was liked", async () => {
    const app = appFor(db);
    const lineOf = async (slug: string) => {
      const { response, document } = await getPage(app, `/film/${slug}`);
      expect(response.status).toBe(200);
      return textOf(document.querySelector(".film-log"));
    };
    // The review and the rewatch in the diary.
    expect(await lineOf("heat-1995")).toBe("Watched 2 times, liked");
    expect(await lineOf("stalker-1979")).toBe("Watched");
    // Only on the watchlist: not watched, and nothing said.
    expect(await lineOf("mirror-1975")).toBe("");
  });

  it("logs diary entries without review text, including the rewatch", async () => {
    const heat = await logOf("Heat", 1995);
    const diary = heat.filter((e) => e.kind === "diary");
    // The first viewing is the review; only the rewatch is logged.
    expect(diary).toHaveLength(1);
    expect(diary[0]).toMatchObject({
      watched_on: "2024-02-09",
      logged_on: "2024-02-10",
      rating: 100,
      rewatch: 1,
      source_key: "https://boxd.it/e2",
    });
    expect(heat.map((e) => e.kind).sort()).toEqual(["diary", "like", "rating", "watched"]);
    expect(heat.find((e) => e.kind === "like")?.liked).toBe(1);
    expect(summary.counts.get("diary entries")).toBe(3);
    expect(summary.counts.get("diary entries with a review (imported as the review)")).toBe(2);
  });

  it("keeps two films of the same name apart by year, with their own ratings", async () => {
    const old = await logOf("Solaris", 1972);
    const remake = await logOf("Solaris", 2002);
    expect(old.find((e) => e.kind === "rating")?.rating).toBe(70);
    expect(remake.find((e) => e.kind === "rating")?.rating).toBe(50);
    expect(old.find((e) => e.kind === "diary")?.watched_on).toBe("2024-03-01");
    expect(remake.find((e) => e.kind === "diary")?.watched_on).toBe("2024-03-02");
    expect(summary.counts.get("ratings")).toBe(4);
    expect(summary.counts.get("films marked watched")).toBe(6);
    expect(summary.counts.get("liked films")).toBe(1);
  });

  async function seriesFilms(title: string): Promise<string[]> {
    const rows = await db.kysely
      .selectFrom("series")
      .innerJoin("series_entries", "series_entries.series_id", "series.id")
      .innerJoin("films", "films.id", "series_entries.film_id")
      .select(["films.title", "films.year"])
      .where("series.title", "=", title)
      .orderBy("series_entries.position")
      .execute();
    return rows.map((r) => `${r.title} (${r.year})`);
  }

  it("makes the watchlist a queue and each list a series in its order", async () => {
    expect(await seriesFilms("Watchlist")).toEqual(["Mirror (1975)", "Chungking Express (1994)"]);
    expect(await seriesFilms("Nineties crime")).toEqual([
      "Chungking Express (1994)",
      "Heat (1995)",
    ]);
    expect(await seriesFilms("Tarkovsky in order")).toEqual([
      "Solaris (1972)",
      "Mirror (1975)",
      "Stalker (1979)",
    ]);
    const crime = await db.kysely
      .selectFrom("series")
      .select("description")
      .where("title", "=", "Nineties crime")
      .executeTakeFirstOrThrow();
    expect(crime.description).toBe("Crime films of the nineties, ranked");
    expect(summary.counts.get("lists (v7)")).toBe(1);
    expect(summary.counts.get("lists (older layout)")).toBe(1);
  });

  it("says which files it left out, and reports progress to the end", () => {
    const why = summary.skipped.map((s) => `${s.examples.join(",")}: ${s.why}`);
    expect(why).toContain("profile.csv: the Letterboxd profile is not imported");
    expect(why).toContain("deleted/diary.csv: deleted or orphaned entries are not imported");
    expect(why).toContain(
      "likes/reviews.csv: likes of other members' reviews and lists are not imported",
    );
    expect(progress.length).toBeGreaterThan(0);
    const last = progress[progress.length - 1]!;
    expect(last.done).toBe(last.total);
    expect(last.total).toBeGreaterThan(0);
  });

  it("changes nothing when the same export is imported again", async () => {
    const before = await tableCounts(db);
    const again = await importLetterboxd(db, { file });
    expect(await tableCounts(db)).toEqual(before);
    expect(again.counts.get("reviews")).toBeUndefined();
    expect(again.counts.get("reviews already imported")).toBe(2);
    expect(again.counts.get("diary entries already imported")).toBe(3);
    expect(again.counts.get("films added")).toBe(0);
    expect(again.counts.get("series already imported")).toBe(3);
    expect(again.counts.get("list films already in their series")).toBe(7);
  });
});
