// "Up Next" as written: a WordPress export whose Up Next lines disagree with each other (a
// swapped pair, a skipped film, a rewatch) is imported on each database; every review's page
// shows the list its author wrote, in order, each film linked to its review once one is
// public, while the series is still rebuilt from all the lines together.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { updateReview } from "../../src/domain/review-editing.ts";
import type { ImportSummary } from "../../src/importers/import-summary.ts";
import { importWordPress } from "../../src/importers/wordpress/import-wordpress.ts";
import { appFor, getPage, textOf } from "../support/app.ts";
import { dialects, openTestDb, type TestDb } from "../support/databases.ts";
import type { WxrItemSpec } from "../support/wxr-writer.ts";
import { writeWxrFile } from "./wordpress-fixture.ts";

const classic = (director: string, text: string, upNext?: string) =>
  [`Directed by ${director}`, text, ...(upNext ? [`Up Next: ${upNext}`] : [])].join("\n\n");

const block = (...paragraphs: string[]) =>
  paragraphs.map((p) => `<!-- wp:paragraph -->\n<p>${p}</p>\n<!-- /wp:paragraph -->`).join("\n\n");

const upNextItems: WxrItemSpec[] = [
  {
    // Read first, so its line places the films the model page's line names in another order.
    id: 200,
    title: "Viva Las Vegas (1964)",
    slug: "viva-las-vegas-1964",
    date: "2012-12-28 21:00:00",
    content: classic(
      "George Sidney",
      "Elvis races cars and sings at the pool; the plot waits politely.",
      "Leaving Las Vegas (1995), House of Games (1987), Bob le Flambeur (1956)",
    ),
  },
  {
    id: 201,
    title: "Leaving Las Vegas (1995)",
    slug: "leaving-las-vegas-1995",
    date: "2013-01-04 21:00:00",
    content: classic(
      "Mike Figgis",
      "A man arrives in the desert with a plan and keeps to it.",
      "Bob le Flambeur (1956), His Girl Friday (1940), House of Games (1987)",
    ),
  },
  {
    // The author swapped the next two.
    id: 202,
    title: "Bob le Flambeur (1956)",
    slug: "bob-le-flambeur-1956",
    date: "2013-01-11 21:00:00",
    content: block(
      "Directed by Jean-Pierre Melville",
      "Montmartre before dawn, and a gambler who cannot stop.",
      "Up Next: House of Games (1987), His Girl Friday (1940), Heat (1995)",
    ),
  },
  {
    // House of Games skipped; a title with a comma in it.
    id: 203,
    title: "His Girl Friday (1940)",
    slug: "his-girl-friday-1940",
    date: "2013-01-18 21:00:00",
    content: classic(
      "Howard Hawks",
      "Nobody in this newsroom has ever finished a sentence.",
      "Heat (1995), Casino (1995), Crouching Tiger, Hidden Dragon (2000)",
    ),
  },
  {
    // A rewatch planned: a film reviewed before this one.
    id: 204,
    title: "House of Games (1987)",
    slug: "house-of-games-1987",
    date: "2013-01-25 21:00:00",
    content: block(
      "Directed by David Mamet",
      "A con explained so well that it works on the viewer too.",
      "Up Next: Leaving Las Vegas (1995), Heat (1995), Casino (1995)",
    ),
  },
  {
    id: 205,
    title: "Heat (1995)",
    slug: "heat-1995",
    status: "draft",
    date: "2013-02-01 21:00:00",
    content: classic("Michael Mann", "Still being written."),
  },
  {
    // No Up Next line: it follows the series rebuilt from the others.
    id: 206,
    title: "Casino (1995)",
    slug: "casino-1995",
    date: "2013-02-08 21:00:00",
    content: classic("Martin Scorsese", "Three hours of counting other people's money."),
  },
];

/** The Up Next line of a page: its text, and each film's link (null when not linked). */
async function upNextOf(app: ReturnType<typeof appFor>, path: string) {
  const { response, document } = await getPage(app, path);
  expect(response.status, path).toBe(200);
  const line = document.querySelector(".up-next");
  const films = [...(line?.querySelectorAll("a, .not-yet") ?? [])]
    .filter((el) => !el.closest(".up-next-series"))
    .map((el) => ({ film: textOf(el), href: el.getAttribute("href") }));
  return { text: textOf(line), films };
}

