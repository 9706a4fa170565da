// The review editor's film and layout in headless Chromium: a film is picked by type-ahead
// inside the one form, so the review typed before stays and is saved with it; a new film
// already on record is refused in the page with the record offered; and the live preview
// stands beside the text at 1280 px and below it at 390 px, axe clean in light and dark.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { axeViolations } from "../support/axe.ts";
import { browserSite, signInThroughForm } from "../support/browser-site.ts";
import { buildFixture } from "../support/fixture.ts";

const password = "correct horse battery";

describe("the review editor's film picker and layout in a real browser", () => {
  let f: Awaited<ReturnType<typeof buildFixture>>;
  const site = browserSite({
    prepare: async (db) => {
      f = await buildFixture(db);
    },
  });

  const signIn = (page: Page, path: string) =>
    signInThroughForm(page, site.base, { email: "critic@example.com", password, path });

  async function savedReview(id: number) {
    return site.db.kysely
      .selectFrom("reviews")
      .select(["film_id", "body_md"])
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
  }

  const reviewIdIn = (url: string) => Number(/\/admin\/reviews\/(\d+)\/edit/.exec(url)?.[1]);

  it("picks a film by type-ahead after the review is typed, and saves both", async () => {
    const { context, page } = await site.newPage({ viewport: { width: 1280, height: 900 } });
    page.on("dialog", (dialog) => void dialog.accept());
    await signIn(page, "/admin/reviews/new");
    // Without a choice, the new film's fields are folded away; the Find button is for no-JS.
    expect(await page.locator("#newFilmTitle").isVisible()).toBe(false);
    expect(await page.locator(".film-search-button").isVisible()).toBe(false);
    const text = "Hawks lets everyone *talk at once*, and it works.";
    await page.fill("#body", text);
    await page.locator("#filmSearch").pressSequentially("girl fri", { delay: 30 });
    const result = page.locator("#film-results button", { hasText: "His Girl Friday (1940)" });
    await result.waitFor();
    expect(await page.textContent("#film-results .film-results-status")).toContain("choose");
    await expect.poll(async () => (await axeViolations(page)).join("\n")).toBe("");
    await result.click();
    expect(await page.inputValue("#filmId")).toBe(String(f.films.friday.id));
    expect(await page.textContent("#film-results .film-results-status")).toBe(
      "Chosen: His Girl Friday (1940).",
    );
    // Enter in the search field searches; it never posts the form.
    await page.locator("#filmSearch").press("Enter");
    expect(new URL(page.url()).pathname).toBe("/admin/reviews/new");
    expect(await page.inputValue("#body")).toBe(text);

    await Promise.all([page.waitForURL(/saved=draft/), page.click('button[value="draft"]')]);
    const stored = await savedReview(reviewIdIn(page.url()));
    expect(stored).toEqual({ film_id: f.films.friday.id, body_md: text });
    expect(await page.inputValue("#filmId")).toBe(String(f.films.friday.id));
    await context.close();
    expect(site.foreignRequests).toEqual([]);
  }, 90_000);

  it("refuses a new film already on record and saves the review on the one chosen", async () => {
    const { context, page } = await site.newPage({ viewport: { width: 1280, height: 900 } });
    page.on("dialog", (dialog) => void dialog.accept());
    await signIn(page, "/admin/reviews/new");
    await page.click("#new-film summary");
    await page.fill("#newFilmTitle", "bob le flambeur");
    await page.fill("#newFilmYear", "1956");
    await page.fill("#newFilmDirectors", "Jean-Pierre Melville");
    const text = "Montmartre before dawn; the dice *never* stop.";
    await page.fill("#body", text);
    await page.click('button[value="draft"]');
    await page.waitForSelector("#newFilmTitle-error");
    expect(await page.textContent("#newFilmTitle-error")).toContain("already on record");
    expect(await page.inputValue("#body")).toBe(text);
    expect(await page.locator("#newFilmTitle").isVisible()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);

    await page.getByLabel("Bob le Flambeur (1956)").check();
    await Promise.all([page.waitForURL(/saved=draft/), page.click('button[value="draft"]')]);
    const stored = await savedReview(reviewIdIn(page.url()));
    expect(stored).toEqual({ film_id: f.films.bob.id, body_md: text });
    const films = await site.db.kysely
      .selectFrom("films")
      .select("id")
      .where("year", "=", 1956)
      .execute();
    expect(films).toEqual([{ id: f.films.bob.id }]);
    await context.close();
  }, 90_000);

  for (const colorScheme of ["light", "dark"] as const) {
    it(`shows the preview beside the text at 1280 px and below it at 390 px (${colorScheme})`, async () => {
      const { context, page } = await site.newPage({
        viewport: { width: 1280, height: 900 },
        colorScheme,
      });
      await signIn(page, `/admin/reviews/${f.reviews.bobReview.id}/edit`);
      await page.waitForSelector("#live-preview:not([hidden])");
      await expect
        .poll(() => page.textContent("#live-preview .review-body"))
        .toContain("Montmartre");

      const wide = await boxes(page);
      expect(wide.preview.x).toBeGreaterThanOrEqual(wide.text.x + wide.text.width);
      // Side by side: they share their top line, more or less.
      expect(Math.abs(wide.preview.y - wide.text.y)).toBeLessThan(wide.text.height);
      expect(await axeViolations(page), `1280 px, ${colorScheme}`).toEqual([]);

      await page.setViewportSize({ width: 390, height: 844 });
      const narrow = await boxes(page);
      // Nothing, not even a long film title in the list, makes the page scroll sideways.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        390,
      );
      expect(narrow.preview.y).toBeGreaterThanOrEqual(narrow.text.y + narrow.text.height);
      expect(narrow.preview.x + narrow.preview.width).toBeLessThanOrEqual(390);
      expect(await axeViolations(page), `390 px, ${colorScheme}`).toEqual([]);
      await context.close();
    }, 90_000);
  }

  async function boxes(page: Page) {
    const text = await page.locator("#body").boundingBox();
    const preview = await page.locator("#live-preview").boundingBox();
    if (!text || !preview) throw new Error("the text or the preview is not on screen");
    return { text, preview };
  }
});
