// The series queue pages in headless Chromium, light and dark: zero axe-core violations, forms
// sent back with their mistakes and a move's notice included, and no request to another host.
import { describe, expect, it } from "vitest";
import { createUser } from "../../src/domain/users.ts";
import { axeChecker } from "../support/axe.ts";
import { accessibilitySite } from "../support/accessibility-site.ts";
import { signInThroughForm } from "../support/browser-site.ts";

describe("the series queue pages in a real browser", () => {
  const { site, open } = accessibilitySite();

  for (const scheme of ["light", "dark"] as const) {
    it(`has no axe violations on the series queue pages (${scheme})`, async () => {
      const email = `series-${scheme}@example.com`;
      await createUser(site.db, {
        email,
        displayName: "Sid Series",
        role: "editor",
        password: "correct horse battery",
      });
      const { page, context } = await open("/admin/sign-in", { colorScheme: scheme });
      await signInThroughForm(page, site.base, { email });
      const { problems, check } = axeChecker(page);
      await page.goto(`${site.base}/admin/series`);
      await check("/admin/series");
      await Promise.all([page.waitForURL(/\/admin\/series\/\d+$/), page.click("tbody a")]);
      const queue = new URL(page.url()).pathname;
      await check(queue);
      const removeLink = page.locator("#queue a[href$='/remove']").first();
      const remove = (await removeLink.getAttribute("href"))!;
      for (const url of [`${queue}?film=the`, `${queue}?film=zzzz-nothing`, remove]) {
        await page.goto(`${site.base}${url}`);
        await check(url);
      }
      // Forms sent back with their mistakes shown, and a move's notice.
      await page.goto(`${site.base}/admin/series`);
      await page.fill("#title", "Axe list");
      await page.fill("#slug", "not an address");
      await page.click("text=Create the series");
      expect(await page.locator(".field-error").count()).toBe(1);
      await check("new series with errors");
      await page.goto(`${site.base}${queue}`);
      await page.fill("#filmTitle", "Rififi");
      await page.fill("#filmYear", "fifty-five");
      await page.click("text=Add the new film");
      expect(await page.locator(".field-error").count()).toBe(1);
      await check("new film with errors");
      await Promise.all([
        page.waitForURL(/done=moved/),
        page.locator("#queue li").nth(1).locator("button.move-up").click(),
      ]);
      await check("queue after a move");
      await context.close();
      expect(problems).toEqual([]);
      expect(site.foreignRequests).toEqual([]);
    }, 120_000);
  }
});
