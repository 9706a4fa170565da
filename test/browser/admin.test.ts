// The admin in headless Chromium: sign in, write and publish a review, read it on the site;
// every admin page passes axe-core, and nothing is fetched from another host.
import { describe, expect, it } from "vitest";
import { createComment } from "../../src/domain/comments.ts";
import { createSetupToken } from "../../src/domain/setup-link.ts";
import { createUser } from "../../src/domain/users.ts";
import { axeChecker } from "../support/axe.ts";
import { browserSite, signInThroughForm } from "../support/browser-site.ts";

describe("the admin in a real browser", () => {
  const site = browserSite({ demo: true });

  it("signs in, writes and publishes a review, and the site shows it", async () => {
    await createUser(site.db, {
      email: "writer@example.com",
      displayName: "Wren Writer",
      role: "author",
      password: "correct horse battery",
    });
    const { context, page } = await site.newPage();
    await signInThroughForm(page, site.base, { email: "writer@example.com" });
    await page.click("text=Write a review");
    await page.click("#new-film summary");
    await page.fill("#newFilmTitle", "Rififi");
    await page.fill("#newFilmYear", "1955");
    await page.fill("#newFilmDirectors", "Jules Dassin");
    await page.fill(
      "#body",
      "Thirty minutes **without a word**, and it's the best heist ever filmed.",
    );
    await page.fill("#tags", "Heist, Paris");
    await page.fill("#rating", "5");
    await page.click('button[value="preview"]');
    expect(await page.textContent(".preview strong")).toBe("without a word");
    expect(await page.inputValue("#body")).toContain("it's the best heist");
    await page.click('button[value="publish"]');
    await page.waitForURL(/\/admin\/reviews\/\d+\/edit\?saved=publish/);
    expect(await page.textContent(".form-notice")).toBe("Published.");

    await page.click("text=See it on the site");
    await page.waitForURL(`${site.base}/review/rififi-1955`);
    expect(await page.textContent("h1")).toBe("Rififi (1955)");
    expect(await page.textContent(".review-body")).toContain("without a word");
    await context.close();
    expect(site.foreignRequests).toEqual([]);
  }, 60_000);

  for (const scheme of ["light", "dark"] as const) {
    it(`has no axe violations on any admin page (${scheme})`, async () => {
      const { context, page } = await site.newPage({ colorScheme: scheme });
      const { problems, check } = axeChecker(page);
      await page.goto(`${site.base}/admin/sign-in`);
      await check("sign-in");
      await page.fill("#email", "nobody@example.com");
      await page.fill("#password", "wrong password");
      await Promise.all([page.waitForEvent("load"), page.click("button.primary")]);
      await check("sign-in refused");
      // No owner with a password exists in the demo until this test adds one: the setup page.
      const token = await createSetupToken(site.db);
      await page.goto(`${site.base}/admin/setup/${token}`);
      await check("setup");

      const email = `owner-${scheme}@example.com`;
      await createUser(site.db, {
        email,
        displayName: "Olive Owner",
        role: "owner",
        password: "correct horse battery",
      });
      await signInThroughForm(page, site.base, { email });
      // The moderation screens need a comment in each place.
      const comment = (status: "pending" | "approved" | "trash") =>
        createComment(site.db, {
          reviewId: 1,
          name: `Axe ${status}`,
          email: "axe@example.com",
          url: "https://example.com/",
          body: "A *comment* with a [link](https://example.com/) and\n\n> a quote.",
          status,
          ip: "203.0.113.1",
        });
      const pending = await comment("pending");
      await comment("approved");
      const trashed = await comment("trash");
      for (const path of [
        "/admin/comments",
        "/admin/comments?status=trash",
        "/admin/comments?s=no-such-words",
        `/admin/comments/${pending.id}/edit`,
        `/admin/comments/${pending.id}/reply`,
        `/admin/comments/${trashed.id}/delete`,
        "/admin",
        "/admin/reviews",
        "/admin/reviews/new",
        "/admin/reviews/new?film=vegas",
        "/admin/reviews/1/edit",
        "/admin/settings",
        "/admin/settings/comments",
        "/admin/users",
        "/admin/no-such-page",
      ]) {
        await page.goto(`${site.base}${path}`);
        await check(path);
      }
      await page.goto(`${site.base}/admin/reviews/new`);
      await page.click("#new-film summary");
      await page.fill("#newFilmYear", "nineteen");
      // Server-side errors (the browser's own checks would stop an out-of-range rating). Each
      // form is checked once the page it posts to has loaded, not while it is on its way.
      await Promise.all([page.waitForEvent("load"), page.click('button[value="publish"]')]);
      expect(await page.locator(".field-error").count()).toBeGreaterThan(1);
      await check("editor with errors");
      await page.fill("#body", "A *preview*.");
      await Promise.all([page.waitForEvent("load"), page.click('button[value="preview"]')]);
      await check("editor with preview");
      await page.goto(`${site.base}/admin/comments/${pending.id}/edit`);
      // An address the browser accepts and the server refuses (only http and https).
      await page.fill("#url", "ftp://example.com/");
      await Promise.all([page.waitForEvent("load"), page.click("button.primary")]);
      expect(await page.locator(".field-error").count()).toBe(1);
      await check("comment edit with errors");
      await page.goto(`${site.base}/admin/settings/comments`);
      await page.fill("#commentThreadDepth", "eleven");
      await page.fill("#holdLinkCount", "-1");
      await Promise.all([page.waitForEvent("load"), page.click("button.primary")]);
      expect(await page.locator(".field-error").count()).toBe(2);
      await check("comment settings with errors");
      await page.goto(`${site.base}/admin/comments`);
      await page.check(`#select-${pending.id}`);
      await page.selectOption("#bulk-action", "approve");
      await Promise.all([page.waitForURL(/done=approve/), page.click("#bulk button")]);
      expect(await page.textContent(".form-notice")).toBe("1 comment approved.");
      await check("comments after a bulk action");
      await context.close();
      expect(problems).toEqual([]);
      expect(site.foreignRequests).toEqual([]);
    }, 120_000);
  }
});