describe.each(dialects)("Up Next as written, imported from WordPress on %s", (dialect) => {
  let db: TestDb;
  let app: ReturnType<typeof appFor>;
  let summary: ImportSummary;
  const file = writeWxrFile({ title: "Every Film in Order" }, upNextItems);

  beforeAll(async () => {
    db = await openTestDb(dialect);
    summary = await importWordPress(db, { file, mediaDir: db.mediaDir });
    app = appFor(db);
  });
  afterAll(() => db.dispose());

  it("shows on the model page exactly the films its author listed", async () => {
    const { text, films } = await upNextOf(app, "/review/leaving-las-vegas-1995");
    expect(text).toBe(
      "Up Next: Bob le Flambeur (1956), His Girl Friday (1940), House of Games (1987)",
    );
    expect(films).toEqual([
      { film: "Bob le Flambeur (1956)", href: "/review/bob-le-flambeur-1956" },
      { film: "His Girl Friday (1940)", href: "/review/his-girl-friday-1940" },
      { film: "House of Games (1987)", href: "/review/house-of-games-1987" },
    ]);
  });

  it("keeps each review's own list where the lines disagree, linked once reviewed", async () => {
    expect(await upNextOf(app, "/review/bob-le-flambeur-1956")).toEqual({
      text: "Up Next: House of Games (1987), His Girl Friday (1940), Heat (1995)",
      films: [
        { film: "House of Games (1987)", href: "/review/house-of-games-1987" },
        { film: "His Girl Friday (1940)", href: "/review/his-girl-friday-1940" },
        // A draft is not a review a reader can follow.
        { film: "Heat (1995)", href: null },
      ],
    });
    expect(await upNextOf(app, "/review/his-girl-friday-1940")).toEqual({
      text: "Up Next: Heat (1995), Casino (1995), Crouching Tiger, Hidden Dragon (2000)",
      films: [
        { film: "Heat (1995)", href: null },
        { film: "Casino (1995)", href: "/review/casino-1995" },
        { film: "Crouching Tiger, Hidden Dragon (2000)", href: null },
      ],
    });
    // The rewatch leads to the review written before.
    expect(await upNextOf(app, "/review/house-of-games-1987")).toEqual({
      text: "Up Next: Leaving Las Vegas (1995), Heat (1995), Casino (1995)",
      films: [
        { film: "Leaving Las Vegas (1995)", href: "/review/leaving-las-vegas-1995" },
        { film: "Heat (1995)", href: null },
        { film: "Casino (1995)", href: "/review/casino-1995" },
      ],
    });
  });

  it("rebuilds the series from all the lines, and a review without a line follows it", async () => {
    const entries = await db.kysely
      .selectFrom("series_entries")
      .innerJoin("films", "films.id", "series_entries.film_id")
      .select("films.title")
      .orderBy("series_entries.position")
      .execute();
    expect(entries.map((e) => e.title)).toEqual([
      "Viva Las Vegas",
      "Leaving Las Vegas",
      "House of Games",
      "Bob le Flambeur",
      "His Girl Friday",
      "Heat",
      "Casino",
      "Crouching Tiger, Hidden Dragon",
    ]);
    const casino = await upNextOf(app, "/review/casino-1995");
    expect(casino.text).toBe(
      "Up Next: Crouching Tiger, Hidden Dragon (2000) — from Every Film in Order: Up Next",
    );
    const { document } = await getPage(app, "/series/every-film-in-order-up-next");
    expect(textOf(document.querySelector("main"))).toContain("6 of 8");
  });

  it("says how many lines disagree with the merged order", () => {
    // Leaving Las Vegas' (Viva Las Vegas' line placed House of Games first), Bob's (swapped)
    // and House of Games' (a rewatch); Viva Las Vegas' and His Girl Friday's agree.
    expect(
      summary.counts.get(
        "Up Next lines that differ from the series order (each review keeps its own)",
      ),
    ).toBe(3);
    expect(summary.toText()).toMatch(/Up Next lines that differ from the series order.*: 3/);
  });

  it("links a film of an own list as soon as its review is published, cached or not", async () => {
    const first = await app.request("/review/bob-le-flambeur-1956");
    await first.text();
    const cached = await app.request("/review/bob-le-flambeur-1956");
    expect(cached.headers.get("x-cache")).toBe("HIT");
    await cached.text();

    const heat = await db.kysely
      .selectFrom("reviews")
      .selectAll()
      .where("slug", "=", "heat-1995")
      .executeTakeFirstOrThrow();
    await updateReview(db, heat.id, {
      filmId: heat.film_id,
      body: heat.body_md,
      rating: null,
      watchedOn: null,
      isRewatch: false,
      hasSpoilers: false,
      status: "published",
      tags: [],
    });
    const { films } = await upNextOf(app, "/review/bob-le-flambeur-1956");
    expect(films.at(-1)).toEqual({ film: "Heat (1995)", href: "/review/heat-1995" });
  });

  it("keeps the lists as they are when the same export is imported again", async () => {
    const rows = () =>
      db.kysely
        .selectFrom("review_up_next")
        .select(["review_id", "position", "film_id"])
        .orderBy("review_id")
        .orderBy("position")
        .execute();
    const before = await rows();
    expect(before).toHaveLength(15);
    await importWordPress(db, { file, mediaDir: db.mediaDir });
    expect(await rows()).toEqual(before);
    expect((await upNextOf(app, "/review/leaving-las-vegas-1995")).text).toBe(
      "Up Next: Bob le Flambeur (1956), His Girl Friday (1940), House of Games (1987)",
    );
  });
});
