// The owner's pages: settings that show on the public site at once, and new accounts.
import { describe, expect, it } from "vitest";
import { parseHTML } from "linkedom";
import { textOf } from "../support/app.ts";
import { dialects } from "../support/databases.ts";
import { loadSettings } from "../../src/domain/settings.ts";
import { csrfToken, formState, getAs, postForm, signIn } from "./admin-client.ts";
import { adminSite } from "./admin-site.ts";

describe.each(dialects)("settings and accounts on %s", (dialect) => {
  const site = adminSite(dialect, { signInAs: "critic@example.com" });

  it("saves settings, and the public pages show them at once", async () => {
    await site.app.request("/");
    expect((await site.app.request("/")).headers.get("x-cache")).toBe("HIT");
    const saved = await postForm(
      site.app,
      "/admin/settings",
      {
        siteTitle: "Night Shift Cinema",
        siteDescription: "Films after dark.",
        ratingScale: "ten",
        reviewsPerPage: "25",
        _csrf: await csrfToken(site.app, site.cookie),
      },
      { cookie: site.cookie },
    );
    expect(saved.status).toBe(303);
    const home = await site.app.request("/");
    expect(home.headers.get("x-cache")).toBe("MISS");
    expect(await home.text()).toContain("Night Shift Cinema");
    const editor = await getAs(site.app, "/admin/reviews/1/edit", site.cookie);
    expect(textOf(editor.document.querySelector('label[for="rating"]'))).toBe(
      "Rating, from 0 to 10",
    );
    expect(formState(editor.document).value("rating")).toBe("9");
    expect((await loadSettings(site.db)).reviewsPerPage).toBe(25);
  });

  it("keeps what was typed when a setting is refused", async () => {
    const r = await postForm(
      site.app,
      "/admin/settings",
      {
        siteTitle: "  ",
        siteDescription: "Kept.",
        ratingScale: "stars7",
        reviewsPerPage: "0",
        _csrf: await csrfToken(site.app, site.cookie),
      },
      { cookie: site.cookie },
    );
    expect(r.status).toBe(400);
    const { document } = parseHTML(await r.text());
    const form = formState(document);
    expect(form.error("siteTitle")).toBe("The site needs a title.");
    expect(form.error("ratingScale")).toBe("Choose one of the scales.");
    expect(form.value("siteDescription")).toBe("Kept.");
    expect(form.error("reviewsPerPage")).toBe("Give a whole number from 1 to 100.");
    expect(form.value("reviewsPerPage")).toBe("0");
  });

  it.each(["101", "ten", "2.5", ""])("refuses %j reviews per page and keeps it", async (raw) => {
    const before = (await loadSettings(site.db)).reviewsPerPage;
    const r = await postForm(
      site.app,
      "/admin/settings",
      {
        siteTitle: "Kept title",
        siteDescription: "",
        ratingScale: "stars5",
        reviewsPerPage: raw,
        _csrf: await csrfToken(site.app, site.cookie),
      },
      { cookie: site.cookie },
    );
    expect(r.status).toBe(400);
    const form = formState(parseHTML(await r.text()).document);
    expect(form.error("reviewsPerPage")).toBe("Give a whole number from 1 to 100.");
    expect(form.value("reviewsPerPage")).toBe(raw);
    expect(form.value("siteTitle")).toBe("Kept title");
    expect((await loadSettings(site.db)).reviewsPerPage).toBe(before);
  });

  it("adds an account that can sign in with its role", async () => {
    const _csrf = await csrfToken(site.app, site.cookie);
    const added = await postForm(
      site.app,
      "/admin/users",
      {
        email: "new@example.com",
        name: "New Editor",
        role: "editor",
        password: "a long password",
        _csrf,
      },
      { cookie: site.cookie },
    );
    expect(added.status).toBe(303);
    const list = await getAs(site.app, "/admin/users", site.cookie);
    const rows = [...list.document.querySelectorAll("tbody tr")].map((tr) =>
      [...tr.querySelectorAll("td")].map((td) => textOf(td)),
    );
    expect(rows).toContainEqual(["New Editor", "new@example.com", "editor"]);
    const editor = await signIn(site.app, "new@example.com", "a long password");
    expect((await getAs(site.app, "/admin/reviews/1/edit", editor)).response.status).toBe(200);
    expect((await getAs(site.app, "/admin/users", editor)).response.status).toBe(403);

    const duplicate = await postForm(
      site.app,
      "/admin/users",
      {
        email: "new@example.com",
        name: "Again",
        role: "author",
        password: "a long password",
        _csrf,
      },
      { cookie: site.cookie },
    );
    expect(duplicate.status).toBe(400);
    const { document } = parseHTML(await duplicate.text());
    const form = formState(document);
    expect(form.error("email")).toContain("There is already an account");
    expect(form.value("name")).toBe("Again");
    expect(form.value("role")).toBe("author");
  });
});
