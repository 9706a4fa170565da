// The review editor end to end: create and publish, the public page through the page cache,
// edits that show at once, validation that keeps every field, and role limits on publishing.
import { describe, expect, it } from "vitest";
import { parseHTML } from "linkedom";
import { searchReviews } from "../../src/domain/review-search.ts";
import { getPage, textOf } from "../support/app.ts";
import { dialects } from "../support/databases.ts";
import { csrfToken, formState, getAs, postForm, savedReviewId, signIn } from "./admin-client.ts";
import { adminSite } from "./admin-site.ts";

describe.each(dialects)("the review editor on %s", (dialect) => {
  const site = adminSite(dialect, {
    accounts: ["contributor", "author"],
    signInAs: "critic@example.com",
  });

  async function save(cookie: string, path: string, fields: Record<string, string>) {
    const _csrf = await csrfToken(site.app, cookie, path);
    return postForm(site.app, path, { ...fields, _csrf }, { cookie });
  }

  it("creates a review of a new film, publishes it, and the site shows it", async () => {
    const created = await save(site.cookie, "/admin/reviews/new", {
      newFilmTitle: "The Sting",
      newFilmYear: "1973",
      newFilmDirectors: "George Roy Hill",
      body: "## Grifters\n\nA con in *seven* acts.",
      tags: "Heist, Chicago",
      rating: "4.5",
      watchedOn: "2026-10-31",
      hasSpoilers: "on",
      intent: "publish",
    });
    expect(created.status).toBe(303);
    const id = savedReviewId(created);
    const editor = await getAs(site.app, `/admin/reviews/${id}/edit?saved=publish`, site.cookie);
    expect(textOf(editor.document.querySelector(".form-notice"))).toBe("Published.");
    expect(formState(editor.document).value("rating")).toBe("4.5");

    const page = await site.app.request("/review/the-sting-1973");
    expect(page.status).toBe(200);
    const { document } = parseHTML(await page.text());
    expect(textOf(document.querySelector("h1"))).toBe("The Sting (1973)");
    expect(document.querySelector(".review-body h2")?.textContent).toBe("Grifters");
    expect(textOf(document.body)).toContain("George Roy Hill");
    expect(document.querySelector('a[href="/tag/heist"]')).not.toBeNull();
    const stored = await site.db.kysely
      .selectFrom("reviews")
      .select(["rating", "has_spoilers", "is_rewatch", "status"])
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ rating: 90, has_spoilers: 1, is_rewatch: 0, status: "published" });
    const found = await searchReviews(site.db, "grifters", new Date().toISOString());
    expect(found.items.map((r) => r.slug)).toContain("the-sting-1973");
  });

  it("shows an edit of a published review at once, past the page cache", async () => {
    const path = "/review/leaving-las-vegas-1995";
    await site.app.request(path);
    expect((await site.app.request(path)).headers.get("x-cache")).toBe("HIT");
    const edit = `/admin/reviews/${site.fixture.reviews.vegasReview.id}/edit`;
    const form = formState((await getAs(site.app, edit, site.cookie)).document);
    const saved = await save(site.cookie, edit, {
      filmId: form.value("filmId")!,
      body: "Rewritten: *the desert* wins.",
      tags: form.value("tags")!,
      rating: form.value("rating")!,
      watchedOn: form.value("watchedOn")!,
      intent: "publish",
    });
    expect(saved.status).toBe(303);
    const after = await site.app.request(path);
    expect(after.headers.get("x-cache")).toBe("MISS");
    const html = await after.text();
    expect(html).toContain("Rewritten: <em>the desert</em> wins.");
    expect(html).not.toContain("A <em>slow</em> and generous film");
    // The date of first publication stays.
    const row = await site.db.kysely
      .selectFrom("reviews")
      .select("published_at")
      .where("id", "=", site.fixture.reviews.vegasReview.id)
      .executeTakeFirstOrThrow();
    expect(row.published_at).toBe("2026-01-12T20:00:00.000Z");
    // The earlier body is kept as a revision, shown in the editor.
    const again = await getAs(site.app, edit, site.cookie);
    expect(again.html).toContain("A *slow* and generous film");
  });

  it("takes a published review off the site when saved as a draft", async () => {
    const path = "/review/bob-le-flambeur-1956";
    await site.app.request(path);
    const edit = `/admin/reviews/${site.fixture.reviews.bobReview.id}/edit`;
    const saved = await save(site.cookie, edit, {
      filmId: String(site.fixture.films.bob.id),
      body: "Back to the drawer.",
      intent: "draft",
    });
    expect(saved.status).toBe(303);
    expect((await site.app.request(path)).status).toBe(404);
    expect(await (await site.app.request("/")).text()).not.toContain(
      'href="/review/bob-le-flambeur-1956"',
    );
  });

  it("schedules a review in UTC", async () => {
    const created = await save(site.cookie, "/admin/reviews/new", {
      filmId: String(site.fixture.films.friday.id),
      body: "Fast talk.",
      publishAt: "2099-06-01T18:30",
      intent: "schedule",
    });
    const id = savedReviewId(created);
    const row = await site.db.kysely
      .selectFrom("reviews")
      .select(["status", "published_at", "slug"])
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe("scheduled");
    expect(row.published_at).toBe("2099-06-01T18:30:00.000Z");
    expect((await site.app.request(`/review/${row.slug}`)).status).toBe(404);
    const editor = await getAs(site.app, `/admin/reviews/${id}/edit`, site.cookie);
    expect(formState(editor.document).value("publishAt")).toBe("2099-06-01T18:30");
  });

  it("keeps every field and shows each error next to it", async () => {
    const typed = {
      filmId: "",
      newFilmTitle: "",
      newFilmYear: "19x5",
      newFilmDirectors: "Someone",
      body: "   ",
      tags: "Keep, These",
      rating: "7",
      watchedOn: "2026-02-30",
      isRewatch: "on",
      hasSpoilers: "on",
      publishAt: "2001-01-01T00:00",
      intent: "schedule",
    };
    const before = await site.db.kysely.selectFrom("reviews").select("id").execute();
    const r = await save(site.cookie, "/admin/reviews/new", typed);
    expect(r.status).toBe(400);
    const { document } = parseHTML(await r.text());
    const form = formState(document);
    for (const [name, value] of Object.entries(typed)) {
      if (name === "intent" || name === "filmId") continue;
      expect(form.value(name), name).toBe(value);
    }
    expect(form.error("filmId")).toBe("Choose the film, or add a new one below.");
    expect(form.error("newFilmTitle")).toBe("A new film needs a title.");
    expect(form.error("newFilmYear")).toContain("four digits");
    expect(form.error("body")).toBe("Write the review before saving it.");
    expect(form.error("rating")).toBe("A rating goes from 0 to 5 in steps of 0.5.");
    expect(form.error("watchedOn")).toContain("YYYY-MM-DD");
    expect(form.error("publishAt")).toContain("That time has passed");
    expect(document.querySelector("#body")?.getAttribute("aria-describedby")).toContain(
      "body-error",
    );
    expect(await site.db.kysely.selectFrom("reviews").select("id").execute()).toHaveLength(
      before.length,
    );
  });

  it("previews without saving, keeping the form", async () => {
    const before = await site.db.kysely.selectFrom("reviews").select("id").execute();
    const r = await save(site.cookie, "/admin/reviews/new", {
      filmId: String(site.fixture.films.games.id),
      body: "Mamet's **card trick**.\n\n<script>alert(1)</script>",
      intent: "preview",
    });
    expect(r.status).toBe(200);
    const { document } = parseHTML(await r.text());
    expect(document.querySelector(".preview strong")?.textContent).toBe("card trick");
    expect(document.querySelector(".preview script")).toBeNull();
    expect(formState(document).value("body")).toContain("Mamet's **card trick**.");
    expect(await site.db.kysely.selectFrom("reviews").select("id").execute()).toHaveLength(
      before.length,
    );
  });

  it("lets a contributor save drafts but never publish, even by a forged post", async () => {
    const contributor = await signIn(site.app, "contributor@example.com");
    const form = await getAs(site.app, "/admin/reviews/new", contributor);
    expect(form.document.querySelector('button[value="publish"]')).toBeNull();
    expect(form.document.querySelector('button[value="schedule"]')).toBeNull();

    const draft = await save(contributor, "/admin/reviews/new", {
      filmId: String(site.fixture.films.games.id),
      body: "My first draft.",
      intent: "draft",
    });
    const id = savedReviewId(draft);
    for (const intent of ["publish", "schedule"]) {
      for (const path of ["/admin/reviews/new", `/admin/reviews/${id}/edit`]) {
        const forged = await save(contributor, path, {
          filmId: String(site.fixture.films.games.id),
          body: "Sneaking it out.",
          publishAt: "2099-01-01T00:00",
          intent,
        });
        expect(forged.status, `${intent} ${path}`).toBe(403);
        const html = await forged.text();
        expect(html).toContain("Sneaking it out.");
      }
    }
    const rows = await site.db.kysely
      .selectFrom("reviews")
      .innerJoin("users", "users.id", "reviews.author_id")
      .select(["reviews.status", "reviews.body_md"])
      .where("users.email", "=", "contributor@example.com")
      .execute();
    expect(rows).toEqual([{ status: "draft", body_md: "My first draft." }]);

    // Once an editor publishes it, the contributor can no longer change it.
    const published = await save(site.cookie, `/admin/reviews/${id}/edit`, {
      filmId: String(site.fixture.films.games.id),
      body: "My first draft, edited.",
      intent: "publish",
    });
    expect(published.status).toBe(303);
    const locked = await getAs(site.app, `/admin/reviews/${id}/edit`, contributor);
    expect(locked.response.status).toBe(403);
  });

  it("lets an author publish their own review but not touch anyone else's", async () => {
    const author = await signIn(site.app, "author@example.com");
    const created = await save(author, "/admin/reviews/new", {
      filmId: String(site.fixture.films.friday.id),
      body: "Author's own.",
      intent: "publish",
    });
    expect(created.status).toBe(303);
    const theirs = `/admin/reviews/${site.fixture.reviews.singinReview.id}/edit`;
    expect((await getAs(site.app, theirs, author)).response.status).toBe(403);
    const _csrf = await csrfToken(site.app, author);
    const forged = await postForm(
      site.app,
      theirs,
      { filmId: String(site.fixture.films.singin.id), body: "Vandalised.", intent: "draft", _csrf },
      { cookie: author },
    );
    expect(forged.status).toBe(403);
    const page = await getPage(site.app, "/review/singin-in-the-rain-1952");
    expect(page.html).not.toContain("Vandalised.");
  });
});
