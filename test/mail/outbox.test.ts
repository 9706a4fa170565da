// The outbox: mail waits while SMTP is down or not set up and goes out once it is back;
// two senders sharing the database deliver each message once; names and titles cannot
// add headers or recipients.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connect } from "../../src/db/connect.ts";
import { createComment } from "../../src/domain/comments.ts";
import { createFilm } from "../../src/domain/films.ts";
import { outboxSummary } from "../../src/domain/mail-outbox.ts";
import { loadMailSettings, saveMailSettings } from "../../src/domain/mail-settings.ts";
import { createReview } from "../../src/domain/reviews.ts";
import { deliverDueMail, startMailSender } from "../../src/mail/sender.ts";
import { dialects, openTestDb, type TestDb } from "../support/databases.ts";
import { mailSite, siteUrl, useSmtp } from "./mail-site.ts";
import { startSmtpSink } from "./smtp-sink.ts";

type Site = Awaited<ReturnType<typeof mailSite>>;

describe.each(dialects)("the mail outbox on %s", (dialect) => {
  let db: TestDb;
  let site: Site;

  beforeAll(async () => {
    db = await openTestDb(dialect);
    site = await mailSite(db);
  });
  afterAll(async () => {
    await site.sink.close();
    await db.dispose();
  });

  const comment = (email: string, body = "Hello.") =>
    createComment(db, {
      reviewId: site.fixture.reviews.vegasReview.id,
      name: "Reader",
      email,
      body,
      status: "pending",
    });
  const outbox = () => db.kysely.selectFrom("mail_outbox").selectAll().orderBy("id").execute();

  it("keeps mail while SMTP is not set up, and sends it once it is", async () => {
    await saveMailSettings(db, {
      host: "",
      port: 587,
      security: "starttls",
      user: "",
      password: "",
      fromName: "",
      fromAddress: "",
    });
    await comment("waiting@example.com");
    const report = await site.deliver();
    expect(report).toEqual({ sent: 0, failed: 0, configured: false });
    const [row] = await outbox();
    expect(row).toMatchObject({ to_address: "critic@example.com", sent_at: null, attempts: 0 });

    await useSmtp(db, site.sink.port);
    expect(await site.deliver()).toEqual({ sent: 1, failed: 0, configured: true });
    expect(site.sink.to("critic@example.com")).toHaveLength(1);
    expect((await outbox())[0]!.sent_at).not.toBeNull();
  });

  it("gives up what waited 7 days, and forgets it 30 days later", async () => {
    await saveMailSettings(db, { ...(await loadMailSettings(db)), host: "" });
    await comment("forgotten@example.com", "Nobody set up mail.");
    const row = (await outbox()).at(-1)!;
    const day = 24 * 60 * 60_000;
    const queued = Date.parse(row.created_at);
    await site.deliver(new Date(queued + 6 * day));
    expect((await outbox()).at(-1)).toMatchObject({ id: row.id, failed_at: null });
    await site.deliver(new Date(queued + 8 * day));
    expect((await outbox()).at(-1)).toMatchObject({
      id: row.id,
      sent_at: null,
      last_error: "Not delivered within 7 days; given up.",
    });
    expect(await outboxSummary(db)).toMatchObject({ waiting: 0, failed: 1 });
    await useSmtp(db, site.sink.port);
    expect(await site.deliver()).toMatchObject({ sent: 0 });
    await site.deliver(new Date(queued + 40 * day));
    expect((await outbox()).some((r) => r.id === row.id)).toBe(false);
  });

  it("retries with backoff while the server is down, and delivers once it is up", async () => {
    // A port nobody listens on: take one, then free it.
    const probe = await startSmtpSink();
    const port = probe.port;
    await probe.close();
    await useSmtp(db, port);
    const before = site.sink.received.length;
    await comment("outage@example.com", "Written during the outage.");
    const start = new Date();
    const down = await site.deliver(start);
    expect(down).toMatchObject({ sent: 0, failed: 1, configured: true });
    const failed = (await outbox()).at(-1)!;
    expect(failed.sent_at).toBeNull();
    expect(failed.failed_at).toBeNull();
    expect(failed.attempts).toBe(1);
    expect(failed.last_error).toMatch(/ECONNREFUSED|ECONNECTION|ESOCKET/);
    expect(Date.parse(failed.next_attempt_at)).toBeGreaterThan(start.getTime());

    const revived = await startSmtpSink({ port });
    try {
      // Not due yet: the backoff holds it back.
      expect(await site.deliver(start)).toMatchObject({ sent: 0, failed: 0 });
      const later = new Date(Date.parse(failed.next_attempt_at) + 1000);
      expect(await site.deliver(later)).toMatchObject({ sent: 1, failed: 0 });
      const [arrived] = revived.to("critic@example.com");
      expect(arrived!.mail.text).toContain("Written during the outage.");
      expect((await outbox()).at(-1)!).toMatchObject({ attempts: 2, last_error: null });
      expect(site.sink.received.length).toBe(before);
    } finally {
      await revived.close();
      await useSmtp(db, site.sink.port);
    }
  });

  it("delivers each message once when two instances send at the same time", async () => {
    const before = site.sink.received.length;
    for (let i = 0; i < 8; i++) await comment(`crowd${i}@example.com`, `Crowd ${i}.`);
    // A second connection to the same database stands for a second app instance.
    const other = connect(db.url);
    const reports = await Promise.all([
      deliverDueMail({ db, siteUrl }),
      deliverDueMail({ db: other, siteUrl }),
      deliverDueMail({ db, siteUrl }),
      deliverDueMail({ db: other, siteUrl }),
    ]).finally(() => other.close());
    expect(reports.reduce((n, r) => n + r.sent, 0)).toBe(8);
    const bodies = site.sink.received.slice(before).map((r) => r.mail.text ?? "");
    for (let i = 0; i < 8; i++) {
      expect(bodies.filter((b) => b.includes(`Crowd ${i}.`))).toHaveLength(1);
    }
  });

  it("runs as a loop that delivers on its own and stops when asked", async () => {
    const sender = startMailSender({ db, siteUrl }, 50);
    try {
      await comment("looped@example.com", "Sent by the loop.");
      const deadline = Date.now() + 10_000;
      const arrived = () =>
        site.sink.received.some((r) => (r.mail.text ?? "").includes("Sent by the loop."));
      while (!arrived() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(arrived()).toBe(true);
    } finally {
      await sender.stop();
    }
    // Stopped: nothing more goes out.
    await comment("after-stop@example.com", "After the stop.");
    await new Promise((r) => setTimeout(r, 300));
    expect(site.sink.received.some((r) => (r.mail.text ?? "").includes("After the stop."))).toBe(
      false,
    );
    await site.deliver();
  });

  it("lets no name or title add a header or a recipient", async () => {
    const film = await createFilm(db, {
      title: "Evil\r\nBcc: victim@example.com\r\nX-Injected: yes",
      year: 2020,
      credits: [],
    });
    const review = await createReview(db, {
      filmId: film.id,
      authorId: site.fixture.author.id,
      body: "Headers stay headers.",
      status: "published",
    });
    await createComment(db, {
      reviewId: review.id,
      name: "Mallory\r\nCc: victim@example.com",
      email: "mallory@example.com",
      body: "Hi.",
      status: "pending",
    });
    const before = site.sink.received.length;
    await site.deliver();
    const [notice, ...rest] = site.sink.received.slice(before);
    expect(rest).toEqual([]);
    expect(notice!.recipients).toEqual(["critic@example.com"]);
    expect(notice!.mail.subject).toBe(
      "[Cinelog] A comment on “Evil Bcc: victim@example.com X-Injected: yes (2020)” is waiting for moderation",
    );
    expect(notice!.header("x-injected")).toBeUndefined();
    expect(notice!.header("bcc")).toBeUndefined();
    expect(notice!.header("cc")).toBeUndefined();
  });
});
