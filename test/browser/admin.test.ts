// The admin in headless Chromium: sign in, write and publish a review, read it on the site,
// and nothing is fetched from another host. Every admin page and form passing axe-core is
// test/browser/admin-forms-axe-light.test.ts and -dark.test.ts.
import { describe, expect, it } from "vitest";
import { createUser } from "../../src/domain/users.ts";
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
});
