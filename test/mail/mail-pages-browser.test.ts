// The pages of the mail feature in headless Chromium: the owner's mail settings (fresh, and
// with a mistake shown), and the confirm and unsubscribe pages a mail's links open. Zero
// axe-core violations in light and dark mode, nothing from another host, and the reader's
// buttons work without JavaScript.
import { describe, expect, it } from "vitest";
import { createComment } from "../../src/domain/comments.ts";
import { confirmationToken, unsubscribeToken } from "../../src/domain/subscriptions.ts";
import { subscriptionStatus } from "../../src/domain/subscriptions.ts";
import { axeChecker } from "../support/axe.ts";
import { browserSite, signInThroughForm } from "../support/browser-site.ts";
import { buildFixture } from "../support/fixture.ts";

describe("mail pages in a real browser", () => {
  const site = browserSite({
    prepare: async (db) => {
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
    },
  });

  // axe needs JavaScript to run; the forms themselves use none (see the test below).
  for (const scheme of ["light", "dark"] as const) {
    it(`has no axe violations (${scheme})`, async () => {
      const { context, page } = await site.newPage({ colorScheme: scheme });
      const { problems, check } = axeChecker(page);

      await signInThroughForm(page, site.base, { email: "critic@example.com" });
      await page.goto(`${site.base}/admin/settings/mail`);
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
      await page.goto(
        `${site.base}/subscriptions/confirm/${await confirmationToken(site.db, email)}`,
      );
      await check("confirm");
      if (scheme === "light") {
        await page.click("button:text('Confirm')");
        expect(await page.textContent("h1")).toBe("Subscription confirmed");
        expect(await subscriptionStatus(site.db, email, "posts")).toBe("confirmed");
        await check("confirmed");
      }
      await page.goto(
        `${site.base}/unsubscribe/${await unsubscribeToken(site.db, email, "posts")}`,
      );
      await check("unsubscribe");
      await page.click("button:text('Unsubscribe')");
      expect(await page.textContent("h1")).toBe("Unsubscribed");
      expect(await subscriptionStatus(site.db, email, "posts")).toBe("unsubscribed");
      await check("unsubscribed");
      await page.goto(`${site.base}/unsubscribe/not-a-token`);
      await check("bad link");

      await context.close();
      expect(problems).toEqual([]);
      expect(site.foreignRequests).toEqual([]);
    }, 90_000);
  }

  it("confirms and unsubscribes without JavaScript", async () => {
    const context = await site.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    const email = "quiet@example.com";
    await createComment(site.db, {
      reviewId: 1,
      name: "Quiet",
      email,
      body: "No scripts here.",
      status: "pending",
      notifyPosts: true,
    });
    await page.goto(
      `${site.base}/subscriptions/confirm/${await confirmationToken(site.db, email)}`,
    );
    await page.click("button:text('Confirm')");
    expect(await page.textContent("h1")).toBe("Subscription confirmed");
    expect(await subscriptionStatus(site.db, email, "posts")).toBe("confirmed");
    await page.goto(`${site.base}/unsubscribe/${await unsubscribeToken(site.db, email, "posts")}`);
    await page.click("button:text('Unsubscribe')");
    expect(await page.textContent("h1")).toBe("Unsubscribed");
    expect(await subscriptionStatus(site.db, email, "posts")).toBe("unsubscribed");
    await context.close();
  }, 60_000);
});
