// The moderation queue in Chromium with long comments: a long comment is clamped and "Show
// all" (CSS only) opens it by keyboard; each held comment says why; an action returns to
// the next row's anchor; axe finds nothing in light or dark.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { createComment } from "../../src/domain/comments.ts";
import { axeChecker } from "../support/axe.ts";
import { browserSite, signInThroughForm } from "../support/browser-site.ts";
import { buildFixture } from "../support/fixture.ts";

describe("the moderation queue in a real browser", () => {
  const ids: number[] = [];
  const site = browserSite({
    prepare: async (db) => {
      const vegas = (await buildFixture(db)).reviews.vegasReview;
      const held = [
        ["Wilhelmina Featherstonehaugh", "first comment", "A long look at the film. ".repeat(40)],
        ["Bartholomew", "3 links", "Short, with links."],
        ["Cass", 'moderation word "casino"', "The casino scene, again."],
      ] as const;
      for (const [n, [name, reason, body]] of held.entries()) {
        const c = await createComment(db, {
          reviewId: vegas.id,
          name,
          email: `${name.toLowerCase().replace(/\s/g, ".")}@a-rather-long-domain.example`,
          body,
          status: "pending",
          holdReason: reason,
          createdAt: new Date(Date.UTC(2026, 4, 1, 0, 0, n)).toISOString(),
        });
        ids.push(c.id);
      }
    },
  });

  const heightOf = (page: Page, id: number) =>
    page.locator(`#body-${id}`).evaluate((e) => e.getBoundingClientRect().height);

  it("clamps, opens with Show all, says why, and returns to the next row", async () => {
    const { page } = await site.newPage({ bypassCSP: true });
    await signInThroughForm(page, site.base, { email: "critic@example.com" });
    await page.goto(`${site.base}/admin/comments?status=pending`);
    const [longId, linksId, wordId] = ids as [number, number, number];

    expect(await page.textContent(`#row-${longId} .hold-reason`)).toContain(
      "First comment from this author",
    );
    expect(await page.textContent(`#row-${linksId} .hold-reason`)).toContain("Too many links (3)");
    expect(await page.textContent(`#row-${wordId} .hold-reason`)).toContain("Word list: “casino”");

    const clamped = await heightOf(page, longId);
    await page.locator(`#row-${longId} .clamp-toggle input`).focus();
    await page.keyboard.press("Space");
    expect(await heightOf(page, longId)).toBeGreaterThan(clamped * 2);

    // Names are never broken mid-word; a long address ends in an ellipsis, whole in its title.
    const wrap = await page
      .locator(`#row-${longId} .comment-author-name`)
      .evaluate((e) => [getComputedStyle(e).overflowWrap, getComputedStyle(e).wordBreak]);
    expect(wrap).toEqual(["normal", "normal"]);
    const email = page.locator(`#row-${longId} .comment-author-email`);
    expect(await email.evaluate((e) => getComputedStyle(e).textOverflow)).toBe("ellipsis");
    expect(await email.getAttribute("title")).toBe(
      "wilhelmina.featherstonehaugh@a-rather-long-domain.example",
    );

    const checker = axeChecker(page);
    await checker.check("light");
    await page.emulateMedia({ colorScheme: "dark" });
    await checker.check("dark");
    expect(checker.problems).toEqual([]);

    // Newest first: word, links, long. Approving "links" lands on the next row, "long".
    await Promise.all([
      page.waitForURL(/done=approve/),
      page.click(`#row-${linksId} form[action$="/approve"] button`),
    ]);
    expect(new URL(page.url()).hash).toBe(`#row-${longId}`);
    expect(await page.locator(`#row-${linksId}`).count()).toBe(0);
  });
});
