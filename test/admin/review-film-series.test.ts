// The editor's film, series and history parts: a new film with all its credits, the review put
// in a series (on the film's entry, or at the end of the queue), and earlier versions with who
// wrote them, restored as a new version. Every refusal keeps what was typed.
import { parseHTML } from "linkedom";
import { describe, expect, it } from "vitest";
import { filmCredits } from "../../src/domain/films.ts";
import { createSeries } from "../../src/domain/series.ts";
import { textOf } from "../support/app.ts";
import { dialects } from "../support/databases.ts";
import { csrfToken, formState, getAs, postForm, savedReviewId, signIn } from "./admin-client.ts";
import { adminSite } from "./admin-site.ts";

describe.each(dialects)("films, series and versions in the editor on %s", (dialect) => {
  const site = adminSite(dialect, {
    accounts: ["editor", "author"],
    signInAs: "critic@example.com",
  });

  async function save(cookie: string, path: string, fields: Record<string, string>) {
    const _csrf = await csrfToken(site.app, cookie);
    return postForm(site.app, path, { ...fields, _csrf }, { cookie });
  }
  const entriesOf = (seriesId: number) =>
    site.db.kysely
      .selectFrom("series_entries")
      .select(["film_id", "review_id", "position"])
      .where("series_id", "=", seriesId)
      .orderBy("position")
      .execute();

  it("creates a new film with writers, cinematographer, composer and cast", async () => {
    const created = await save(site.cookie, "/admin/reviews/new", {
      newFilmTitle: "Rififi",
      newFilmYear: "1955",
      newFilmDirectors: "Jules Dassin",
      newFilmWriters: "Jules Dassin, René Wheeler, Auguste Le Breton",
      newFilmCinematography: "Philippe Agostini",
      newFilmMusic: "Georges Auric",
      newFilmCast:
        "Jean Servais as Tony le Stéphanois\r\nCarl Möhner as Jo le Suédois\r\n\r\nRobert Manuel",
      body: "Half an hour without a word.",
      intent: "publish",
    });
    expect(created.status).toBe(303);
    const review = await site.db.kysely
      .selectFrom("reviews")
      .select("film_id")
      .where("id", "=", savedReviewId(created))
      .executeTakeFirstOrThrow();
    const credits = await filmCredits(site.db, review.film_id);
    const by = (role: string) =>
      credits.filter((c) => c.role === role).map((c) => [c.person.name, c.character]);
    expect(by("director")).toEqual([["Jules Dassin", null]]);
    expect(by("writer")).toEqual([
      ["Jules Dassin", null],
      ["René Wheeler", null],
      ["Auguste Le Breton", null],
    ]);
    expect(by("cinematography")).toEqual([["Philippe Agostini", null]]);
    expect(by("music")).toEqual([["Georges Auric", null]]);
    expect(by("cast")).toEqual([
      ["Jean Servais", "Tony le Stéphanois"],
      ["Carl Möhner", "Jo le Suédois"],
      ["Robert Manuel", null],
    ]);
    // One person, one record: the director who wrote it too.
    const dassin = credits.filter((c) => c.person.name === "Jules Dassin");
    expect(new Set(dassin.map((c) => c.person.id)).size).toBe(1);
    expect((await site.app.request("/person/georges-auric")).status).toBe(200);
  });

  it("keeps every credit typed when the new film is refused", async () => {
    const typed = {
      newFilmTitle: "",
      newFilmYear: "1955",
      newFilmDirectors: "Jules Dassin",
      newFilmWriters: "Someone, Someone Else",
      newFilmCinematography: "Philippe Agostini",
      newFilmMusic: "Georges Auric",
      newFilmCast: "Jean Servais as Tony\nRobert Manuel",
      body: "Kept.",
    };
    const before = await site.db.kysely.selectFrom("films").select("id").execute();
    const r = await save(site.cookie, "/admin/reviews/new", { ...typed, intent: "draft" });
    expect(r.status).toBe(400);
    const { document } = parseHTML(await r.text());
    const form = formState(document);
    for (const [name, value] of Object.entries(typed)) expect(form.value(name), name).toBe(value);
    expect(form.error("newFilmTitle")).toBe("A new film needs a title.");
    expect(await site.db.kysely.selectFrom("films").select("id").execute()).toHaveLength(
      before.length,
    );
  });

  it("attaches a review to its film's entry in a series, and Up Next links it", async () => {
    const created = await save(site.cookie, "/admin/reviews/new", {
      filmId: String(site.fixture.films.friday.id),
      body: "Fast talk, faster cuts.",
      seriesId: String(site.fixture.series.id),
      seriesPlacement: "attach",
      intent: "publish",
    });
    expect(created.status).toBe(303);
    const id = savedReviewId(created);
    const friday = (await entriesOf(site.fixture.series.id)).filter(
      (e) => e.film_id === site.fixture.films.friday.id,
    );
    expect(friday).toEqual([{ film_id: site.fixture.films.friday.id, review_id: id, position: 3 }]);

    const editor = await getAs(site.app, `/admin/reviews/${id}/edit`, site.cookie);
    const current = textOf(editor.document.querySelector(".film-series"));
    expect(current).toContain("Gamblers & Grifters, number 4 of 6");
    // Bob le Flambeur's page now links His Girl Friday as next.
    const bob = await (await site.app.request("/review/bob-le-flambeur-1956")).text();
    const { document } = parseHTML(bob);
    const upNext = document.querySelector(".up-next");
    const slug = (
      await site.db.kysely
        .selectFrom("reviews")
        .select("slug")
        .where("id", "=", id)
        .executeTakeFirstOrThrow()
    ).slug;
    expect(upNext?.querySelector(`a[href="/review/${slug}"]`)?.textContent).toBe(
      "His Girl Friday (1940)",
    );
  });

  it("adds the film at the end of a series' queue, or says it is not there yet", async () => {
    const screwball = await createSeries(site.db, { title: "Screwball" });
    const edit = `/admin/reviews/${site.fixture.reviews.singinReview.id}/edit`;
    const fields = {
      filmId: String(site.fixture.films.singin.id),
      body: "Two directors, one umbrella, and a new paragraph.",
      seriesId: String(screwball.id),
      seriesPlacement: "attach",
      intent: "publish",
    };
    const refused = await save(site.cookie, edit, fields);
    expect(refused.status).toBe(400);
    const { document } = parseHTML(await refused.text());
    expect(formState(document).error("seriesPlacement")).toContain("not in that series yet");
    expect(formState(document).value("body")).toBe(fields.body);
    expect(document.querySelector("#seriesId option[selected]")?.textContent).toBe("Screwball");
    // Nothing of that save happened: the text is as it was.
    const row = await site.db.kysely
      .selectFrom("reviews")
      .select("body_md")
      .where("id", "=", site.fixture.reviews.singinReview.id)
      .executeTakeFirstOrThrow();
    expect(row.body_md).toBe("Two directors, one umbrella.");

    const appended = await save(site.cookie, edit, { ...fields, seriesPlacement: "append" });
    expect(appended.status).toBe(303);
    expect(await entriesOf(screwball.id)).toEqual([
      {
        film_id: site.fixture.films.singin.id,
        review_id: site.fixture.reviews.singinReview.id,
        position: 0,
      },
    ]);
    const page = await getAs(site.app, edit, site.cookie);
    const list = textOf(page.document.querySelector(".film-series"));
    expect(list).toContain("Gamblers & Grifters, number 1 of 6");
    expect(list).toContain("Screwball, number 1 of 1");
    // Saving again with the same choice attaches to the same entry rather than adding another.
    await save(site.cookie, edit, { ...fields, seriesPlacement: "attach" });
    expect(await entriesOf(screwball.id)).toHaveLength(1);
  });

  it("lets an author attach their review but not change a series' queue", async () => {
    const author = await signIn(site.app, "author@example.com");
    const form = await getAs(site.app, "/admin/reviews/new", author);
    expect(form.document.querySelector("#seriesPlacement-append")).toBeNull();
    expect(form.document.querySelector("#seriesPlacement-attach")).not.toBeNull();
    const before = await entriesOf(site.fixture.series.id);
    const typed = {
      filmId: String(site.fixture.films.amelie.id),
      body: "An author's Amélie.",
      seriesId: String(site.fixture.series.id),
      seriesPlacement: "append",
      intent: "draft",
    };
    const refused = await save(author, "/admin/reviews/new", typed);
    expect(refused.status).toBe(403);
    const { document } = parseHTML(await refused.text());
    expect(formState(document).error("seriesPlacement")).toContain("cannot add films");
    expect(formState(document).value("body")).toBe("An author's Amélie.");
    expect(await entriesOf(site.fixture.series.id)).toEqual(before);

    const attached = await save(author, "/admin/reviews/new", {
      ...typed,
      seriesPlacement: "attach",
    });
    expect(attached.status).toBe(303);
    const amelie = (await entriesOf(site.fixture.series.id)).find(
      (e) => e.film_id === site.fixture.films.amelie.id,
    );
    expect(amelie?.review_id).toBe(savedReviewId(attached));
  });

  it("lists earlier versions with who wrote them, and restores one as a new version", async () => {
    const id = site.fixture.reviews.bobRewatch.id;
    const edit = `/admin/reviews/${id}/edit`;
    const editor = await signIn(site.app, "editor@example.com");
    const base = { filmId: String(site.fixture.films.bob.id), intent: "publish" };
    expect((await save(site.cookie, edit, { ...base, body: "Owner's second take." })).status).toBe(
      303,
    );
    expect((await save(editor, edit, { ...base, body: "Editor's third take." })).status).toBe(303);

    const page = await getAs(site.app, edit, site.cookie);
    // The earlier versions' list (the form's folded New film is a details element too).
    const versions = '[aria-labelledby="revisions-title"] details';
    const items = [...page.document.querySelectorAll(`${versions} summary`)].map((s) => textOf(s));
    expect(items).toHaveLength(2);
    expect(items[0]).toMatch(
      /^Written by Ada Critic at .+ UTC; replaced by Editor Person at .+ UTC$/,
    );
    expect(items[1]).toMatch(/^Written by Ada Critic at .+ UTC; replaced by Ada Critic at .+ UTC$/);
    const oldest = page.document.querySelectorAll(versions)[1]!;
    expect(oldest.querySelector("pre")?.textContent).toBe(
      "Second time round, the heist matters even less.",
    );
    const restoreHref = oldest.querySelector("a")!.getAttribute("href")!;

    const restoring = await getAs(site.app, restoreHref, site.cookie);
    const form = formState(restoring.document);
    expect(form.value("body")).toBe("Second time round, the heist matters even less.");
    expect((await save(site.cookie, edit, { ...base, body: form.value("body")! })).status).toBe(
      303,
    );

    const revisions = await site.db.kysely
      .selectFrom("review_revisions")
      .select("body_md")
      .where("review_id", "=", id)
      .orderBy("id")
      .execute();
    // Nothing was destroyed: the text it replaced is one more version.
    expect(revisions.map((r) => r.body_md)).toEqual([
      "Second time round, the heist matters even less.",
      "Owner's second take.",
      "Editor's third take.",
    ]);
    const page2 = await (await site.app.request("/review/bob-le-flambeur-rewatch")).text();
    expect(page2).toContain("Second time round, the heist matters even less.");
  });
});
