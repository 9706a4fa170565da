// Every page type in headless Chromium: zero axe-core violations in light and dark mode, no
// request to any other host, readable without JavaScript; screenshots for people to look at.
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { createComment } from "../../src/domain/comments.ts";
import { addPasskey } from "../../src/domain/passkeys.ts";
import { createUser } from "../../src/domain/users.ts";
import { axeChecker } from "../support/axe.ts";
import { browserSite, signInThroughForm } from "../support/browser-site.ts";

const screenshotDir = path.resolve("test-output/screenshots");

// One URL of every page type a reader can reach.
const pages = [
  "/",
  "/review/leaving-las-vegas-1995",
  "/review/house-of-games-1987",
  "/film/leaving-las-vegas-1995",
  "/person/jean-pierre-melville",
  "/series",
  "/series/long-odds",
  "/tag/gambling",
  "/archive",
  "/directors",
  "/years",
  "/ratings",
  "/tags",
  "/search?q=vegas",
  "/search?q=zzzz-nothing",
  "/no-such-page",
];

describe("in a real browser", () => {
  const site = browserSite({
    demo: true,
    prepare: async (db) => {
      // A reader's comment: listings show its count, and the review page its avatar.
      await createComment(db, {
        reviewId: (
          await db.kysely
            .selectFrom("reviews")
            .select("id")
            .where("slug", "=", "leaving-las-vegas-1995")
            .executeTakeFirstOrThrow()
        ).id,
        name: "Axe Reader",
        email: "axe.reader@example.com",
        body: "A *comment* to count.",
        status: "approved",
      });
    },
  });
  beforeAll(() => {
    fs.mkdirSync(screenshotDir, { recursive: true });
  });

  async function open(
    url: string,
    options: { colorScheme?: "light" | "dark"; javaScriptEnabled?: boolean; width?: number } = {},
  ) {
    const { context, page } = await site.newPage({
      colorScheme: options.colorScheme ?? "light",
      javaScriptEnabled: options.javaScriptEnabled ?? true,
      viewport: { width: options.width ?? 1280, height: 900 },
    });
    const response = await page.goto(`${site.base}${url}`, { waitUntil: "load" });
    return { page, context, status: response?.status() };
  }

  for (const scheme of ["light", "dark"] as const) {
    it(`has no axe violations on any page type (${scheme})`, async () => {
      const { page, context } = await open("/", { colorScheme: scheme });
      const { problems, check } = axeChecker(page);
      for (const url of pages) {
        const response = await page.goto(`${site.base}${url}`, { waitUntil: "load" });
        expect(response?.status(), url).toBe(url === "/no-such-page" ? 404 : 200);
        await check(url);
      }
      await context.close();
      expect(problems).toEqual([]);
      expect(site.foreignRequests).toEqual([]);
    }, 120_000);
  }

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

  it("reads fully without JavaScript", async () => {
    const { page, context } = await open("/review/leaving-las-vegas-1995", {
      javaScriptEnabled: false,
    });
    expect(await page.textContent("h1")).toBe("Leaving Las Vegas (1995)");
    expect(await page.textContent(".up-next")).toContain("Up Next:");
    const still = page.locator("figure.still-lead img");
    await still.waitFor();
    expect(
      await still.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0),
    ).toBe(true);
    await context.close();
  });

  it("takes screenshots of the review page on phone and desktop widths", async () => {
    for (const [name, width] of [
      ["phone", 390],
      ["desktop", 1280],
    ] as const) {
      for (const scheme of ["light", "dark"] as const) {
        const { page, context } = await open("/review/leaving-las-vegas-1995", {
          width,
          colorScheme: scheme,
        });
        const file = path.join(screenshotDir, `review-${name}-${scheme}.png`);
        await page.screenshot({ path: file, fullPage: true });
        expect(fs.statSync(file).size).toBeGreaterThan(10_000);
        // Nothing may overflow the phone's width.
        const overflow = await page.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        );
        expect(overflow, `${name} ${scheme}`).toBeLessThanOrEqual(0);
        await context.close();
      }
    }
  });
});
