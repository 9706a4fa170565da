// The review editor's film, over HTTP: a new film whose title and year are already on record
// is refused with that record offered and everything typed kept; choosing it, or saying it is
// a different film, then saves. The film search works without a script (the form's own Find
// button keeps every field), and the type-ahead's JSON endpoint answers signed-in writers only.
import { describe, expect, it } from "vitest";
import { textOf } from "../support/app.ts";
import { dialects } from "../support/databases.ts";
import { csrfToken, formState, getAs, postForm, savedReviewId } from "./admin-client.ts";
import { adminSite } from "./admin-site.ts";
import { parseHTML } from "linkedom";

describe.each(dialects)("the review editor's film on %s", (dialect) => {
  const site = adminSite(dialect, { signInAs: "critic@example.com" });

  async function post(fields: Record<string, string>) {
    const _csrf = await csrfToken(site.app, site.cookie, "/admin/reviews/new");
    const response = await postForm(
      site.app,
      "/admin/reviews/new",
      { ...fields, _csrf },
      { cookie: site.cookie },
    );
    const html = response.status === 303 ? "" : await response.text();
    return { response, document: parseHTML(html).document };
  }

  const filmsCalled = async (title: string) =>
    site.db.kysely.selectFrom("films").select(["id", "slug"]).where("title", "=", title).execute();

  const typedAgain = {
    newFilmTitle: "bob le flambeur",
    newFilmYear: "1956",
    newFilmDirectors: "Jean-Pierre Melville",
    body: "Dawn over Pigalle, and one last *heist*.",
    tags: "Heist",
    intent: "draft",
  };

  it("refuses a new film already on record, offers the record, and keeps every field", async () => {
    const { response, document } = await post(typedAgain);
    expect(response.status).toBe(400);
    const form = formState(document);
    expect(form.error("newFilmTitle")).toContain("already on record");
    expect(form.value("newFilmTitle")).toBe("bob le flambeur");
    expect(form.value("newFilmDirectors")).toBe("Jean-Pierre Melville");
    expect(form.value("body")).toBe(typedAgain.body);
    expect(form.value("tags")).toBe("Heist");
    const offered = document.querySelector(`input[name="useFilmId"]`);
    expect(offered?.getAttribute("value")).toBe(String(site.fixture.films.bob.id));
    expect(textOf(document.querySelector("#same-film"))).toContain("Bob le Flambeur (1956)");
    expect(document.querySelector("#differentFilm")).not.toBeNull();
    // The folded "New film" fields are open, so the message is seen.
    expect(document.querySelector("details#new-film")?.hasAttribute("open")).toBe(true);
    expect(await filmsCalled("bob le flambeur")).toEqual([]);
  });

  it("saves the review on the record chosen with one radio, making no new film", async () => {
    const before = await site.db.kysely.selectFrom("films").select("id").execute();
    const { response } = await post({
      ...typedAgain,
      useFilmId: String(site.fixture.films.bob.id),
    });
    expect(response.status).toBe(303);
    const review = await site.db.kysely
      .selectFrom("reviews")
      .select(["film_id", "body_md"])
      .where("id", "=", savedReviewId(response))
      .executeTakeFirstOrThrow();
    expect(review).toEqual({ film_id: site.fixture.films.bob.id, body_md: typedAgain.body });
    expect(await site.db.kysely.selectFrom("films").select("id").execute()).toHaveLength(
      before.length,
    );
  });

  it("matches accents and case: “Amelie” is the Amélie on record", async () => {
    const { response, document } = await post({
      newFilmTitle: "AMELIE",
      newFilmYear: "2001",
      body: "Paris in green and red.",
      intent: "draft",
    });
    expect(response.status).toBe(400);
    expect(document.querySelector(`input[name="useFilmId"]`)?.getAttribute("value")).toBe(
      String(site.fixture.films.amelie.id),
    );
  });

  it("makes a second film of the same title and year only when told it is different", async () => {
    const { response } = await post({ ...typedAgain, differentFilm: "on" });
    expect(response.status).toBe(303);
    const review = await site.db.kysely
      .selectFrom("reviews")
      .innerJoin("films", "films.id", "reviews.film_id")
      .select(["films.id", "films.slug"])
      .where("reviews.id", "=", savedReviewId(response))
      .executeTakeFirstOrThrow();
    expect(review.id).not.toBe(site.fixture.films.bob.id);
    expect(review.slug).toBe("bob-le-flambeur-1956-2");
  });

  it("finds a film without a script: Find posts the form back, every field kept, nothing saved", async () => {
    const reviewsBefore = await site.db.kysely.selectFrom("reviews").select("id").execute();
    const { response, document } = await post({
      filmSearch: "house",
      body: "A con man's *lesson*.",
      tags: "Con",
      watchedOn: "2026-11-30",
      intent: "find",
    });
    expect(response.status).toBe(200);
    const form = formState(document);
    expect(form.value("body")).toBe("A con man's *lesson*.");
    expect(form.value("tags")).toBe("Con");
    expect(form.value("watchedOn")).toBe("2026-11-30");
    expect(form.value("filmSearch")).toBe("house");
    const options = [...document.querySelectorAll("#filmId option")].map((o) => textOf(o));
    expect(options).toEqual(["Choose a film…", "House of Games (1987)"]);
    // No separate search form that would lose the text: the search is in the editor's form.
    expect(document.querySelector('form[method="get"] input[type="search"]')).toBeNull();
    expect(document.querySelector("#review-form #filmSearch")).not.toBeNull();
    expect(await site.db.kysely.selectFrom("reviews").select("id").execute()).toHaveLength(
      reviewsBefore.length,
    );

    // Choosing from the narrowed list and saving keeps the text and takes that film.
    const saved = await post({
      filmSearch: "house",
      filmId: String(site.fixture.films.games.id),
      body: "A con man's *lesson*.",
      intent: "draft",
    });
    expect(saved.response.status).toBe(303);
    const review = await site.db.kysely
      .selectFrom("reviews")
      .select(["film_id", "body_md"])
      .where("id", "=", savedReviewId(saved.response))
      .executeTakeFirstOrThrow();
    expect(review).toEqual({
      film_id: site.fixture.films.games.id,
      body_md: "A con man's *lesson*.",
    });
  });

  it("answers the type-ahead with the films on record, for signed-in writers only", async () => {
    const response = await site.app.request("/admin/films/search?q=flamb", {
      headers: { cookie: site.cookie },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toContain("no-store");
    const json = (await response.json()) as { films: { id: number; label: string }[] };
    expect(json.films.map((film) => film.label)).toContain("Bob le Flambeur (1956)");
    expect(json.films.every((film) => film.label.toLowerCase().includes("flamb"))).toBe(true);

    const empty = await site.app.request("/admin/films/search?q=", {
      headers: { cookie: site.cookie },
    });
    expect(await empty.json()).toEqual({ films: [] });

    const stranger = await site.app.request("/admin/films/search?q=flamb");
    expect(stranger.status).not.toBe(200);
    expect(stranger.headers.get("content-type") ?? "").not.toContain("json");
  });

  it("opens the editor with the film list narrowed by ?film= and New film folded", async () => {
    const { document } = await getAs(site.app, "/admin/reviews/new?film=vegas", site.cookie);
    expect(formState(document).value("filmSearch")).toBe("vegas");
    const options = [...document.querySelectorAll("#filmId option")].map((o) => textOf(o));
    expect(options).toEqual(["Choose a film…", "Leaving Las Vegas (1995)"]);
    expect(document.querySelector("details#new-film")?.hasAttribute("open")).toBe(false);
  });
});
