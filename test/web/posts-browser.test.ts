// A page and a post in a real browser: a script in the body never runs (the browser here
// even ignores the site's CSP, so only the sanitiser stands in the way), and both pages pass
// axe in light and dark.
import { describe, expect, it } from "vitest";
import { createPost } from "../../src/domain/posts.ts";
import { createUser } from "../../src/domain/users.ts";
import { axeChecker } from "../support/axe.ts";
import { browserSite } from "../support/browser-site.ts";

const hostileBody = [
  "<p>Hello, <em>reader</em>.</p>",
  "<script>window.pwned = true; document.title = 'pwned'</script>",
  '<p><img src="/nothing.png" alt="A desk" onerror="window.pwned = true"></p>',
  '<p><a href="javascript:window.pwned = true">Click</a></p>',
].join("\n\n");

describe("posts and pages in a real browser", () => {
  const site = browserSite({
    prepare: async (db) => {
      const owner = await createUser(db, {
        email: "owner@example.com",
        displayName: "Page Owner",
        role: "owner",
      });
      const base = { body: hostileBody, status: "published" as const, authorId: owner.id };
      await createPost(db, { ...base, kind: "page", title: "About", slug: "about" });
      await createPost(db, { ...base, kind: "post", title: "A note", tags: ["Notes"] });
    },
  });

  it("never runs a script from a page's body", async () => {
    const { page, context } = await site.newPage();
    for (const path of ["/pages/about", "/post/a-note"]) {
      const response = await page.goto(`${site.base}${path}`, { waitUntil: "load" });
      expect(response?.status(), path).toBe(200);
      await page.click("main a:text('Click')");
      expect(await page.evaluate(() => (window as { pwned?: boolean }).pwned), path).toBe(
        undefined,
      );
      expect(await page.title(), path).not.toContain("pwned");
      expect(await page.locator("main em").textContent(), path).toBe("reader");
    }
    await context.close();
  });

  for (const scheme of ["light", "dark"] as const) {
    it(`passes axe on a page and a post (${scheme})`, async () => {
      const { page, context } = await site.newPage({ colorScheme: scheme });
      const { problems, check } = axeChecker(page);
      for (const path of ["/pages/about", "/post/a-note"]) {
        await page.goto(`${site.base}${path}`, { waitUntil: "load" });
        await check(path);
      }
      expect(problems).toEqual([]);
      await context.close();
    });
  }
});
