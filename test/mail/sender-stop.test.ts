// Stopping the mail sender mid-round (SIGTERM on an upgrade): the message being handed to a slow
// SMTP server is finished and recorded as sent, the rest of the round stays queued, and the
// next start delivers those, each exactly once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { enqueueMail } from "../../src/domain/mail-outbox.ts";
import { deliverDueMail, startMailSender } from "../../src/mail/sender.ts";
import { dialects, openTestDb, type TestDb } from "../support/databases.ts";
import { siteUrl, useSmtp } from "./mail-site.ts";
import { startSmtpSink, type SmtpSink } from "./smtp-sink.ts";

async function waitFor(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 400 && !condition(); i++) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  if (!condition()) throw new Error("waited 4 s in vain");
}

describe.each(dialects)("stopping the mail sender on %s", (dialect) => {
  let db: TestDb;
  let slow: SmtpSink;

  beforeAll(async () => {
    db = await openTestDb(dialect);
    slow = await startSmtpSink({ delayMs: 400 });
    await useSmtp(db, slow.port);
  });
  afterAll(async () => {
    await slow.close();
    await db.dispose();
  });

  it("finishes the message in flight, keeps the rest queued, and sends each once later", async () => {
    const addresses = [1, 2, 3, 4, 5].map((n) => `reader${n}@example.com`);
    for (const to of addresses) {
      await enqueueMail(db, { kind: "confirmation", to, payload: {}, listScope: "posts" });
    }
    const sender = startMailSender({ db, siteUrl }, 50);
    await waitFor(() => slow.started() === 1);
    await sender.stop();

    // The first message was being sent when the stop came: it went out, once, and is marked.
    expect(slow.received.map((r) => r.recipients).flat()).toEqual([addresses[0]]);
    const rows = await db.kysely
      .selectFrom("mail_outbox")
      .select(["to_address", "sent_at", "claimed_until", "attempts"])
      .orderBy("id")
      .execute();
    expect(rows).toHaveLength(5);
    expect(rows[0]).toMatchObject({ to_address: addresses[0], claimed_until: null });
    expect(rows[0]!.sent_at).not.toBeNull();
    // The rest were claimed with the round but never started: back in the queue, unclaimed.
    for (const row of rows.slice(1)) {
      expect(row).toMatchObject({ sent_at: null, claimed_until: null, attempts: 0 });
    }
    // Nothing more arrives after the stop.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(slow.started()).toBe(1);

    // The next start (here one round, now) sends the other four: nothing lost, nothing twice.
    expect(await deliverDueMail({ db, siteUrl })).toMatchObject({ sent: 4, failed: 0 });
    const delivered = slow.received.map((r) => r.recipients).flat();
    expect([...delivered].sort()).toEqual([...addresses].sort());
    expect(new Set(delivered).size).toBe(5);
  });
});
