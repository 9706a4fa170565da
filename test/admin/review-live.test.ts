// What the editor's script talks to: the live preview (the same sanitised HTML the review page
// shows) and the autosave (kept beside the review, offered back, gone once saved for real).
import { describe, expect, it } from "vitest";
import { renderReviewBody } from "../../src/content/markdown.ts";
import { discardAutosave, findAutosave, storeAutosave } from "../../src/domain/review-autosave.ts";
import { dialects } from "../support/databases.ts";
import { csrfToken, formState, getAs, postForm, signIn } from "./admin-client.ts";
import { adminSite } from "./admin-site.ts";

const hostileBody = [
  "## A heading",
  "",
  'Some *emphasis*, a [link](https://example.com/) and <span class="spoiler">the ending</span>.',
  "",
  "<script>alert('x')</script><img src=x onerror=alert(1)>",
  "",
  '<a href="javascript:alert(2)">bad</a>',
].join("\n");

describe.each(dialects)("the editor's live preview and autosave on %s", (dialect) => {
  const site = adminSite(dialect, {
    accounts: ["editor", "contributor"],
    signInAs: "critic@example.com",
  });

  const autosaves = () =>
    site.db.kysely.selectFrom("review_autosaves").selectAll().orderBy("id").execute();

  it("previews a body sanitised exactly as the published page renders it", async () => {
    const r = await postForm(
      site.app,
      "/admin/reviews/preview",
      { body: hostileBody, _csrf: site.token },
      { cookie: site.cookie },
    );
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toContain("application/json");
    const { html } = (await r.json()) as { html: string };
    expect(html).toContain("<h2>A heading</h2>");
    expect(html).toContain('<span class="spoiler">the ending</span>');
    expect(html).not.toContain("<script");
    expect(html).not.toContain("onerror");
    expect(html).not.toContain("javascript:");
    expect(html).toBe(renderReviewBody(hostileBody));

    // Publish the same text: the page shows byte for byte what the preview showed.
    const saved = await postForm(
      site.app,
      "/admin/reviews/new",
      {
        filmId: String(site.fixture.films.friday.id),
        body: hostileBody,
        intent: "publish",
        _csrf: site.token,
      },
      { cookie: site.cookie },
    );
    expect(saved.status).toBe(303);
    const id = Number(/reviews\/(\d+)\/edit/.exec(saved.headers.get("location")!)![1]);
    const { slug } = await site.db.kysely
      .selectFrom("reviews")
      .select("slug")
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    const page = await (await site.app.request(`/review/${slug}`)).text();
    expect(page).toContain(`<div class="review-body">${html}</div>`);
  });

  it("refuses a preview without the form's token, or from a stranger", async () => {
    const forged = await postForm(
      site.app,
      "/admin/reviews/preview",
      { body: "x", _csrf: "nope" },
      { cookie: site.cookie },
    );
    expect(forged.status).toBe(403);
    const stranger = await postForm(site.app, "/admin/reviews/preview", { body: "x" });
    expect(stranger.status).toBe(403);
  });

  it("autosaves an edit beside the review, never into it, and offers it back", async () => {
    const id = site.fixture.reviews.vegasReview.id;
    const edit = `/admin/reviews/${id}/edit`;
    const form = formState((await getAs(site.app, edit, site.cookie)).document);
    const before = await site.db.kysely
      .selectFrom("reviews")
      .select(["body_md", "body_html", "updated_at"])
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    await site.app.request("/review/leaving-las-vegas-1995");

    const r = await postForm(
      site.app,
      "/admin/reviews/autosave",
      {
        reviewId: String(id),
        filmId: form.value("filmId")!,
        body: "Half-way through a *new* thought",
        tags: "Neo-noir, Autosaved",
        isRewatch: "on",
        _csrf: site.token,
      },
      { cookie: site.cookie },
    );
    expect(r.status).toBe(200);
    const { savedAt } = (await r.json()) as { savedAt: string };
    expect(Date.parse(savedAt)).toBeGreaterThan(Date.now() - 60_000);

    // The review, its page and its cache are untouched.
    const after = await site.db.kysely
      .selectFrom("reviews")
      .select(["body_md", "body_html", "updated_at"])
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(after).toEqual(before);
    const page = await site.app.request("/review/leaving-las-vegas-1995");
    expect(page.headers.get("x-cache")).toBe("HIT");
    expect(await page.text()).not.toContain("new</em> thought");

    // Opening the editor offers it, clearly, with Restore and Discard.
    const offered = await getAs(site.app, edit, site.cookie);
    const offer = offered.document.querySelector(".unsaved-offer:not([hidden])");
    expect(offer?.textContent).toContain("Unsaved changes on the server");
    expect(offer?.textContent).toContain("Half-way through a *new* thought");
    expect(offer?.querySelector(`a[href="${edit}?autosave=restore"]`)?.textContent).toBe("Restore");
    expect(offer?.querySelector('form[action="/admin/reviews/autosave/discard"] button')).not.toBe(
      null,
    );
    // The form itself still shows the stored text until Restore is chosen.
    expect(formState(offered.document).value("body")).toBe(before.body_md);

    const restored = await getAs(site.app, `${edit}?autosave=restore`, site.cookie);
    const values = formState(restored.document);
    expect(values.value("body")).toBe("Half-way through a *new* thought");
    expect(values.value("tags")).toBe("Neo-noir, Autosaved");
    expect(values.value("isRewatch")).toBe("on");
    expect(restored.document.querySelector("#review-form")?.getAttribute("data-pristine")).toBe(
      "false",
    );

    // Saving for real publishes it and drops the autosave.
    const saved = await postForm(
      site.app,
      edit,
      {
        filmId: values.value("filmId")!,
        body: values.value("body")!,
        tags: values.value("tags")!,
        intent: "publish",
        _csrf: site.token,
      },
      { cookie: site.cookie },
    );
    expect(saved.status).toBe(303);
    expect(await autosaves()).toEqual([]);
    const clean = await getAs(site.app, edit, site.cookie);
    expect(clean.document.querySelector(".unsaved-offer:not([hidden])")).toBeNull();
  });

  it("keeps each person's autosave apart and lets them discard it", async () => {
    const id = site.fixture.reviews.bobReview.id;
    const editor = await signIn(site.app, "editor@example.com");
    const editorToken = await csrfToken(site.app, editor);
    const r = await postForm(
      site.app,
      "/admin/reviews/autosave",
      {
        reviewId: String(id),
        filmId: String(site.fixture.films.bob.id),
        body: "Editor's idea.",
        _csrf: editorToken,
      },
      { cookie: editor },
    );
    expect(r.status).toBe(200);
    const ownerView = await getAs(site.app, `/admin/reviews/${id}/edit`, site.cookie);
    expect(ownerView.html).not.toContain("Editor's idea.");
    const editorView = await getAs(site.app, `/admin/reviews/${id}/edit`, editor);
    expect(editorView.html).toContain("Editor&#39;s idea.");

    const discarded = await postForm(
      site.app,
      "/admin/reviews/autosave/discard",
      { reviewId: String(id), _csrf: editorToken },
      { cookie: editor },
    );
    expect(discarded.status).toBe(303);
    expect(discarded.headers.get("location")).toBe(`/admin/reviews/${id}/edit?autosave=discarded`);
    expect(await autosaves()).toEqual([]);
  });

  it("protects a review never saved, under the draft key of its editor page", async () => {
    const page = await getAs(site.app, "/admin/reviews/new", site.cookie);
    const key =
      page.document.querySelector('#review-form input[name="draftKey"]')?.getAttribute("value") ??
      "";
    expect(key).toMatch(/^[A-Za-z0-9_-]{16,64}$/);
    const r = await postForm(
      site.app,
      "/admin/reviews/autosave",
      {
        draftKey: key,
        newFilmTitle: "Le Cercle Rouge",
        newFilmYear: "1970",
        body: "A heist in near silence",
        _csrf: site.token,
      },
      { cookie: site.cookie },
    );
    expect(r.status).toBe(200);
    expect(
      await site.db.kysely
        .selectFrom("reviews")
        .select("id")
        .where("body_md", "like", "A heist%")
        .execute(),
    ).toEqual([]);

    // A fresh "Write a review" page offers it back.
    const again = await getAs(site.app, "/admin/reviews/new", site.cookie);
    expect(
      again.document.querySelector('#review-form input[name="draftKey"]')?.getAttribute("value"),
    ).not.toBe(key);
    const offer = again.document.querySelector(".unsaved-offer:not([hidden])");
    expect(offer?.textContent).toContain("Reviews you never saved");
    expect(offer?.textContent).toContain("Le Cercle Rouge");
    const restoreHref = offer?.querySelector("a")?.getAttribute("href");
    expect(restoreHref).toBe(`/admin/reviews/new?draft=${key}`);

    const restored = await getAs(site.app, restoreHref!, site.cookie);
    const values = formState(restored.document);
    expect(values.value("newFilmTitle")).toBe("Le Cercle Rouge");
    expect(values.value("body")).toBe("A heist in near silence");
    expect(values.value("draftKey")).toBe(key);

    const saved = await postForm(
      site.app,
      "/admin/reviews/new",
      {
        draftKey: key,
        newFilmTitle: "Le Cercle Rouge",
        newFilmYear: "1970",
        newFilmDirectors: "Jean-Pierre Melville",
        body: "A heist in near silence.",
        intent: "draft",
        _csrf: site.token,
      },
      { cookie: site.cookie },
    );
    expect(saved.status).toBe(303);
    const location = saved.headers.get("location")!;
    expect(location).toMatch(new RegExp(`\\?saved=draft&draft=${key}$`));
    expect(await autosaves()).toEqual([]);
    // The edit page tells the script which copy on the device can go.
    const edit = await getAs(site.app, location, site.cookie);
    expect(edit.document.querySelector("#review-form")?.getAttribute("data-saved-draft-key")).toBe(
      key,
    );
    expect(edit.document.querySelector(".unsaved-offer:not([hidden])")).toBeNull();
  });

  it("keeps one autosave when two tabs save the same new review at once", async () => {
    const target = { userId: site.fixture.author.id, draftKey: "two-tabs-racing-each-other" };
    const times = await Promise.all(
      ["one", "two", "three", "four"].map((body) => storeAutosave(site.db, target, { body })),
    );
    expect(times).toHaveLength(4);
    const rows = await autosaves();
    expect(rows).toHaveLength(1);
    expect(["one", "two", "three", "four"]).toContain(
      (await findAutosave(site.db, target))?.fields.body,
    );
    await discardAutosave(site.db, target);
    expect(await autosaves()).toEqual([]);
  });

  it("refuses autosaves it must not keep, and keeps nothing from them", async () => {
    const contributor = await signIn(site.app, "contributor@example.com");
    const contributorToken = await csrfToken(site.app, contributor);
    const cases: [string, Record<string, string>, number][] = [
      [
        site.cookie,
        { reviewId: String(site.fixture.reviews.vegasReview.id), body: "x", _csrf: "expired" },
        403,
      ],
      [site.cookie, { draftKey: "short", body: "x", _csrf: site.token }, 400],
      [site.cookie, { reviewId: "999999", body: "x", _csrf: site.token }, 404],
      // Someone else's published review is not the contributor's to touch.
      [
        contributor,
        {
          reviewId: String(site.fixture.reviews.vegasReview.id),
          body: "x",
          _csrf: contributorToken,
        },
        403,
      ],
    ];
    for (const [cookie, fields, status] of cases) {
      const r = await postForm(site.app, "/admin/reviews/autosave", fields, { cookie });
      expect(r.status, JSON.stringify(fields)).toBe(status);
    }
    expect((await postForm(site.app, "/admin/reviews/autosave", { body: "x" })).status).toBe(403);
    expect(await autosaves()).toEqual([]);
  });
});
