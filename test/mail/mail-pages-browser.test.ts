// The pages of the mail feature in headless Chromium: the owner's mail settings (fresh, and
// with a mistake shown), and the confirm and unsubscribe pages a mail's links open. Zero
// axe-core violations in light and dark mode, nothing from another host, and the reader's
// buttons work without JavaScript.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createComment } from "../../src/domain/comments.ts";
import { confirmationToken, unsubscribeToken } from "../../src/domain/subscriptions.ts";
import { subscriptionStatus } from "../../src/domain/subscriptions.ts";
import { axeViolations } from "../support/axe.ts";
import { launchBrowser } from "../support/browser.ts";
import { openTestDb, type TestDb } from "../support/databases.ts";
import { buildFixture } from "../support/fixture.ts";
import { serveForTest } from "../support/server.ts";

describe("mail pages in a real browser", () => {
  let db: TestDb;
  let server: Awaited<ReturnType<typeof serveForTest>>;
  let browser: Browser;
  const foreignRequests: string[] = [];

  beforeAll(async () => {
    db = await openTestDb("sqlite");
    const fixture = await buildFixture(db);
    await createComment(db, {
      reviewId: fixture.reviews.vegasReview.id,
      name: "Reader",
      email: "reader@example.com",
      body: "Tell me more.",
      status: "pending",
      notifyReplies: true,
      notifyPosts: true,
    });
    server = await serveForTest(db);
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await db?.dispose();
  });

  // axe needs JavaScript to run; the forms themselves use none (see the test below).
  for (const scheme of ["light", "dark"] as const) {
    it(`has no axe violations (${scheme})`, async () => {
      const context = await browser.newContext({ bypassCSP: true, colorScheme: scheme });
      await context.route("**/*", (route) => {
        if (new URL(route.request().url()).hostname !== "127.0.0.1") {
          foreignRequests.push(route.request().url());
          return route.abort();
        }
        return route.continue();
      });
      const page = await context.newPage();
      const problems: string[] = [];
      const check = async (label: string) => {
        for (const v of await axeViolations(page)) problems.push(`${label}: ${v}`);
      };

      await page.goto(`${server.base}/admin/sign-in`);
      await page.fill("#email", "critic@example.com");
      await page.fill("#password", "correct horse battery");
      await Promise.all([page.waitForURL(`${server.base}/admin`), page.click("button.primary")]);
      await page.goto(`${server.base}/admin/settings/mail`);
      await check("mail settings");
      await page.fill("#host", "smtp.example.com");
      await page.fill("#port", "not a port");
      await page.click("button:text('Save mail settings')");
      expect(await page.textContent("#port-error")).toBe("Give a port number, such as 587.");
      expect(await page.inputValue("#host")).toBe("smtp.example.com");
      await check("mail settings with mistakes");
      await page.click("button:text('Send a test message')");
      expect(await page.textContent(".form-error")).toContain("Mail is not set up yet");
      await check("mail test refused");

      const email = "reader@example.com";
      await page.goto(`${server.base}/subscriptions/confirm/${await confirmationToken(db, email)}`);
      await check("confirm");
      if (scheme === "light") {
        await page.click("button:text('Confirm')");
        expect(await page.textContent("h1")).toBe("Subscription confirmed");
        expect(await subscriptionStatus(db, email, "posts")).toBe("confirmed");
        await check("confirmed");
      }
      await page.goto(`${server.base}/unsubscribe/${await unsubscribeToken(db, email, "posts")}`);
      await check("unsubscribe");
      await page.click("button:text('Unsubscribe')");
      expect(await page.textContent("h1")).toBe("Unsubscribed");
      expect(await subscriptionStatus(db, email, "posts")).toBe("unsubscribed");
      await check("unsubscribed");
      await page.goto(`${server.base}/unsubscribe/not-a-token`);
      await check("bad link");

      await context.close();
      expect(problems).toEqual([]);
      expect(foreignRequests).toEqual([]);
    }, 90_000);
  }

  it("confirms and unsubscribes without JavaScript", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    const email = "quiet@example.com";
    await createComment(db, {
      reviewId: 1,
      name: "Quiet",
      email,
      body: "No scripts here.",
      status: "pending",
      notifyPosts: true,
    });
    await page.goto(`${server.base}/subscriptions/confirm/${await confirmationToken(db, email)}`);
    await page.click("button:text('Confirm')");
    expect(await page.textContent("h1")).toBe("Subscription confirmed");
    expect(await subscriptionStatus(db, email, "posts")).toBe("confirmed");
    await page.goto(`${server.base}/unsubscribe/${await unsubscribeToken(db, email, "posts")}`);
    await page.click("button:text('Unsubscribe')");
    expect(await page.textContent("h1")).toBe("Unsubscribed");
    expect(await subscriptionStatus(db, email, "posts")).toBe("unsubscribed");
    await context.close();
  }, 60_000);
});
