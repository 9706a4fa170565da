// The account pages in headless Chromium, light and dark: zero axe-core violations, forms sent
// back with their mistakes included, and no request to any other host.
import { describe, expect, it } from "vitest";
import { addPasskey } from "../../src/domain/passkeys.ts";
import { createUser } from "../../src/domain/users.ts";
import { axeChecker } from "../support/axe.ts";
import { accessibilitySite } from "../support/accessibility-site.ts";
import { signInThroughForm } from "../support/browser-site.ts";

describe("the account pages in a real browser", () => {
  const { site, open } = accessibilitySite();

  for (const scheme of ["light", "dark"] as const) {
    it(`has no axe violations on the account pages (${scheme})`, async () => {
      const email = `account-${scheme}@example.com`;
      const owner = await createUser(site.db, {
        email,
        displayName: "Axel Account",
        role: "owner",
        password: "correct horse battery",
      });
      const other = await createUser(site.db, {
        email: `other-${scheme}@example.com`,
        displayName: "Olga Other",
        role: "author",
      });
      const passkey = await addPasskey(site.db, {
        userId: owner.id,
        credentialId: `axe-${scheme}`,
        publicKey: new Uint8Array(8),
        counter: 0,
        transports: ["internal"],
        backedUp: false,
        name: "Desk key",
      });
      const { page, context } = await open("/admin/sign-in", { colorScheme: scheme });
      await signInThroughForm(page, site.base, { email });
      const { problems, check } = axeChecker(page);
      for (const url of [
        "/admin/account",
        `/admin/account/passkeys/${passkey.id}/remove`,
        `/admin/users/${other.id}/edit`,
        `/admin/users/${other.id}/remove`,
        `/admin/users/${owner.id}/remove`,
      ]) {
        await page.goto(`${site.base}${url}`);
        await check(url);
      }
      // Forms sent back with their mistakes shown.
      await page.goto(`${site.base}/admin/account`);
      await page.fill("#currentPassword", "not the password");
      await page.fill("#newPassword", "a new long password");
      await page.click("text=Change password");
      expect(await page.locator(".field-error").count()).toBe(1);
      await check("password error");
      await page.goto(`${site.base}/admin/users/${other.id}/edit`);
      await page.fill("#email", email);
      await page.click("text=Save account");
      expect(await page.inputValue("#email")).toBe(email);
      await check("account edit error");
      await context.close();
      expect(problems).toEqual([]);
      expect(site.foreignRequests).toEqual([]);
    }, 120_000);
  }
});
