// Stills in a real browser: write a review, upload a still through the file input, describe
// it, publish, and see it on the public page; the same without JavaScript; refused files;
// drag-and-drop ordering; and the stills pages pass axe-core in light and dark mode.
import type { BrowserContextOptions, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { createUser } from "../../src/domain/users.ts";
import { jpegImage, pngBomb, pngImage } from "../admin/stills-upload.ts";
import { axeChecker } from "../support/axe.ts";
import { browserSite, signInThroughForm } from "../support/browser-site.ts";

const password = "correct horse battery";

describe("stills in a real browser", () => {
  const site = browserSite({
    prepare: (db) =>
      createUser(db, {
        email: "stills@example.com",
        displayName: "Stella Stills",
        role: "author",
        password,
      }),
  });

  async function signedInPage(options: BrowserContextOptions = {}) {
    const { context, page } = await site.newPage(options);
    await signInThroughForm(page, site.base, { email: "stills@example.com", password });
    return { context, page };
  }

  /** Writes a draft review of a new film and opens its stills page. */
  async function draftWithStillsPage(page: Page, title: string, year: string) {
    await page.goto(`${site.base}/admin/reviews/new`);
    await page.click("#new-film summary");
    await page.fill("#newFilmTitle", title);
    await page.fill("#newFilmYear", year);
    await page.fill("#newFilmDirectors", "Someone Behind The Camera");
    await page.fill("#body", `Notes on **${title}**, with pictures.`);
    await page.click('button[value="draft"]');
    await page.waitForURL(/\/admin\/reviews\/\d+\/edit\?saved=draft/);
    await page.click("a:text-is('Stills')");
    await page.waitForURL(/\/admin\/reviews\/\d+\/stills$/);
  }

  it("uploads a still through the file input, describes it, publishes, and the site shows it", async () => {
    const { context, page } = await signedInPage();
    await draftWithStillsPage(page, "The Asphalt Jungle", "1950");
    // With JavaScript the file is sent as soon as it is chosen, with a progress line.
    await page.setInputFiles("#still-files", {
      name: "jungle.jpg",
      mimeType: "image/jpeg",
      buffer: await jpegImage(1600, 900),
    });
    await page.locator(".still-progress li.is-done").waitFor();
    expect(await page.textContent(".still-progress li.is-done")).toContain("jungle.jpg");
    expect(await page.locator(".still-list li").count()).toBe(1);
    // A bad file is refused on its own line; the good one stays.
    await page.setInputFiles("#still-files", {
      name: "notes.jpg",
      mimeType: "image/jpeg",
      buffer: Buffer.from("not a picture at all"),
    });
    await page.locator(".still-progress li.is-refused").waitFor();
    expect(await page.textContent(".still-progress li.is-refused")).toContain("not an image file");
    expect(await page.locator(".still-list li").count()).toBe(1);

    // Publishing before the still has alt text is refused, naming it.
    await page.click("text=Back to the review");
    await page.click('button[value="publish"]');
    expect(await page.textContent(".form-error")).toContain("still 1 has no alt text");
    expect(await page.inputValue("#body")).toContain("with pictures");

    await page.click("a:text-is('Stills')");
    const alt = "Four men around a table, planning, under one hanging lamp";
    await page.fill(".still-list textarea", alt);
    await page.fill(".still-list input[name^=caption]", "The plan");
    await Promise.all([
      page.waitForURL(/done=saved/),
      page.click("button:text('Save alt text, captions and order')"),
    ]);
    expect(await page.inputValue(".still-list textarea")).toBe(alt);

    await page.click("text=Back to the review");
    await page.click('button[value="publish"]');
    await page.waitForURL(/saved=publish/);
    await page.click("text=See it on the site");
    await page.waitForURL(/\/review\/the-asphalt-jungle-1950$/);
    const still = page.locator("figure.still img");
    await still.waitFor();
    expect(await still.getAttribute("alt")).toBe(alt);
    expect(
      await still.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0),
    ).toBe(true);
    expect(await page.textContent("figure.still figcaption")).toContain("The plan");
    await context.close();
    expect(site.foreignRequests).toEqual([]);
  }, 90_000);

  it("uploads several files, refuses a bad one and moves stills without JavaScript", async () => {
    const { context, page } = await signedInPage({ javaScriptEnabled: false });
    await draftWithStillsPage(page, "Pickup on South Street", "1953");
    await page.setInputFiles("#still-files", [
      { name: "first.jpg", mimeType: "image/jpeg", buffer: await jpegImage(1200, 700, 20) },
      { name: "bomb.png", mimeType: "image/png", buffer: pngBomb() },
      { name: "second.png", mimeType: "image/png", buffer: await pngImage(900, 500) },
    ]);
    await page.click("button:text('Upload and save')");
    expect(await page.textContent(".refused-files")).toContain("bomb.png");
    expect(await page.locator(".still-list li").count()).toBe(2);
    const headings = () =>
      page
        .locator(".still-list li img")
        .evaluateAll((imgs) => imgs.map((img) => (img as HTMLImageElement).getAttribute("src")));
    const before = await headings();
    await page.fill(".still-list li:nth-child(2) textarea", "A subway car, nearly empty");
    await page.click(".still-list li:nth-child(2) button:text('Move up')");
    await page.waitForURL(/done=moved/);
    expect(await headings()).toEqual([before[1], before[0]]);
    // The alt text typed before the move was saved with it.
    expect(await page.inputValue(".still-list li:nth-child(1) textarea")).toBe(
      "A subway car, nearly empty",
    );
    await page.click(".still-list li:nth-child(2) button:text('Remove')");
    await page.waitForURL(/\/stills\/\d+\/remove$/);
    await page.click("button:text('Remove the still')");
    await page.waitForURL(/done=removed/);
    expect(await page.locator(".still-list li").count()).toBe(1);
    await context.close();
  }, 90_000);

  it("orders stills by drag and drop", async () => {
    const { context, page } = await signedInPage();
    await draftWithStillsPage(page, "Kiss Me Deadly", "1955");
    await page.setInputFiles("#still-files", [
      { name: "a.jpg", mimeType: "image/jpeg", buffer: await jpegImage(800, 450, 10) },
      { name: "b.jpg", mimeType: "image/jpeg", buffer: await jpegImage(800, 450, 200) },
    ]);
    await page.locator(".still-progress li.is-done >> nth=1").waitFor();
    const ids = () =>
      page
        .locator(".still-list li")
        .evaluateAll((rows) => rows.map((row) => row.getAttribute("data-still-id")));
    const [first, second] = await ids();
    await page.dragAndDrop(".still-list li:nth-child(2) img", ".still-list li:nth-child(1) img");
    await page.locator(".still-progress li:text('New order saved.')").waitFor();
    expect(await ids()).toEqual([second, first]);
    await page.reload();
    expect(await ids()).toEqual([second, first]);
    await context.close();
  }, 90_000);

  for (const scheme of ["light", "dark"] as const) {
    it(`has no axe violations on the stills pages (${scheme})`, async () => {
      const { context, page } = await signedInPage({ colorScheme: scheme });
      const { problems, check } = axeChecker(page);
      await draftWithStillsPage(page, `Axe ${scheme}`, "1960");
      await check("empty stills page");
      const stillsUrl = page.url();
      // The page as the plain form leaves it: a refused file, a still without alt text.
      // Its script kept away, the page posts its form as without JavaScript (axe needs scripts on).
      const plain = await context.newPage();
      await plain.route("**/assets/still-upload.*", (route) => route.abort());
      await plain.goto(stillsUrl);
      await plain.setInputFiles("#still-files", [
        { name: "good.jpg", mimeType: "image/jpeg", buffer: await jpegImage(1000, 560) },
        { name: "bad.jpg", mimeType: "image/jpeg", buffer: Buffer.from("text") },
      ]);
      await plain.click("button:text('Upload and save')");
      expect(await plain.locator(".refused-files li").count()).toBe(1);
      await check("with refusals", plain);
      await plain.close();

      await page.goto(stillsUrl);
      await check("stills page with a still lacking alt text");
      await page.setInputFiles("#still-files", {
        name: "bad.png",
        mimeType: "image/png",
        buffer: Buffer.from("nope"),
      });
      await page.locator(".still-progress li.is-refused").waitFor();
      await check("stills page after a refused drop");
      await page.click(".still-list li:nth-child(1) button:text('Remove')");
      await page.waitForURL(/\/remove$/);
      await check("remove confirmation");
      await context.close();
      expect(problems).toEqual([]);
      expect(site.foreignRequests).toEqual([]);
    }, 90_000);
  }
});
