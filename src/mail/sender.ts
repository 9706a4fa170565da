// The sender: every few seconds it queues the new-post notices of reviews that have just
// gone public, then delivers what is due in the outbox, retrying with backoff. Each app
// instance runs one; they share the work through the outbox's claims
// (src/domain/mail-outbox.ts), so a message goes out once however many there are.
import type { Logger } from "pino";
import type { Db } from "../db/connect.ts";
import { announceDueReviews } from "../domain/mail-notices.ts";
import {
  claimDueMail,
  markFailed,
  markSent,
  releaseClaims,
  tidyOutbox,
} from "../domain/mail-outbox.ts";
import { loadMailSettings, mailConfigured } from "../domain/mail-settings.ts";
import { loadSettings } from "../domain/settings.ts";
import { tidySubscriptions } from "../domain/subscriptions.ts";
import { renderMail } from "./messages.tsx";
import { createMailTransport, describeMailError } from "./transport.ts";
import { startRepeatingRounds, type RepeatingRounds } from "../domain/repeating-rounds.ts";

interface SenderOptions {
  db: Db;
  /** The public address of the site, for links in mail. */
  siteUrl: string;
  logger?: Logger;
}

interface DeliveryReport {
  sent: number;
  failed: number;
  /** False when SMTP is not set up: the mail waits in the outbox. */
  configured: boolean;
}

/**
 * One round of the sender, now: announce new reviews, deliver everything due. Tests call
 * this instead of waiting for the timer; `now` lets them step past a retry delay. When
 * `stop` is aborted mid-round, the message being sent is finished and recorded, and the rest
 * of the claimed batch is handed back to the outbox for the next start.
 */
export async function deliverDueMail(
  options: SenderOptions,
  now: Date = new Date(),
  stop?: AbortSignal,
): Promise<DeliveryReport> {
  const { db, logger } = options;
  await announceDueReviews(db, now.toISOString());
  await tidyOutbox(db, now);
  await tidySubscriptions(db, now);
  const settings = await loadMailSettings(db);
  const report: DeliveryReport = { sent: 0, failed: 0, configured: mailConfigured(settings) };
  if (!report.configured) return report;

  const site = { url: options.siteUrl, title: (await loadSettings(db)).siteTitle };
  const transport = createMailTransport(settings);
  try {
    for (;;) {
      if (stop?.aborted) break;
      const batch = await claimDueMail(db, now);
      if (batch.length === 0) break;
      for (const [index, row] of batch.entries()) {
        if (stop?.aborted) {
          await releaseClaims(
            db,
            batch.slice(index).map((left) => left.id),
          );
          break;
        }
        let mail;
        try {
          mail = await renderMail(db, row, site);
        } catch (error) {
          // A row that cannot be rendered never will be: give it up rather than retry it.
          await markFailed(db, row, `Cannot write this mail: ${String(error)}`, now, true);
          report.failed++;
          continue;
        }
        try {
          await transport.send(mail);
          await markSent(db, row.id, now);
          report.sent++;
        } catch (error) {
          const reason = describeMailError(error);
          logger?.warn({ mailId: row.id, kind: row.kind, reason }, "mail not delivered");
          await markFailed(db, row, reason, now, isPermanent(error));
          report.failed++;
        }
      }
      // With the server failing, the rest can wait for the next round rather than each
      // waiting out its own timeout now.
      if (report.failed > 0) break;
    }
  } finally {
    transport.close();
  }
  if (report.sent) logger?.info({ sent: report.sent }, "mail delivered");
  return report;
}

/** The server refused this recipient for good (5xx to RCPT TO): retrying cannot help. */
function isPermanent(error: unknown): boolean {
  const detail = error as { responseCode?: number; command?: string };
  return (
    typeof detail.responseCode === "number" &&
    detail.responseCode >= 500 &&
    /^RCPT/i.test(detail.command ?? "")
  );
}

/**
 * Runs `deliverDueMail` every `intervalMs` until stopped; a round never overlaps the next.
 * `stop()` waits for the message in flight only: what the round had not started stays queued.
 */
export function startMailSender(options: SenderOptions, intervalMs = 10_000): RepeatingRounds {
  return startRepeatingRounds((stopped) => deliverDueMail(options, new Date(), stopped), {
    intervalMs,
    firstAfterMs: 1000,
    onError: (error) => options.logger?.error({ err: error }, "mail sender failed"),
  });
}
