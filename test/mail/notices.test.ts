// Comment notices, double opt-in subscriptions, reply and new-post notices and one-click
// unsubscribe, end to end: comments are posted over HTTP, the sender delivers to a real SMTP
// server on 127.0.0.1, and what arrives is parsed and read.
import { parseHTML } from "linkedom";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { moderateComment } from "../../src/domain/comment-moderation.ts";
import { commentById } from "../../src/domain/comments.ts";
import { createReview } from "../../src/domain/reviews.ts";
import { subscriptionStatus } from "../../src/domain/subscriptions.ts";
import { dialects, openTestDb, type TestDb } from "../support/databases.ts";
import { commentIdFrom, postComment, type CommentPost } from "../comments/post-comment.ts";
import { linkIn, mailSite, unsubscribePath } from "./mail-site.ts";

type Site = Awaited<ReturnType<typeof mailSite>>;

describe.each(dialects)("mail notices on %s", (dialect) => {
  let db: TestDb;
  let site: Site;
  let review: { id: number; slug: string };
  const author = "critic@example.com";

  beforeAll(async () => {
    db = await openTestDb(dialect);
    site = await mailSite(db);
    review = site.fixture.reviews.vegasReview;
  });
  afterAll(async () => {
    await site.sink.close();
    await db.dispose();
  });

  const post = async (fields: CommentPost, on = review) => {
    const response = await postComment(site.app, db, on, fields);
    expect(response.status).toBe(303);
    return (await commentById(db, commentIdFrom(response)))!;
  };
  const approve = async (id: number) => {
    expect(await moderateComment(db, (await commentById(db, id))!, "approve")).toBe(true);
  };
  /** Delivers what is due and returns what arrived in this round. */
  const round = async (now?: Date) => {
    const before = site.sink.received.length;
    const report = await site.deliver(now);
    expect(report.configured).toBe(true);
    return site.sink.received.slice(before);
  };
  const confirmVia = async (path: string) => {
    const page = await site.app.request(path);
    expect(page.status).toBe(200);
    const { document } = parseHTML(await page.text());
    const form = document.querySelector(`form[action="${path}"]`);
    expect(form?.querySelector("button")?.textContent).toBe("Confirm");
    const ids = [...form!.querySelectorAll('input[name="id"][checked]')].map((i) =>
      i.getAttribute("value")!,
    );
    const body = new URLSearchParams(ids.map((id) => ["id", id]));
    const response = await site.app.request(path, {
      method: "POST",
      body,
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        "sec-fetch-site": "same-origin",
      },
    });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("Subscription confirmed");
    return ids.length;
  };

  it("tells the review's author of a held comment and of a published one", async () => {
    const held = await post({
      name: "Newcomer",
      email: "new@example.com",
      comment: "First *visit*.",
    });
    expect(held.status).toBe("pending");
    const [notice, ...rest] = await round();
    expect(rest).toEqual([]);
    expect(notice!.recipients).toEqual([author]);
    expect(notice!.mail.subject).toBe(
      "[Cinelog] A comment on “Leaving Las Vegas (1995)” is waiting for moderation",
    );
    expect(notice!.mail.text).toContain("held for moderation");
    expect(notice!.mail.text).toContain("First *visit*.");
    expect(linkIn(notice!, /\/admin\/comments\?status=pending$/)).toBe(
      "/admin/comments?status=pending",
    );
    expect(notice!.mail.from?.value).toEqual([
      { address: "journal@example.com", name: "Cinelog journal" },
    ]);
    expect(notice!.header("list-unsubscribe-post")).toBe("List-Unsubscribe=One-Click");
    expect(unsubscribePath(notice!)).toMatch(/^\/unsubscribe\//);

    await approve(held.id);
    // Approving tells the author nothing more: they were told of the comment already.
    expect(await round()).toEqual([]);
    const published = await post({ name: "Newcomer", email: "new@example.com", comment: "Again." });
    expect(published.status).toBe("approved");
    const [second] = await round();
    expect(second!.recipients).toEqual([author]);
    expect(second!.mail.subject).toBe("[Cinelog] New comment on “Leaving Las Vegas (1995)”");
    expect(second!.mail.text).toContain("The comment is published.");
    // The permalink lands on the comment page holding the comment (src/web/public/reader-comment-routes.tsx).
    expect(linkIn(second!, /\/comment\/\d+$/)).toBe(`/comment/${published.id}`);
  });

  it("escapes what readers wrote in the HTML part", async () => {
    await post({
      name: `<img src=x onerror=alert(1)>`,
      email: "xss@example.com",
      comment: `<script>alert("body")</script> & more`,
    });
    const [notice] = await round();
    const html = String(notice!.mail.html);
    expect(html).not.toContain("<script>");
    expect(html).not.toContain("<img");
    expect(html).toContain("&lt;script&gt;");
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;");
  });

  it("asks for confirmation once, and sends replies only once confirmed and approved", async () => {
    const sub = "sub@example.com";
    const own = await post({
      // Two words: the link's signed token (base64url) cannot hold a space, so the check below
      // cannot match a token by chance (one run's token held "Sub").
      name: "Sub Scriber",
      email: sub,
      comment: "Following.",
      notify_replies: true,
    });
    const arrived = await round();
    const confirmations = arrived.filter((r) => r.recipients.includes(sub));
    expect(confirmations).toHaveLength(1);
    const confirmation = confirmations[0]!;
    expect(confirmation.mail.subject).toBe("Confirm your e-mail subscription to Cinelog");
    // A confirmation is not list mail, and carries nothing the commenter wrote.
    expect(confirmation.header("list-unsubscribe")).toBeUndefined();
    expect(confirmation.mail.text).not.toContain("Following.");
    expect(confirmation.mail.text).not.toContain("Sub Scriber");
    expect(await subscriptionStatus(db, sub, `review:${review.id}`)).toBe("pending");

    // Ticking the boxes again the same day sends no second confirmation.
    await post({ name: "Sub Scriber", email: sub, comment: "And posts.", notify_posts: true });
    expect((await round()).filter((r) => r.recipients.includes(sub))).toEqual([]);

    // Unconfirmed: an approved comment by someone else sends them nothing.
    const known = await post({ name: "Newcomer", email: "new@example.com", comment: "A." });
    expect(known.status).toBe("approved");
    await round();
    expect(site.sink.to(sub)).toHaveLength(1);

    // Opening the link changes nothing (scanners fetch links); the button does.
    const path = linkIn(confirmation, /\/subscriptions\/confirm\//);
    await site.app.request(path);
    expect(await subscriptionStatus(db, sub, `review:${review.id}`)).toBe("pending");
    // Both pending subscriptions (replies here, and new posts) are offered on the page.
    expect(await confirmVia(path)).toBe(2);
    expect(await subscriptionStatus(db, sub, `review:${review.id}`)).toBe("confirmed");
    expect(await subscriptionStatus(db, sub, "posts")).toBe("confirmed");

    // A held comment: no reply notice until a moderator approves it.
    const waiting = await post({ name: "Stranger", email: "stranger@example.com", comment: "Hm." });
    expect(waiting.status).toBe("pending");
    expect((await round()).filter((r) => r.recipients.includes(sub))).toEqual([]);
    await approve(waiting.id);
    const [reply, ...others] = await round();
    expect(others).toEqual([]);
    expect(reply!.recipients).toEqual([sub]);
    expect(reply!.mail.subject).toBe("[Cinelog] New comment on “Leaving Las Vegas (1995)”");
    expect(reply!.mail.text).toContain("Stranger added a comment");
    expect(reply!.mail.text).toContain("> Hm.");
    expect(reply!.header("list-unsubscribe-post")).toBe("List-Unsubscribe=One-Click");

    // Unapproved and approved again: still one notice. Their own comment: none.
    expect(await moderateComment(db, (await commentById(db, waiting.id))!, "unapprove")).toBe(true);
    await approve(waiting.id);
    await approve(own.id);
    expect((await round()).filter((r) => r.recipients.includes(sub))).toEqual([]);
    // Spam never reaches them.
    const spam = await post({ name: "Bot", email: "bot@example.com", comment: "Buy." });
    expect(await moderateComment(db, spam, "spam")).toBe(true);
    expect((await round()).filter((r) => r.recipients.includes(sub))).toEqual([]);

    // One click from the mail provider: a POST from anywhere, no cookie, no CSRF token.
    const unsubscribe = unsubscribePath(reply!);
    const page = await site.app.request(unsubscribe);
    expect(await page.text()).toContain("Unsubscribe</button>");
    expect(await subscriptionStatus(db, sub, `review:${review.id}`)).toBe("confirmed");
    const oneClick = await site.app.request(unsubscribe, {
      method: "POST",
      body: "List-Unsubscribe=One-Click",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        "sec-fetch-site": "cross-site",
        origin: "https://mail.example.net",
      },
    });
    expect(oneClick.status).toBe(200);
    expect(oneClick.headers.get("cache-control")).toBe("private, no-store");
    expect(await subscriptionStatus(db, sub, `review:${review.id}`)).toBe("unsubscribed");
    // The other list is untouched.
    expect(await subscriptionStatus(db, sub, "posts")).toBe("confirmed");
    await approve((await post({ name: "Later", email: "later@example.com", comment: "L." })).id);
    expect((await round()).filter((r) => r.recipients.includes(sub))).toEqual([]);
  });

  it("refuses forged links and a confirmation posted from another site", async () => {
    const forged = await site.app.request(
      "/unsubscribe/eyJ4Ijp9.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
      {
        method: "POST",
      },
    );
    expect(forged.status).toBe(404);
    await post({ name: "Other", email: "other@example.com", comment: "O.", notify_posts: true });
    const [confirmation] = (await round()).filter((r) =>
      r.recipients.includes("other@example.com"),
    );
    const path = linkIn(confirmation!, /\/subscriptions\/confirm\//);
    const response = await site.app.request(path, {
      method: "POST",
      body: new URLSearchParams({ id: "1" }),
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        "sec-fetch-site": "cross-site",
      },
    });
    expect(response.status).toBe(403);
    expect(await subscriptionStatus(db, "other@example.com", "posts")).toBe("pending");
    const tampered = path.replace(/.$/, (c) => (c === "A" ? "B" : "A"));
    expect((await site.app.request(tampered)).status).toBe(404);
  });

  it("announces each new review once to confirmed subscribers, never the back catalogue", async () => {
    // sub@example.com confirmed "posts" above; other@example.com never confirmed.
    const first = await round();
    expect(first.filter((r) => r.mail.subject?.includes("New review"))).toEqual([]);

    const { films, author: writer } = site.fixture;
    const fresh = await createReview(db, {
      filmId: films.friday.id,
      authorId: writer.id,
      body: "Fast talk, *faster* cuts.",
      status: "published",
    });
    const [notice, ...rest] = await round();
    expect(rest).toEqual([]);
    expect(notice!.recipients).toEqual(["sub@example.com"]);
    expect(notice!.mail.subject).toBe("[Cinelog] New review: His Girl Friday (1940)");
    expect(linkIn(notice!, /\/review\//)).toBe(`/review/${fresh.slug}`);
    expect(notice!.header("list-unsubscribe-post")).toBe("List-Unsubscribe=One-Click");
    expect(await round()).toEqual([]);

    // A scheduled review is announced when its time comes, by the sender's own round.
    const inAnHour = new Date(Date.now() + 60 * 60_000);
    await createReview(db, {
      filmId: films.games.id,
      authorId: writer.id,
      body: "A con on a con.",
      status: "scheduled",
      publishedAt: inAnHour.toISOString(),
    });
    expect(await round()).toEqual([]);
    const later = await round(new Date(inAnHour.getTime() + 60_000));
    expect(later.map((r) => r.mail.subject)).toEqual([
      "[Cinelog] New review: House of Games (1987)",
    ]);
    expect(await round(new Date(inAnHour.getTime() + 120_000))).toEqual([]);

    // Public for more than 7 days (imported, say) is not news, even after mail was set up.
    const day = 24 * 60 * 60_000;
    await db.kysely
      .updateTable("settings")
      .set({ value: new Date(Date.now() - 30 * day).toISOString() })
      .where("key", "=", "mail.announceSince")
      .execute();
    await createReview(db, {
      filmId: films.bob.id,
      authorId: writer.id,
      slug: "bob-imported",
      body: "Brought over from the old blog.",
      status: "published",
      publishedAt: new Date(Date.now() - 10 * day).toISOString(),
    });
    expect(await round()).toEqual([]);

    // Leaving "posts" with one click stops the next announcement.
    const oneClick = await site.app.request(unsubscribePath(notice!), {
      method: "POST",
      body: "List-Unsubscribe=One-Click",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(oneClick.status).toBe(200);
    await createReview(db, {
      filmId: films.singin.id,
      authorId: writer.id,
      slug: "singin-again",
      body: "Again, in the rain.",
      status: "published",
    });
    expect(await round()).toEqual([]);
  });

  it("lets the author stop comment notices with one click", async () => {
    await post({ name: "Newcomer", email: "new@example.com", comment: "Once more." });
    const [notice] = await round();
    expect(notice!.recipients).toEqual([author]);
    const response = await site.app.request(unsubscribePath(notice!), { method: "POST" });
    expect(response.status).toBe(200);
    await post({ name: "Newcomer", email: "new@example.com", comment: "And again." });
    expect(await round()).toEqual([]);
  });
});
