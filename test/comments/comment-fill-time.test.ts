// The minimum fill time measured from the reader, not from the cached page (issue 16): a page's
// own token can prove a post too fast but never slow enough; a token minted for the reader
// (GET …/comments/token, asked for by the form's script) measures them; without script, an
// old page token leads to a one-click "confirm your comment" form that keeps every word.
import { parseHTML } from "linkedom";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issueConfirmToken, issuePageToken } from "../../src/domain/comment-tokens.ts";
import { commentById } from "../../src/domain/comments.ts";
import { saveMailSettings } from "../../src/domain/mail-settings.ts";
import { postComment as takeComment } from "../../src/domain/post-comment.ts";
import { reviewSubject } from "../../src/domain/comment-subjects.ts";
import { loadSettings } from "../../src/domain/settings.ts";
import { appFor, getPage, textOf } from "../support/app.ts";
import { dialects, openTestDb, type TestDb } from "../support/databases.ts";
import { buildFixture } from "../support/fixture.ts";
import { commentIdFrom, postComment, textareaValue, tokenFor } from "./post-comment.ts";

const twoHours = 2 * 3600_000;

describe.each(dialects)("the minimum fill time on %s", (dialect) => {
  let db: TestDb;
  let app: ReturnType<typeof appFor>;
  let vegas: { id: number; slug: string };
  const page = "/review/leaving-las-vegas-1995";

  beforeAll(async () => {
    db = await openTestDb(dialect);
    vegas = (await buildFixture(db)).reviews.vegasReview;
    app = appFor(db, { commentRateLimits: false });
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

  const storedCount = async () =>
    Number(
      (
        await db.kysely
          .selectFrom("comments")
          .select((eb) => eb.fn.countAll().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it("does not let a post made at once from a cached page through", async () => {
    await (await app.request(page)).text();
    const cached = await getPage(app, page);
    expect(cached.response.headers.get("x-cache")).toBe("HIT");
    const token = cached.document.querySelector('input[name="token"]')?.getAttribute("value");
    expect(token).toMatch(/^page\./);
    const response = await postComment(app, db, vegas, { comment: "Instant.", token: token! });
    // Answered like any held comment, but filed as spam.
    expect(response.status).toBe(303);
    expect((await commentById(db, commentIdFrom(response)))?.status).toBe("spam");
  });

  it("asks once more, keeping every word, when the cached page's token is hours old", async () => {
    const before = await storedCount();
    const response = await postComment(app, db, vegas, {
      comment: "Written slowly <b>without</b> script.\nTwo lines.",
      name: "Slow Reader",
      email: "slow@example.com",
      url: "slow.example/notes",
      notify_posts: true,
      save: true,
      token: await issuePageToken(db, vegas.id, Date.now() - twoHours),
    });
    expect(response.status).toBe(200);
    expect(await storedCount()).toBe(before);
    const { document } = parseHTML(await response.text());
    const summary = document.querySelector("#respond > #comment-problems");
    expect(textOf(summary?.querySelector("h2"))).toBe("Confirm your comment");
    expect(summary?.getAttribute("tabindex")).toBe("-1");
    expect(textareaValue(document.querySelector("#comment-comment"))).toBe(
      "Written slowly <b>without</b> script.\nTwo lines.",
    );
    const value = (id: string) => document.querySelector(`#${id}`)?.getAttribute("value");
    expect(value("comment-name")).toBe("Slow Reader");
    expect(value("comment-email")).toBe("slow@example.com");
    expect(value("comment-url")).toBe("https://slow.example/notes");
    expect(document.querySelector("#comment-notify-posts")?.hasAttribute("checked")).toBe(true);
    expect(document.querySelector("#comment-save")?.hasAttribute("checked")).toBe(true);
    const fresh = document.querySelector('input[name="token"]')?.getAttribute("value") ?? "";
    expect(fresh).toMatch(/^confirm\.\d+\./);
    // Sent back at once by a program, it is spam; by a person who read it first, it is taken.
    const bot = await postComment(app, db, vegas, { comment: "Bot.", token: fresh });
    expect((await commentById(db, commentIdFrom(bot)))?.status).toBe("spam");
    const person = await postComment(app, db, vegas, {
      comment: "Written slowly.",
      email: "slow@example.com",
      token: await issueConfirmToken(db, vegas.id, Date.now() - 2000),
    });
    expect(person.status).toBe(303);
    expect((await commentById(db, commentIdFrom(person)))?.status).toBe("pending");
  });

  it("mints a reader's token at …/comments/token, never cached, and measures from it", async () => {
    const first = await app.request(`${page}/comments/token`);
    expect(first.status).toBe(200);
    expect(first.headers.get("cache-control")).toBe("no-store");
    expect(first.headers.get("x-cache")).toBeNull();
    const { token } = (await first.json()) as { token: string };
    expect(token).toMatch(/^\d+\.[\w-]{43}$/);
    const second = await app.request(`${page}/comments/token`);
    expect(second.headers.get("x-cache")).toBeNull();
    expect(((await second.json()) as { token: string }).token).toMatch(/^\d+\./);
    // Posted at once: too fast.
    const fast = await postComment(app, db, vegas, { comment: "Right away.", token });
    expect((await commentById(db, commentIdFrom(fast)))?.status).toBe("spam");
    // A reader who took a minute from the token: a normal post, held as a first comment.
    const normal = await postComment(app, db, vegas, {
      comment: "After a minute.",
      email: "minute@example.com",
      token: await tokenFor(db, vegas.id, 60_000),
    });
    expect((await commentById(db, commentIdFrom(normal)))?.status).toBe("pending");
    expect((await app.request("/review/no-such-review/comments/token")).status).toBe(404);
  });

  it("limits how many tokens one address may ask for", async () => {
    let last = 0;
    for (let i = 0; i < 70 && last !== 429; i++) {
      const response = await app.request(`${page}/comments/token`);
      last = response.status;
      await response.arrayBuffer();
    }
    expect(last).toBe(429);
    const refused = await app.request(`${page}/comments/token`);
    expect(refused.headers.get("retry-after")).toMatch(/^\d+$/);
  });

  it("never takes one kind of token for another", async () => {
    const old = Date.now() - twoHours;
    const page = await issuePageToken(db, vegas.id, old);
    const confirm = await issueConfirmToken(db, vegas.id, old);
    // A page's or a confirmation's signature, relabelled as a reader's, is refused as forged.
    for (const relabelled of [
      page.replace(/^page\./, ""),
      confirm.replace(/^confirm\./, ""),
      page.replace(/^page\./, "confirm."),
    ]) {
      const response = await postComment(app, db, vegas, {
        comment: "Relabelled.",
        token: relabelled,
      });
      expect(response.status, relabelled).toBe(422);
    }
  });

  it("keeps a signed-in commenter out of the confirmation step", async () => {
    const settings = await loadSettings(db);
    const submission = {
      subject: reviewSubject(vegas.id),
      publishedAt: null,
      name: "Signed In",
      email: "signed@example.com",
      url: "",
      body: "Typed before signing in.",
      notifyReplies: false,
      notifyPosts: false,
      parentId: undefined,
      token: await issuePageToken(db, vegas.id, Date.now() - twoHours),
      honeypot: "",
      hasFieldErrors: false,
      ip: "127.0.0.9",
      userAgent: "test",
    };
    const options = { settings, rateLimits: false, mailReady: true };
    const guest = await takeComment(db, { ...submission, signedIn: false }, options);
    expect(guest.outcome).toBe("confirm");
    const member = await takeComment(db, { ...submission, signedIn: true }, options);
    expect(member.outcome).toBe("stored");
  });
});
