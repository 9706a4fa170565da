// "Notify me" (issue 16): after ticking a box the reader is told to look for the confirmation
// mail, which really arrives at a real SMTP server; when mail is not set up the boxes are not
// offered, and a crafted post with them subscribes nobody and queues nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commentById } from "../../src/domain/comments.ts";
import { deliverDueMail } from "../../src/mail/sender.ts";
import { appFor, getPage, textOf } from "../support/app.ts";
import { dialects, openTestDb, type TestDb } from "../support/databases.ts";
import { buildFixture } from "../support/fixture.ts";
import { siteUrl, useSmtp } from "../mail/mail-site.ts";
import { startSmtpSink, type SmtpSink } from "../mail/smtp-sink.ts";
import { commentIdFrom, postComment } from "./post-comment.ts";

const inbox = /Check your inbox for a message with a link to confirm/;

describe.each(dialects)("notify me on %s", (dialect) => {
  let db: TestDb;
  let sink: SmtpSink;
  let app: ReturnType<typeof appFor>;
  let vegas: { id: number; slug: string };
  const page = "/review/leaving-las-vegas-1995";

  beforeAll(async () => {
    db = await openTestDb(dialect);
    vegas = (await buildFixture(db)).reviews.vegasReview;
    sink = await startSmtpSink();
    app = appFor(db, { siteUrl, commentRateLimits: false });
  });
  afterAll(async () => {
    await sink.close();
    await db.dispose();
  });

  const count = async (table: "mail_subscriptions" | "mail_outbox") =>
    Number(
      (
        await db.kysely
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it("offers no boxes without mail, and a crafted post with them is harmless", async () => {
    const { document } = await getPage(app, page);
    expect(document.querySelector("#comment-notify-replies")).toBeNull();
    expect(document.querySelector("#comment-notify-posts")).toBeNull();
    const response = await postComment(app, db, vegas, {
      comment: "Crafted.",
      email: "crafted@example.com",
      notify_replies: true,
      notify_posts: true,
    });
    expect(response.status).toBe(303);
    const stored = await commentById(db, commentIdFrom(response));
    expect(stored).toMatchObject({ notify_replies: 0, notify_posts: 0 });
    expect(await count("mail_subscriptions")).toBe(0);
    const own = await getPage(app, response.headers.get("location")!);
    expect(own.html).not.toMatch(inbox);
  });

  it("offers the boxes once mail is set up, even on a page that was cached", async () => {
    await (await app.request(page)).text();
    expect((await app.request(page)).headers.get("x-cache")).toBe("HIT");
    await useSmtp(db, sink.port);
    const { document } = await getPage(app, page);
    expect(document.querySelector("#comment-notify-replies")).not.toBeNull();
    expect(document.querySelector("#comment-notify-posts")).not.toBeNull();
  });

  it("tells the reader to check their inbox, and the confirmation arrives", async () => {
    const email = "follower@example.com";
    const response = await postComment(app, db, vegas, {
      comment: "Keep me posted.",
      email,
      notify_posts: true,
    });
    const id = commentIdFrom(response);
    const own = await getPage(app, response.headers.get("location")!);
    const notice = own.document.querySelector(`#comment-${id} .comment-own-notice`);
    expect(textOf(notice)).toMatch(inbox);
    expect(notice?.getAttribute("role")).toBe("status");
    await deliverDueMail({ db, siteUrl });
    const mails = sink.to(email);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.mail.subject).toMatch(/^Confirm your e-mail subscription/);

    // Without a box ticked there is nothing to look for.
    const quiet = await postComment(app, db, vegas, { comment: "No mail.", email });
    const quietPage = await getPage(app, quiet.headers.get("location")!);
    expect(quietPage.html).not.toMatch(inbox);
  });
});
