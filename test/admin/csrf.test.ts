// Forged requests are refused and change nothing: a missing or wrong token, or a post sent
// from another site. The review editor gives the typed text back with a fresh token.
import { describe, expect, it } from "vitest";
import { loadSettings } from "../../src/domain/settings.ts";
import { isCrossSiteRequest } from "../../src/web/auth/csrf.ts";
import { dialects } from "../support/databases.ts";
import { csrfToken, formState, postForm, signIn } from "./admin-client.ts";
import { adminSite } from "./admin-site.ts";
import { parseHTML } from "linkedom";

describe("the same-site check", () => {
  const origins = ["https://films.example.org"];
  const headers = (h: Record<string, string>) => new Headers(h);
  it("trusts Sec-Fetch-Site first, then Origin", () => {
    expect(isCrossSiteRequest(headers({ "sec-fetch-site": "same-origin" }), origins)).toBe(false);
    expect(isCrossSiteRequest(headers({ "sec-fetch-site": "none" }), origins)).toBe(false);
    expect(isCrossSiteRequest(headers({ "sec-fetch-site": "cross-site" }), origins)).toBe(true);
    expect(isCrossSiteRequest(headers({ "sec-fetch-site": "same-site" }), origins)).toBe(true);
    expect(isCrossSiteRequest(headers({ origin: "https://films.example.org" }), origins)).toBe(
      false,
    );
    expect(isCrossSiteRequest(headers({ origin: "https://evil.example" }), origins)).toBe(true);
    expect(isCrossSiteRequest(headers({ origin: "null" }), origins)).toBe(true);
    expect(isCrossSiteRequest(headers({}), origins)).toBe(false);
  });
});

describe.each(dialects)("CSRF defences on %s", (dialect) => {
  const settingsForm = {
    siteTitle: "Hijacked",
    siteDescription: "x",
    ratingScale: "ten",
    reviewsPerPage: "5",
  };
  const site = adminSite(dialect, { accounts: [["owner", "boss"]], signInAs: "boss@example.com" });

  async function expectUnchanged() {
    expect((await loadSettings(site.db)).siteTitle).toBe("Cinelog");
  }

  it("refuses a form without a token", async () => {
    const r = await postForm(site.app, "/admin/settings", settingsForm, { cookie: site.cookie });
    expect(r.status).toBe(403);
    expect(await r.text()).toContain("This form has expired");
    await expectUnchanged();
  });

  it("refuses another session's token", async () => {
    const otherCookie = await signIn(site.app, "critic@example.com", "correct horse battery");
    const otherToken = await csrfToken(site.app, otherCookie);
    const r = await postForm(
      site.app,
      "/admin/settings",
      { ...settingsForm, _csrf: otherToken },
      {
        cookie: site.cookie,
      },
    );
    expect(r.status).toBe(403);
    await expectUnchanged();
    const garbage = await postForm(
      site.app,
      "/admin/settings",
      { ...settingsForm, _csrf: "x" },
      {
        cookie: site.cookie,
      },
    );
    expect(garbage.status).toBe(403);
    await expectUnchanged();
  });

  it("refuses a post from another site even with a good token", async () => {
    const _csrf = await csrfToken(site.app, site.cookie);
    const crossSite = await postForm(
      site.app,
      "/admin/settings",
      { ...settingsForm, _csrf },
      {
        cookie: site.cookie,
        headers: { "sec-fetch-site": "cross-site" },
      },
    );
    expect(crossSite.status).toBe(403);
    const foreignOrigin = await site.app.request("/admin/settings", {
      method: "POST",
      body: new URLSearchParams({ ...settingsForm, _csrf }),
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        origin: "https://evil.example",
        cookie: site.cookie,
      },
    });
    expect(foreignOrigin.status).toBe(403);
    // Sign-in too: nobody can sign a visitor into an attacker's account.
    const signInFromElsewhere = await postForm(
      site.app,
      "/admin/sign-in",
      { email: "boss@example.com", password: "correct horse battery" },
      { headers: { "sec-fetch-site": "cross-site" } },
    );
    expect(signInFromElsewhere.status).toBe(403);
    expect(signInFromElsewhere.headers.get("set-cookie")).toBeNull();
    await expectUnchanged();
  });

  it("accepts the right token from this site", async () => {
    const _csrf = await csrfToken(site.app, site.cookie);
    const r = await postForm(
      site.app,
      "/admin/settings",
      { ...settingsForm, siteTitle: "Mine", _csrf },
      {
        cookie: site.cookie,
      },
    );
    expect(r.status).toBe(303);
    expect((await loadSettings(site.db)).siteTitle).toBe("Mine");
    const back = await postForm(
      site.app,
      "/admin/settings",
      {
        siteTitle: "Cinelog",
        siteDescription: "A film journal.",
        ratingScale: "stars5",
        reviewsPerPage: "10",
        _csrf,
      },
      { cookie: site.cookie },
    );
    expect(back.status).toBe(303);
  });

  it("gives the review editor back with everything typed and a fresh token", async () => {
    const typed = {
      filmId: String(site.fixture.films.friday.id),
      body: "A long review I must not lose.\n\nSecond paragraph.",
      tags: "Screwball, Newsroom",
      rating: "4.5",
      watchedOn: "2026-11-01",
      isRewatch: "on",
      intent: "publish",
      _csrf: "stale-token",
    };
    const before = await site.db.kysely.selectFrom("reviews").select("id").execute();
    const r = await postForm(site.app, "/admin/reviews/new", typed, { cookie: site.cookie });
    expect(r.status).toBe(403);
    const { document } = parseHTML(await r.text());
    expect(document.querySelector(".form-error")?.textContent).toContain("This form expired");
    const form = formState(document);
    expect(form.value("body")).toBe(typed.body);
    expect(form.value("tags")).toBe(typed.tags);
    expect(form.value("rating")).toBe("4.5");
    expect(form.value("watchedOn")).toBe("2026-11-01");
    expect(form.value("isRewatch")).toBe("on");
    expect(form.value("filmId")).toBe(String(site.fixture.films.friday.id));
    expect(await site.db.kysely.selectFrom("reviews").select("id").execute()).toHaveLength(
      before.length,
    );
    // The fresh token on that page works.
    const fresh = form.value("_csrf")!;
    const retry = await postForm(
      site.app,
      "/admin/reviews/new",
      { ...typed, _csrf: fresh },
      { cookie: site.cookie },
    );
    expect(retry.status).toBe(303);
  });
});
