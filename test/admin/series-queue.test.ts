// The series queue editor over HTTP, on both databases: creating a series, filling its queue
// with films on record and new ones, Move up / Move down (ends included), removing, the
// script's reorder endpoint with its stale-order refusal, who may do it, forms that keep what
// was typed, and cached public pages ("Up Next" above all) changing at once.
import { parseHTML } from "linkedom";
import { describe, expect, it } from "vitest";
import { filmCredits } from "../../src/domain/films.ts";
import { entryOrder, seriesById } from "../../src/domain/series-editing.ts";
import { appendSeriesEntry, createSeries } from "../../src/domain/series.ts";
import { textOf } from "../support/app.ts";
import { dialects } from "../support/databases.ts";
import { csrfToken, formState, getAs, postForm, signIn } from "./admin-client.ts";
import { adminSite } from "./admin-site.ts";

describe.each(dialects)("the series queue editor on %s", (dialect) => {
  const site = adminSite(dialect, {
    accounts: ["editor", "author"],
    signInAs: "editor@example.com",
  });

  const post = (path: string, fields: Record<string, string> = {}, headers = {}) =>
    postForm(site.app, path, { _csrf: site.token, ...fields }, { cookie: site.cookie, headers });

  /** A series of its own for one test, so tests do not depend on each other's order. */
  async function seriesOf(title: string, films: { id: number }[]) {
    const series = await createSeries(site.db, { title });
    const entries: number[] = [];
    for (const film of films) entries.push(await appendSeriesEntry(site.db, series.id, film.id));
    return { series, entries, path: `/admin/series/${series.id}` };
  }

  async function queueLabels(path: string): Promise<string[]> {
    const { document } = await getAs(site.app, path, site.cookie);
    return [...document.querySelectorAll("#queue .queue-film")].map((el) => textOf(el));
  }

  it("lists every series with its progress, and creates one with a derived address", async () => {
    const list = await getAs(site.app, "/admin/series", site.cookie);
    expect(list.response.status).toBe(200);
    const row = [...list.document.querySelectorAll("tbody tr")].find((tr) =>
      textOf(tr).includes("Gamblers & Grifters"),
    );
    expect(textOf(row)).toContain("3 of 6 reviewed");
    const meter = row?.querySelector("progress");
    expect([meter?.getAttribute("value"), meter?.getAttribute("max")]).toEqual(["3", "6"]);

    // The public index is cached before the new series exists.
    await site.app.request("/series");
    expect((await site.app.request("/series")).headers.get("x-cache")).toBe("HIT");

    const created = await post("/admin/series", {
      title: "Every Vegas Film",
      slug: "",
      description: "From Ocean's 11 on.",
    });
    expect(created.status).toBe(303);
    const location = created.headers.get("location") ?? "";
    expect(location).toMatch(/^\/admin\/series\/\d+\?done=created$/);
    const page = await getAs(site.app, location, site.cookie);
    expect(textOf(page.document.querySelector("h1"))).toBe("Every Vegas Film");
    expect(textOf(page.document.querySelector(".form-notice"))).toBe(
      "Series created. Add its films below.",
    );
    expect(page.html).toContain('href="/series/every-vegas-film"');

    const index = await site.app.request("/series");
    expect(index.headers.get("x-cache")).toBe("MISS");
    expect(await index.text()).toContain("Every Vegas Film");

    // An address of one's own choosing, typed in capitals, is kept in lower case.
    const chosen = await post("/admin/series", { title: "Heists", slug: "Caper-Films" });
    expect(chosen.status).toBe(303);
    const id = Number(/\/admin\/series\/(\d+)/.exec(chosen.headers.get("location") ?? "")?.[1]);
    expect((await seriesById(site.db, id))?.slug).toBe("caper-films");
  });

  it("keeps what was typed and explains each problem when creating a series", async () => {
    const bad = await post("/admin/series", {
      title: "  ",
      slug: "no spaces please",
      description: "Words worth keeping.",
    });
    expect(bad.status).toBe(400);
    let form = formState((await readPage(bad)).document);
    expect(form.error("title")).toBe("Give the series a title.");
    expect(form.error("slug")).toMatch(/only letters, digits and single hyphens/);
    expect(form.value("slug")).toBe("no spaces please");
    expect(form.value("description")).toBe("Words worth keeping.");

    const taken = await post("/admin/series", {
      title: "Another list",
      slug: "gamblers-and-grifters",
      description: "Kept.",
    });
    expect(taken.status).toBe(400);
    form = formState((await readPage(taken)).document);
    expect(form.error("slug")).toBe("Another series already has this address: choose another one.");
    expect(form.value("title")).toBe("Another list");

    // An expired form: nothing is created, everything typed comes back.
    const expired = await postForm(
      site.app,
      "/admin/series",
      { _csrf: "stale", title: "Kept title", slug: "", description: "" },
      { cookie: site.cookie },
    );
    expect(expired.status).toBe(403);
    const expiredPage = await readPage(expired);
    expect(formState(expiredPage.document).value("title")).toBe("Kept title");
    expect(textOf(expiredPage.document.querySelector(".form-error"))).toMatch(/expired/);
    const list = await getAs(site.app, "/admin/series", site.cookie);
    expect(list.html).not.toContain("Kept title");
    expect(list.html).not.toContain("Another list");
  });

  it("edits the title and description, keeping input on error", async () => {
    const { series, path } = await seriesOf("Working title", []);
    await site.app.request(`/series/${series.slug}`);
    const bad = await post(path, { title: "", description: "A description to keep." });
    expect(bad.status).toBe(400);
    const form = formState((await readPage(bad)).document);
    expect(form.error("title")).toBe("Give the series a title.");
    expect(form.value("description")).toBe("A description to keep.");

    const saved = await post(path, { title: "Final title", description: "Now described." });
    expect(saved.status).toBe(303);
    expect(saved.headers.get("location")).toBe(`${path}?done=saved`);
    const publicPage = await site.app.request(`/series/${series.slug}`);
    const html = await publicPage.text();
    expect(html).toContain("Final title");
    expect(html).toContain("Now described.");
  });

  it("finds films on record and adds them, once each", async () => {
    const { path } = await seriesOf("Search and add", [site.fixture.films.friday]);
    const found = await getAs(site.app, `${path}?film=games`, site.cookie);
    const results = [...found.document.querySelectorAll(".film-results li")].map(textOf);
    expect(results).toEqual(["House of Games (1987) Add House of Games (1987)"]);
    const already = await getAs(site.app, `${path}?film=friday`, site.cookie);
    expect(textOf(already.document.querySelector(".film-results li"))).toBe(
      "His Girl Friday (1940) already in the queue, number 1",
    );
    const none = await getAs(site.app, `${path}?film=zzz-nothing`, site.cookie);
    expect(none.html).toContain("No film on record matches “zzz-nothing”");

    const added = await post(`${path}/entries`, {
      filmId: String(site.fixture.films.games.id),
      film: "games",
    });
    expect(added.status).toBe(303);
    const location = added.headers.get("location") ?? "";
    expect(location).toMatch(/\?done=added&entry=(\d+)#entry-\1$/);
    expect(await queueLabels(path)).toEqual(["His Girl Friday (1940)", "House of Games (1987)"]);
    const page = await getAs(site.app, location, site.cookie);
    expect(textOf(page.document.querySelector(".form-notice"))).toBe(
      "“House of Games (1987)” added to the queue as number 2 of 2.",
    );

    const twice = await post(`${path}/entries`, {
      filmId: String(site.fixture.films.games.id),
      film: "games",
    });
    expect(twice.status).toBe(409);
    const twicePage = await readPage(twice);
    expect(textOf(twicePage.document.querySelector("#add-film ~ .form-error"))).toBe(
      "“House of Games (1987)” is already in the queue, as number 2.",
    );
    // The search is still shown, so another film can be picked at once.
    expect(formState(twicePage.document).value("film")).toBe("games");
    expect(await queueLabels(path)).toHaveLength(2);

    const gone = await post(`${path}/entries`, { filmId: "999999" });
    expect(gone.status).toBe(400);
  });

  it("adds a new film with its year and directors, and keeps input on error", async () => {
    const { path } = await seriesOf("New films", [site.fixture.films.vegas]);
    const bad = await post(`${path}/entries`, {
      filmTitle: "",
      filmYear: "fifty-five",
      filmDirectors: "Jules Dassin",
    });
    expect(bad.status).toBe(400);
    const form = formState((await readPage(bad)).document);
    expect(form.error("filmTitle")).toBe("A new film needs a title.");
    expect(form.error("filmYear")).toBe("Give the year as four digits, for example 1995.");
    expect(form.value("filmYear")).toBe("fifty-five");
    expect(form.value("filmDirectors")).toBe("Jules Dassin");

    const added = await post(`${path}/entries`, {
      filmTitle: "Rififi",
      filmYear: "1955",
      filmDirectors: "Jules Dassin",
    });
    expect(added.status).toBe(303);
    expect(await queueLabels(path)).toEqual(["Leaving Las Vegas (1995)", "Rififi (1955)"]);
    const film = await site.db.kysely
      .selectFrom("films")
      .selectAll()
      .where("title", "=", "Rififi")
      .executeTakeFirstOrThrow();
    expect(film.year).toBe(1955);
    expect((await filmCredits(site.db, film.id)).map((c) => [c.role, c.person.name])).toEqual([
      ["director", "Jules Dassin"],
    ]);

    // The same film again is not a new record: it is found and added from the search.
    const duplicate = await post(`${path}/entries`, { filmTitle: "rififi", filmYear: "1955" });
    expect(duplicate.status).toBe(409);
    expect(formState((await readPage(duplicate)).document).error("filmTitle")).toBe(
      "“Rififi (1955)” is already on record: find it above and add it from there.",
    );
  });

  it("moves films up and down, doing nothing past either end", async () => {
    const { series, entries, path } = await seriesOf("Moves", [
      site.fixture.films.vegas,
      site.fixture.films.bob,
      site.fixture.films.friday,
    ]);
    const [vegas, bob, friday] = entries as [number, number, number];

    const up = await post(`${path}/entries/${bob}/up`);
    expect(up.status).toBe(303);
    // Bob is first now, so its Move up is disabled: the fragment names its Move down, which
    // the browser scrolls to and focuses.
    expect(up.headers.get("location")).toBe(`${path}?done=moved&entry=${bob}#move-down-${bob}`);
    expect(await entryOrder(site.db, series.id)).toEqual([bob, vegas, friday]);
    const page = await getAs(site.app, up.headers.get("location")!, site.cookie);
    expect(textOf(page.document.querySelector(".form-notice"))).toBe(
      "“Bob le Flambeur (1956)” is now number 1 of 3.",
    );
    expect(page.document.querySelector(`#move-up-${bob}`)?.hasAttribute("disabled")).toBe(true);
    expect(page.document.querySelector(`#move-down-${bob}`)?.hasAttribute("disabled")).toBe(false);

    const atTop = await post(`${path}/entries/${bob}/up`);
    expect(atTop.headers.get("location")).toBe(`${path}?done=first&entry=${bob}#move-down-${bob}`);
    expect(await entryOrder(site.db, series.id)).toEqual([bob, vegas, friday]);
    const atBottom = await post(`${path}/entries/${friday}/down`);
    expect(atBottom.headers.get("location")).toBe(
      `${path}?done=last&entry=${friday}#move-up-${friday}`,
    );
    expect(await entryOrder(site.db, series.id)).toEqual([bob, vegas, friday]);
    const last = await getAs(site.app, atBottom.headers.get("location")!, site.cookie);
    expect(textOf(last.document.querySelector(".form-notice"))).toBe(
      "“His Girl Friday (1940)” is already last.",
    );

    // Reaching the end names the other button; staying in the middle, the one pressed.
    const down = await post(`${path}/entries/${vegas}/down`);
    expect(down.headers.get("location")).toBe(`${path}?done=moved&entry=${vegas}#move-up-${vegas}`);
    expect(await entryOrder(site.db, series.id)).toEqual([bob, friday, vegas]);
    const middle = await post(`${path}/entries/${vegas}/up`);
    expect(middle.headers.get("location")).toBe(
      `${path}?done=moved&entry=${vegas}#move-up-${vegas}`,
    );
    const middleDown = await post(`${path}/entries/${bob}/down`);
    expect(middleDown.headers.get("location")).toBe(
      `${path}?done=moved&entry=${bob}#move-down-${bob}`,
    );
    expect(await queueLabels(path)).toEqual([
      "Leaving Las Vegas (1995)",
      "Bob le Flambeur (1956)",
      "His Girl Friday (1940)",
    ]);

    // An entry of another series is not this one's to move.
    const other = await seriesOf("Other", [site.fixture.films.games]);
    expect((await post(`${path}/entries/${other.entries[0]}/up`)).status).toBe(404);
    // Without a valid token nothing moves.
    const forged = await postForm(
      site.app,
      `${path}/entries/${friday}/up`,
      { _csrf: "x" },
      { cookie: site.cookie },
    );
    expect(forged.status).toBe(403);
    expect(await entryOrder(site.db, series.id)).toEqual([vegas, bob, friday]);
  });

  it("removes a film after asking, and closes the gap", async () => {
    const { series, entries, path } = await seriesOf("Removals", [
      site.fixture.films.vegas,
      site.fixture.films.bob,
      site.fixture.films.friday,
    ]);
    const confirm = await getAs(site.app, `${path}/entries/${entries[1]}/remove`, site.cookie);
    expect(confirm.response.status).toBe(200);
    expect(textOf(confirm.document.querySelector("h1"))).toBe(
      "Remove Bob le Flambeur (1956) from the queue?",
    );
    expect(await entryOrder(site.db, series.id)).toHaveLength(3);

    const removed = await post(`${path}/entries/${entries[1]}/remove`);
    expect(removed.status).toBe(303);
    const page = await getAs(site.app, removed.headers.get("location")!, site.cookie);
    expect(textOf(page.document.querySelector(".form-notice"))).toBe(
      "“Bob le Flambeur (1956)” was taken out of the queue.",
    );
    expect(await queueLabels(path)).toEqual(["Leaving Las Vegas (1995)", "His Girl Friday (1940)"]);
    const positions = await site.db.kysely
      .selectFrom("series_entries")
      .select("position")
      .where("series_id", "=", series.id)
      .orderBy("position")
      .execute();
    expect(positions.map((p) => p.position)).toEqual([0, 1]);
    expect((await post(`${path}/entries/${entries[1]}/remove`)).status).toBe(404);
  });

  it("takes a whole new order from the script, unless the queue changed meanwhile", async () => {
    const { series, entries, path } = await seriesOf("Drag", [
      site.fixture.films.vegas,
      site.fixture.films.bob,
      site.fixture.films.friday,
    ]);
    const [a, b, c] = entries as [number, number, number];
    const json = { accept: "application/json" };
    const seen = `${a},${b},${c}`;

    const ok = await post(`${path}/order`, { seen, order: `${c},${a},${b}` }, json);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ ok: true, order: [c, a, b] });
    expect(await entryOrder(site.db, series.id)).toEqual([c, a, b]);

    // The same page again: what it saw is no longer the queue, so nothing changes.
    const stale = await post(`${path}/order`, { seen, order: `${b},${a},${c}` }, json);
    expect(stale.status).toBe(409);
    const body = (await stale.json()) as { ok: boolean; order: number[]; message: string };
    expect(body.ok).toBe(false);
    expect(body.order).toEqual([c, a, b]);
    expect(body.message).toMatch(/Someone changed this queue meanwhile/);
    expect(await entryOrder(site.db, series.id)).toEqual([c, a, b]);

    // An order that is not a rearrangement of the queue, or cannot be read.
    const current = `${c},${a},${b}`;
    expect((await post(`${path}/order`, { seen: current, order: `${c},${a}` }, json)).status).toBe(
      400,
    );
    expect((await post(`${path}/order`, { seen: current, order: "1;2" }, json)).status).toBe(400);
    expect(await entryOrder(site.db, series.id)).toEqual([c, a, b]);

    // A plain form post gets a page back rather than JSON.
    const plain = await post(`${path}/order`, { seen: current, order: `${a},${b},${c}` });
    expect(plain.status).toBe(303);
    expect(plain.headers.get("location")).toBe(`${path}?done=reordered`);
    expect(await entryOrder(site.db, series.id)).toEqual([a, b, c]);

    // The token is checked as for any form.
    const forged = await postForm(
      site.app,
      `${path}/order`,
      { _csrf: "x", seen: `${a},${b},${c}`, order: `${c},${b},${a}` },
      { cookie: site.cookie, headers: json },
    );
    expect(forged.status).toBe(403);
    expect(await entryOrder(site.db, series.id)).toEqual([a, b, c]);
  });

  it("changes Up Next on a cached review page as soon as the queue is reordered", async () => {
    const upNext = async () => {
      const response = await site.app.request("/review/leaving-las-vegas-1995");
      const html = await response.text();
      const { document } = parseHTML(html);
      return {
        cache: response.headers.get("x-cache"),
        text: textOf(document.querySelector(".up-next")),
      };
    };
    await upNext();
    const before = await upNext();
    expect(before.cache).toBe("HIT");
    expect(before.text).toContain(
      "Up Next: Bob le Flambeur (1956), His Girl Friday (1940), House of Games (1987)",
    );
    const { series } = site.fixture;
    const order = await entryOrder(site.db, series.id);
    const friday = order[3]!;
    // Move up: His Girl Friday goes before Bob le Flambeur.
    await post(`/admin/series/${series.id}/entries/${friday}/up`);
    const afterMove = await upNext();
    expect(afterMove.cache).toBe("MISS");
    expect(afterMove.text).toContain(
      "Up Next: His Girl Friday (1940), Bob le Flambeur (1956), House of Games (1987)",
    );
    expect((await upNext()).cache).toBe("HIT");

    // The script's reorder: Amélie (last) comes straight after Leaving Las Vegas.
    const seen = await entryOrder(site.db, series.id);
    const amelie = seen[5]!;
    const wanted = [seen[0]!, seen[1]!, amelie, ...seen.slice(2, 5)];
    const response = await post(
      `/admin/series/${series.id}/order`,
      { seen: seen.join(","), order: wanted.join(",") },
      { accept: "application/json" },
    );
    expect(response.status).toBe(200);
    const afterDrag = await upNext();
    expect(afterDrag.cache).toBe("MISS");
    expect(afterDrag.text).toContain(
      "Up Next: Amélie (2001), His Girl Friday (1940), Bob le Flambeur (1956)",
    );
    const seriesPage = await (await site.app.request(`/series/${series.slug}`)).text();
    expect(seriesPage.indexOf("Amélie")).toBeLessThan(seriesPage.indexOf("His Girl Friday"));
  });

  it("is for owners and editors only", async () => {
    const { entries, path } = await seriesOf("Guarded", [
      site.fixture.films.vegas,
      site.fixture.films.bob,
    ]);
    const author = await signIn(site.app, "author@example.com");
    const authorToken = await csrfToken(site.app, author);
    expect((await getAs(site.app, "/admin/series", author)).response.status).toBe(403);
    expect((await getAs(site.app, path, author)).response.status).toBe(403);
    const forged = [
      ["/admin/series", { title: "Mine" }],
      [path, { title: "Taken over" }],
      [`${path}/entries`, { filmId: String(site.fixture.films.friday.id) }],
      [`${path}/entries/${entries[1]}/up`, {}],
      [`${path}/entries/${entries[1]}/remove`, {}],
      [`${path}/order`, { seen: entries.join(","), order: [...entries].reverse().join(",") }],
    ] as const;
    for (const [target, fields] of forged) {
      const response = await postForm(
        site.app,
        target,
        { _csrf: authorToken, ...fields },
        {
          cookie: author,
        },
      );
      expect(response.status, target).toBe(403);
    }
    expect(await queueLabels(path)).toEqual(["Leaving Las Vegas (1995)", "Bob le Flambeur (1956)"]);
    // The navigation offers Series only to those who may use it.
    expect((await getAs(site.app, "/admin", author)).html).not.toContain('href="/admin/series"');
    expect((await getAs(site.app, "/admin", site.cookie)).html).toContain('href="/admin/series"');
    const stranger = await getAs(site.app, path);
    expect(stranger.response.status).toBe(303);
  });
});

async function readPage(response: Response) {
  return parseHTML(await response.text());
}
