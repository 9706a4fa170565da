// A review's own Up Next list in the editor: shown as written, and replaced by "follow the
// series" on saving; a refused or expired form forgets nothing and changes nothing.
import { parseHTML } from "linkedom";
import { beforeAll, describe, expect, it } from "vitest";
import { replaceOwnUpNext } from "../../src/domain/review-up-next.ts";
import { getPage, textOf } from "../support/app.ts";
import { dialects } from "../support/databases.ts";
import { csrfToken, formState, getAs, postForm } from "./admin-client.ts";
import { adminSite } from "./admin-site.ts";

/** What the editor's form would send as the page shows it (a browser's submit). */
function formFields(document: Document): Record<string, string> {
  const fields: Record<string, string> = {};
  const form = document.querySelector("#review-form");
  for (const el of form?.querySelectorAll("input, textarea, select") ?? []) {
    const name = el.getAttribute("name");
    const type = el.getAttribute("type");
    if (!name || type === "submit") continue;
    if ((type === "checkbox" || type === "radio") && !el.hasAttribute("checked")) continue;
    // formState decodes a textarea's text as a browser does (linkedom does not).
    if (el.tagName === "TEXTAREA") fields[name] = formState(document).value(name) ?? "";
    else if (el.tagName === "SELECT") {
      fields[name] = el.querySelector("option[selected]")?.getAttribute("value") ?? "";
    } else fields[name] = el.getAttribute("value") ?? (type === "checkbox" ? "on" : "");
  }
  return fields;
}

describe.each(dialects)("a review's own Up Next in the editor on %s", (dialect) => {
  const site = adminSite(dialect, { signInAs: "critic@example.com" });
  let editPath: string;
  let reviewPath: string;
  const ownList = () =>
    site.db.kysely
      .selectFrom("review_up_next")
      .select("film_id")
      .where("review_id", "=", site.fixture.reviews.vegasReview.id)
      .orderBy("position")
      .execute();

  beforeAll(async () => {
    const { vegasReview } = site.fixture.reviews;
    const { games, amelie, friday } = site.fixture.films;
    // As an import leaves it: a list that is not what the series says comes next.
    await replaceOwnUpNext(site.db, vegasReview.id, [games.id, amelie.id, friday.id]);
    editPath = `/admin/reviews/${vegasReview.id}/edit`;
    reviewPath = `/review/${vegasReview.slug}`;
  });

  it("shows the review's own list on its page and in the editor", async () => {
    const { document: page } = await getPage(site.app, reviewPath);
    // Not linked: one review is a draft, one is scheduled for later, one film has none.
    expect(textOf(page.querySelector(".up-next"))).toBe(
      "Up Next: House of Games (1987), Amélie (2001), His Girl Friday (1940)",
    );
    expect(page.querySelectorAll(".up-next a")).toHaveLength(0);

    const { response, document } = await getAs(site.app, editPath, site.cookie);
    expect(response.status).toBe(200);
    const items = [...document.querySelectorAll(".own-up-next li")].map((li) => textOf(li));
    expect(items).toEqual([
      "House of Games (1987) (not reviewed yet)",
      "Amélie (2001) (not reviewed yet)",
      "His Girl Friday (1940) (not reviewed yet)",
    ]);
    expect(formState(document).value("followSeries")).toBe("");
  });

  it("offers no list to replace on a review written here", async () => {
    const { document } = await getAs(
      site.app,
      `/admin/reviews/${site.fixture.reviews.bobReview.id}/edit`,
      site.cookie,
    );
    expect(document.querySelector(".own-up-next")).toBeNull();
    expect(formState(document).value("followSeries")).toBeUndefined();
  });

  it("keeps the list and the ticked box when the form is refused or expired", async () => {
    const { document } = await getAs(site.app, editPath, site.cookie);
    const fields = { ...formFields(document), followSeries: "on", intent: "publish" };

    const refused = await postForm(
      site.app,
      editPath,
      { ...fields, body: "  " },
      { cookie: site.cookie },
    );
    expect(refused.status).toBe(400);
    const shown = (await getAs(site.app, editPath, site.cookie)).document;
    expect(shown.querySelectorAll(".own-up-next li")).toHaveLength(3);
    const refusedPage = parseHTML(await refused.text()).document;
    expect(formState(refusedPage).value("followSeries")).toBe("on");
    expect(formState(refusedPage).error("body")).toBe("Write the review before saving it.");
    expect(refusedPage.querySelectorAll(".own-up-next li")).toHaveLength(3);

    const expired = await postForm(
      site.app,
      editPath,
      { ...fields, _csrf: "stale" },
      { cookie: site.cookie },
    );
    expect(expired.status).toBe(403);
    const expiredPage = parseHTML(await expired.text()).document;
    expect(formState(expiredPage).value("followSeries")).toBe("on");
    expect(await ownList()).toHaveLength(3);
  });

  it("follows the series once saved with the box ticked, and the page shows it at once", async () => {
    // Cached first, so the save must drop the page.
    await (await site.app.request(reviewPath)).text();
    expect((await site.app.request(reviewPath)).headers.get("x-cache")).toBe("HIT");

    const { document } = await getAs(site.app, editPath, site.cookie);
    const fields = formFields(document);
    const saved = await postForm(
      site.app,
      editPath,
      {
        ...fields,
        followSeries: "on",
        intent: "publish",
        _csrf: await csrfToken(site.app, site.cookie, editPath),
      },
      { cookie: site.cookie },
    );
    expect(saved.status).toBe(303);
    expect(await ownList()).toEqual([]);

    const { document: page } = await getPage(site.app, reviewPath);
    expect(textOf(page.querySelector(".up-next"))).toBe(
      "Up Next: Bob le Flambeur (1956), His Girl Friday (1940), House of Games (1987) — from Gamblers & Grifters",
    );
    const after = (await getAs(site.app, editPath, site.cookie)).document;
    expect(after.querySelector(".own-up-next")).toBeNull();
    // Everything else was saved as it was.
    const stored = await site.db.kysely
      .selectFrom("reviews")
      .select(["body_md", "rating"])
      .where("id", "=", site.fixture.reviews.vegasReview.id)
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({
      body_md: site.fixture.reviews.vegasReview.body_md,
      rating: site.fixture.reviews.vegasReview.rating,
    });
  });
});
