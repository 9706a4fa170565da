// Posting a comment over HTTP: stored before the redirect, every refusal keeps the words,
// a waiting comment is shown to its author only, and the page cache shows approved ones.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commentById, setCommentStatus } from "../../src/domain/comments.ts";
import { saveMailSettings } from "../../src/domain/mail-settings.ts";
import { saveSetting } from "../../src/domain/settings.ts";
import { messages } from "../../src/web/public/comment-refusals.ts";
import { appFor, getPage, textOf } from "../support/app.ts";
import { dialects, openTestDb, type TestDb } from "../support/databases.ts";
import { buildFixture } from "../support/fixture.ts";
import { commentIdFrom, postComment, textareaValue, tokenFor } from "./post-comment.ts";

describe.each(dialects)("posting comments on %s", (dialect) => {
  let db: TestDb;
  let app: ReturnType<typeof appFor>;
  let f: Awaited<ReturnType<typeof buildFixture>>;
  let vegas: { id: number; slug: string };
  const page = "/review/leaving-las-vegas-1995";

  beforeAll(async () => {
    db = await openTestDb(dialect);
    f = await buildFixture(db);
    vegas = f.reviews.vegasReview;
    app = appFor(db, { commentRateLimits: false });
    // "Notify me" is offered only when mail can go out; nothing is delivered in this file.
    await saveMailSettings(db, {
      host: "127.0.0.1",
      port: 25,
      security: "none",
      user: "",
      password: "",
      fromName: "",
      fromAddress: "journal@example.com",
    });
  });
  afterAll(async () => {
    await db.dispose();
  });

  it("shows the form with every field, the honeypot hidden, and a signed token", async () => {
    const { document } = await getPage(app, page);
    const respond = document.querySelector("#respond")!;
    expect(textOf(respond.querySelector("h2"))).toBe("Leave a Reply");
    const form = respond.querySelector("form")!;
    // Posted to an address naming the summary a refused form starts with (issue 16).
    expect(form.getAttribute("action")).toBe(`${page}/comments#comment-problems`);
    for (const label of [
      "Comment",
      "Name",
      "Email (never shown)",
      "Website (optional)",
      "Save my name, email, and website in this browser for the next time I comment.",
      "Notify me of new comments by email.",
      "Notify me of new posts by email.",
    ]) {
      expect([...form.querySelectorAll("label")].map(textOf)).toContain(label);
    }
    const honeypot = form.querySelector('input[name="fax"]')!;
    expect(honeypot.getAttribute("tabindex")).toBe("-1");
    expect(honeypot.getAttribute("autocomplete")).toBe("off");
    expect(honeypot.closest("[aria-hidden]")?.getAttribute("aria-hidden")).toBe("true");
    // A page's token, since the page may be cached (src/domain/comment-tokens.ts).
    expect(form.querySelector('input[name="token"]')?.getAttribute("value")).toMatch(
      /^page\.\d+\.[\w-]{43}$/,
    );
    expect(document.querySelector("#comments")).not.toBeNull();
  });

  it("stores an accepted comment before redirecting to it", async () => {
    const response = await postComment(app, db, vegas, {
      comment: "The *saxophone* says it all.",
      name: "Mira",
      email: "Mira@Example.com",
      url: "https://mira.example/",
      notify_replies: true,
    });
    expect(response.status).toBe(303);
    const id = commentIdFrom(response);
    expect(response.headers.get("location")).toMatch(
      new RegExp(`^${page}\\?comment=${id}\\.[\\w-]{43}#comment-${id}$`),
    );
    const stored = await commentById(db, id);
    expect(stored).toMatchObject({
      review_id: vegas.id,
      author_name: "Mira",
      author_email: "mira@example.com",
      author_url: "https://mira.example/",
      body_md: "The *saxophone* says it all.",
      status: "pending", // the first comment from this address waits
      notify_replies: 1,
      notify_posts: 0,
      kind: "comment",
    });
    expect(stored!.body_html).toContain("<em>saxophone</em>");
  });

  it("takes a website typed as a bare host and stores its https address", async () => {
    for (const [typed, stored] of [
      ["example.com", "https://example.com"],
      ["www.example.com/path", "https://www.example.com/path"],
    ]) {
      const response = await postComment(app, db, vegas, { comment: "Bare host.", url: typed });
      expect(response.status).toBe(303);
      expect((await commentById(db, commentIdFrom(response)))?.author_url).toBe(stored);
    }
  });

  it("shows a waiting comment to its author through the signed link, and to nobody else", async () => {
    const response = await postComment(app, db, vegas, { comment: "Only for me, for now." });
    const id = commentIdFrom(response);
    const own = await getPage(app, response.headers.get("location")!);
    const article = own.document.querySelector(`#comment-${id}`);
    expect(textOf(article)).toContain("Only for me, for now.");
    expect(textOf(article)).toContain("Your comment is awaiting moderation.");
    expect(own.response.headers.get("x-cache")).toBeNull();

    const publicPage = await getPage(app, page);
    expect(publicPage.html).not.toContain("Only for me, for now.");
    const forged = await getPage(app, `${page}?comment=${id}.${"A".repeat(43)}`);
    expect(forged.html).not.toContain("Only for me, for now.");
    // A link for one comment shows nothing else waiting.
    const other = await postComment(app, db, vegas, { comment: "Someone else's words." });
    expect(other.status).toBe(303);
    expect((await getPage(app, response.headers.get("location")!)).html).not.toContain(
      "Someone else's words.",
    );
  });

  it("puts an approved comment on the cached page at once", async () => {
    const warm = await app.request(page);
    await warm.text();
    expect((await app.request(page)).headers.get("x-cache")).toBe("HIT");
    const id = commentIdFrom(await postComment(app, db, vegas, { comment: "Approved soon." }));
    expect((await app.request(page)).headers.get("x-cache")).toBe("HIT");
    await setCommentStatus(db, id, "approved");
    const fresh = await getPage(app, page);
    expect(fresh.response.headers.get("x-cache")).toBe("MISS");
    expect(textOf(fresh.document.querySelector(`#comment-${id}`))).toContain("Approved soon.");
    expect(textOf(fresh.document.querySelector("#comments-title"))).toBe(
      "One Reply to “Leaving Las Vegas (1995)”",
    );
    // The same address is now known, so the next comment is public without waiting.
    const next = await postComment(app, db, vegas, { comment: "Straight through." });
    expect((await commentById(db, commentIdFrom(next)))?.status).toBe("approved");
    const after = await getPage(app, page);
    expect(after.response.headers.get("x-cache")).toBe("MISS");
    expect(after.html).toContain("Straight through.");
    expect(textOf(after.document.querySelector("#comments-title"))).toBe(
      "2 Replies to “Leaving Las Vegas (1995)”",
    );
  });

  const invalid: [string, Record<string, string>, string][] = [
    ["comment", { comment: "   " }, "Write a comment before sending."],
    ["comment", { comment: "x".repeat(20_001) }, "Keep the comment under 20,000 characters."],
    ["name", { name: "" }, "Give a name; it is shown with your comment."],
    ["name", { name: "n".repeat(101) }, "Keep the name under 100 characters."],
    ["email", { email: "" }, "Give an email address; it is never shown."],
    ["email", { email: "not-an-address" }, "That doesn’t look like an email address."],
    ["email", { email: `${"e".repeat(250)}@x.io` }, "That email address is too long."],
    ["url", { url: "javascript:alert(1)" }, "look like a web address"],
    ["url", { url: "ftp://files.example" }, "look like a web address"],
    ["url", { url: "just words" }, "look like a web address"],
    ["url", { url: "reader@example.com" }, "look like a web address"],
    ["url", { url: `https://x.io/${"p".repeat(200)}` }, "Keep the address under 200 characters."],
  ];
  it.each(invalid)(
    "refuses a bad %s with a message next to it, keeping every field",
    async (field, bad, message) => {
      const fields = {
        comment: "My words <b>stay</b>",
        name: "Kept Name",
        email: "kept@example.com",
        url: "https://kept.example/",
        ...bad,
      };
      const response = await postComment(app, db, vegas, { ...fields, notify_posts: true });
      expect(response.status).toBe(422);
      const html = await response.text();
      const { document } = (await import("linkedom")).parseHTML(html);
      const input = document.querySelector(`#comment-${field}`)!;
      expect(input.getAttribute("aria-invalid")).toBe("true");
      expect(input.getAttribute("aria-describedby")).toContain(`${field}-error`);
      expect(textOf(document.querySelector(`#${field}-error`))).toContain(message);
      expect(textOf(document.querySelector("#comment-problems"))).toContain(message);
      expect(textareaValue(document.querySelector("#comment-comment"))).toBe(fields.comment);
      for (const name of ["name", "email", "url"] as const) {
        expect(document.querySelector(`#comment-${name}`)?.getAttribute("value")).toBe(
          fields[name],
        );
      }
      expect(document.querySelector("#comment-notify-posts")?.hasAttribute("checked")).toBe(true);
    },
  );

  it("keeps the text of a form that was open too long, or whose token was forged", async () => {
    const expired = await tokenFor(db, vegas.id, 49 * 3600_000);
    const forged = `${Date.now() - 60_000}.${"x".repeat(43)}`;
    const otherReview = await tokenFor(db, f.reviews.bobReview.id);
    for (const token of [expired, forged, otherReview, "", "garbage"]) {
      const response = await postComment(app, db, vegas, { comment: "Typed long ago.", token });
      expect(response.status, token).toBe(422);
      const { document } = (await import("linkedom")).parseHTML(await response.text());
      expect(textOf(document.querySelector("#comment-problems"))).toContain(messages.expired);
      expect(textareaValue(document.querySelector("#comment-comment"))).toBe("Typed long ago.");
      const fresh = document.querySelector('input[name="token"]')?.getAttribute("value") ?? "";
      expect(fresh).not.toBe(token);
      // The fresh token works.
      const again = await postComment(app, db, vegas, { comment: "Typed long ago.", token: fresh });
      expect(again.status).toBe(303);
    }
  });

  it("refuses a cross-site post and shows the words back", async () => {
    const forgeries: Record<string, string>[] = [
      { origin: "https://evil.example" },
      { "sec-fetch-site": "cross-site" },
    ];
    for (const headers of forgeries) {
      const response = await postComment(app, db, vegas, { comment: "Forged words." }, headers);
      expect(response.status).toBe(403);
      const html = await response.text();
      expect(html).toContain(messages.crossSite.replace(/'/g, "&#39;").slice(0, 30));
      expect(html).toContain("Forged words.");
    }
    const sameSite = await postComment(
      app,
      db,
      vegas,
      { comment: "From here." },
      {
        origin: "http://127.0.0.1:4000",
        "sec-fetch-site": "same-origin",
      },
    );
    expect(sameSite.status).toBe(303);
  });

  it("files a filled honeypot and a too-fast form as spam, answering as if accepted", async () => {
    const bot = await postComment(app, db, vegas, { comment: "Buy now", fax: "555-0100" });
    expect(bot.status).toBe(303);
    expect((await commentById(db, commentIdFrom(bot)))?.status).toBe("spam");
    const fast = await postComment(app, db, vegas, {
      comment: "Too quick",
      token: await tokenFor(db, vegas.id, 500),
    });
    expect(fast.status).toBe(303);
    expect((await commentById(db, commentIdFrom(fast)))?.status).toBe("spam");
    expect((await getPage(app, page)).html).not.toContain("Too quick");
  });

  it("remembers a commenter in a signed cookie, and never serves them a cached page", async () => {
    const response = await postComment(app, db, vegas, {
      comment: "Remember me.",
      name: "Remy",
      email: "remy@example.com",
      url: "https://remy.example/",
      save: true,
    });
    const cookie = response.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/^cinelog_commenter=[\w-]+\.[\w-]{43};/);
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("SameSite=Lax");
    expect(cookie).toContain("Max-Age=31536000");
    const value = cookie.split(";")[0]!;
    await app.request(page); // warm the cache for everybody else
    const mine = await app.request(page, { headers: { cookie: value } });
    expect(mine.headers.get("x-cache")).toBeNull();
    expect(mine.headers.get("cache-control")).toBe("private, no-store");
    const { document } = (await import("linkedom")).parseHTML(await mine.text());
    expect(document.querySelector("#comment-name")?.getAttribute("value")).toBe("Remy");
    expect(document.querySelector("#comment-email")?.getAttribute("value")).toBe(
      "remy@example.com",
    );
    expect(document.querySelector("#comment-url")?.getAttribute("value")).toBe(
      "https://remy.example/",
    );
    expect(document.querySelector("#comment-save")?.hasAttribute("checked")).toBe(true);
    // An edited cookie is ignored.
    const tampered = value.replace(/\.[\w-]+$/, `.${"B".repeat(43)}`);
    const other = await getPage(app, `${page}`.concat(""));
    expect(other.html).not.toContain('value="Remy"');
    const forgedPage = await app.request(page, { headers: { cookie: tampered } });
    expect(await forgedPage.text()).not.toContain('value="Remy"');
  });

  it("refuses comments once they are closed, showing the words back", async () => {
    await saveSetting(db, "closeCommentsAfterDays", 30);
    try {
      const { document } = await getPage(app, page);
      expect(textOf(document.querySelector(".comments-closed"))).toBe("Comments are closed.");
      expect(document.querySelector("#commentform")).toBeNull();
      const response = await postComment(app, db, vegas, { comment: "Too late for this." });
      expect(response.status).toBe(403);
      const html = await response.text();
      expect(html).toContain("Too late for this.");
      expect(html).toContain("Comments are closed. Your comment was not posted");
    } finally {
      await saveSetting(db, "closeCommentsAfterDays", 0);
    }
  });

  it("draws avatars locally, never from another host", async () => {
    const { document, html } = await getPage(app, page);
    const avatars = [...document.querySelectorAll("img.avatar")];
    expect(avatars.length).toBeGreaterThan(0);
    for (const img of avatars) {
      expect(img.getAttribute("src")).toMatch(/^data:image\/svg\+xml;base64,/);
    }
    expect(html).not.toMatch(/gravatar/i);
    expect(html).not.toContain("mira@example.com");
  });

  it("answers 404 for a comment on a draft or unknown review", async () => {
    const draft = await postComment(app, db, f.reviews.draft, { comment: "Hello?" });
    expect(draft.status).toBe(404);
    const unknown = await postComment(app, db, { id: 9999, slug: "no-such-review" }, {});
    expect(unknown.status).toBe(404);
  });
});
