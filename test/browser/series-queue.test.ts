// The series queue in headless Chromium: sign in, reorder a queue with the Move buttons (no
// script needed; the keyboard stays on the moved film), then by drag and drop with the mouse
// and with the keyboard, and read the new order in "Up Next" on the public review page.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { axeViolations } from "../support/axe.ts";
import { browserSite, signInThroughForm } from "../support/browser-site.ts";
import { buildFixture } from "../support/fixture.ts";

describe("the series queue in a real browser", () => {
  let seriesId: number;
  const site = browserSite({
    prepare: async (db) => {
      seriesId = (await buildFixture(db)).series.id;
    },
  });
  const signIn = (page: Page) =>
    signInThroughForm(page, site.base, { email: "critic@example.com" });

  const queue = (page: Page) => page.locator("#queue .queue-film").allTextContents();
  const row = (page: Page, label: string) => page.locator(`#queue li[data-label="${label}"]`);

  /** "Up Next" as a reader sees it: no session, so the page may come from the cache. */
  async function upNext(reader: Page): Promise<string> {
    await reader.goto(`${site.base}/review/leaving-las-vegas-1995`);
    return ((await reader.textContent(".up-next")) ?? "").replace(/\s+/g, " ").trim();
  }

  it("reorders with the Move buttons, by drag and drop, and Up Next follows", async () => {
    const { context: readerContext, page: reader } = await site.newPage();
    // Read twice, so the second copy is the cached one that must be dropped.
    await upNext(reader);
    expect(await upNext(reader)).toContain(
      "Up Next: Bob le Flambeur (1956), His Girl Friday (1940), House of Games (1987)",
    );

    const { context, page } = await site.newPage();
    await signIn(page);
    await page.click('nav[aria-label="Admin"] >> text=Series');
    await page.waitForURL(`${site.base}/admin/series`);
    expect(await page.textContent("tbody")).toContain("3 of 6 reviewed");
    await page.click("text=Gamblers & Grifters");
    await page.waitForURL(`${site.base}/admin/series/${seriesId}`);
    expect(await queue(page)).toEqual([
      "Singin' in the Rain (1952)",
      "Leaving Las Vegas (1995)",
      "Bob le Flambeur (1956)",
      "His Girl Friday (1940)",
      "House of Games (1987)",
      "Amélie (2001)",
    ]);

    // 1. Move up, a plain form: the page comes back with the keyboard on the same button.
    const friday = row(page, "His Girl Friday (1940)");
    const fridayId = await friday.getAttribute("data-entry-id");
    await friday.locator("button.move-up").focus();
    await Promise.all([page.waitForURL(/done=moved/), page.keyboard.press("Enter")]);
    expect(new URL(page.url()).hash).toBe(`#move-up-${fridayId}`);
    expect(await page.textContent(".form-notice")).toBe(
      "“His Girl Friday (1940)” is now number 3 of 6.",
    );
    expect(
      await page.evaluate(() => document.activeElement?.closest("li")?.getAttribute("data-label")),
    ).toBe("His Girl Friday (1940)");
    expect(await page.evaluate(() => document.activeElement?.className)).toBe("move-up");
    expect(await queue(page)).toEqual([
      "Singin' in the Rain (1952)",
      "Leaving Las Vegas (1995)",
      "His Girl Friday (1940)",
      "Bob le Flambeur (1956)",
      "House of Games (1987)",
      "Amélie (2001)",
    ]);
    expect(await upNext(reader)).toContain(
      "Up Next: His Girl Friday (1940), Bob le Flambeur (1956), House of Games (1987)",
    );

    // 2. Drag and drop with the mouse: Amélie, last, dropped on the top half of His Girl Friday
    // (from the top of the page: the move left His Girl Friday at the viewport's very edge).
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.dragAndDrop(
      '#queue li[data-label="Amélie (2001)"] .queue-film',
      '#queue li[data-label="His Girl Friday (1940)"]',
      { targetPosition: { x: 40, y: 8 } },
    );
    await expect
      .poll(() => page.textContent("#queue-announcer"))
      .toBe("Saved: Amélie (2001) is now number 3 of 6.");
    expect(await upNext(reader)).toContain(
      "Up Next: Amélie (2001), His Girl Friday (1940), Bob le Flambeur (1956)",
    );

    // 3. Drag and drop with the keyboard: House of Games picked up, moved up twice, put down.
    const handle = row(page, "House of Games (1987)").locator(".drag-handle");
    await handle.focus();
    await page.keyboard.press("Space");
    expect(await handle.getAttribute("aria-pressed")).toBe("true");
    await expect.poll(() => page.textContent("#queue-announcer")).toMatch(/^Picked up House/);
    await page.keyboard.press("ArrowUp");
    await page.keyboard.press("ArrowUp");
    await expect
      .poll(() => page.textContent("#queue-announcer"))
      .toBe("House of Games (1987), number 4 of 6.");
    await page.keyboard.press("Space");
    await expect
      .poll(() => page.textContent("#queue-announcer"))
      .toBe("Saved: House of Games (1987) is now number 4 of 6.");
    expect(await upNext(reader)).toContain(
      "Up Next: Amélie (2001), House of Games (1987), His Girl Friday (1940)",
    );
    // The enhanced queue, a film picked up, passes axe too.
    await handle.focus();
    await page.keyboard.press("Space");
    for (const v of await axeViolations(page)) expect.fail(`queue with a film picked up: ${v}`);
    await page.keyboard.press("Escape");
    expect(await handle.getAttribute("aria-pressed")).toBe("false");

    // What the server kept, after a reload; and the Move buttons at the ends are disabled.
    await page.reload();
    const expected = [
      "Singin' in the Rain (1952)",
      "Leaving Las Vegas (1995)",
      "Amélie (2001)",
      "House of Games (1987)",
      "His Girl Friday (1940)",
      "Bob le Flambeur (1956)",
    ];
    expect(await queue(page)).toEqual(expected);
    expect(await page.locator("#queue li").first().locator("button.move-up").isDisabled()).toBe(
      true,
    );
    expect(await page.locator("#queue li").last().locator("button.move-down").isDisabled()).toBe(
      true,
    );
    await context.close();
    await readerContext.close();
    expect(site.foreignRequests).toEqual([]);
  }, 90_000);

  it("refuses a drag made on an outdated page, and says so", async () => {
    const { context, page } = await site.newPage();
    await signIn(page);
    await page.goto(`${site.base}/admin/series/${seriesId}`);
    const before = await queue(page);
    // Someone else moves a film meanwhile, in another tab.
    const other = await context.newPage();
    await other.goto(`${site.base}/admin/series/${seriesId}`);
    await Promise.all([
      other.waitForURL(/done=moved/),
      other.locator("#queue li").nth(1).locator("button.move-up").click(),
    ]);
    const handle = page.locator("#queue li").last().locator(".drag-handle");
    await handle.focus();
    await page.keyboard.press("Space");
    await page.keyboard.press("Home");
    await page.keyboard.press("Space");
    await expect
      .poll(() => page.textContent("#queue-announcer"))
      .toMatch(/^Someone changed this queue meanwhile/);
    // The page shows the order it had; nothing of it was saved.
    expect(await queue(page)).toEqual(before);
    await other.reload();
    expect((await queue(other))[0]).toBe(before[1]);
    expect((await queue(other))[5]).toBe(before[5]);
    await context.close();
  }, 60_000);

  it("works without JavaScript: no handles, Move buttons still reorder", async () => {
    const { context, page } = await site.newPage({ javaScriptEnabled: false });
    await signIn(page);
    await page.goto(`${site.base}/admin/series/${seriesId}`);
    expect(await page.locator(".drag-handle").count()).toBe(0);
    expect(await page.locator("#queue-drag-help").isHidden()).toBe(true);
    const second = page.locator("#queue li").nth(1);
    const label = await second.getAttribute("data-label");
    await Promise.all([page.waitForURL(/done=moved/), second.locator("button.move-up").click()]);
    expect((await queue(page))[0]).toBe(label);
    await context.close();
  }, 60_000);
});
