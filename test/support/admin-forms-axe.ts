// The admin's pages and forms in one scheme, walked as a person would (signed out, refused,
// set up, signed in, each form sent back with its mistakes, a bulk action's notice): zero
// axe-core violations and no request to another host. Shared by
// test/browser/admin-forms-axe-light.test.ts and -dark.test.ts, one scheme a file so the two
// run side by side (they were half a minute each in admin.test.ts).
import { expect } from "vitest";
import { createComment } from "../../src/domain/comments.ts";
import { createSetupToken } from "../../src/domain/setup-link.ts";
import { createUser } from "../../src/domain/users.ts";
import { axeChecker } from "./axe.ts";
import { signInThroughForm, type BrowserSite } from "./browser-site.ts";

export async function walkAdminPagesAndForms(
  site: BrowserSite,
  scheme: "light" | "dark",
): Promise<void> {
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
}
