// The Webmention worker: every few seconds it queues the mentions of pages published or
// updated since its last round, then claims what is due in the queue
// (src/domain/webmentions/webmention-queue.ts) — incoming mentions to verify, outgoing ones to
// send — and works them, retrying failures with backoff. Each app instance runs one; the
// queue's leases keep two from taking the same row. Stopping waits for the round under way.
import type { Logger } from "pino";
import type { Db } from "../db/connect.ts";
import { loadSettings } from "../domain/settings.ts";
import { queueChangedPages } from "../domain/webmentions/changed-pages.ts";
import {
  claimDueMentions,
  markMentionDone,
  markMentionFailed,
} from "../domain/webmentions/webmention-queue.ts";
import type { SafeFetchOptions } from "../net/safe-fetch.ts";
import { GiveUp, receiveMention, RetryLater } from "./receive-mention.ts";
import { sendMention } from "./send-mention.ts";
import { startRepeatingRounds, type RepeatingRounds } from "../domain/repeating-rounds.ts";

interface WebmentionWorkerOptions {
  db: Db;
  /** The public address of the site: our pages' addresses, as sources of what we send. */
  siteUrl: string;
  logger?: Logger;
  /** Limits of every request; tests add `allowLoopback` here and nowhere else. */
  fetch?: SafeFetchOptions;
}

interface WebmentionReport {
  done: number;
  failed: number;
}

/** One round, now: works everything due. Tests call this rather than wait for the timer. */
export async function workDueMentions(
  options: WebmentionWorkerOptions,
  now: Date = new Date(),
): Promise<WebmentionReport> {
  const { db, logger } = options;
  const fetchOptions: SafeFetchOptions = {
    timeoutMs: 10_000,
    maxBytes: 1024 * 1024,
    ...options.fetch,
  };
  const report: WebmentionReport = { done: 0, failed: 0 };
  // Reviews and posts published or updated since the last round queue their mentions first.
  await queueChangedPages(db, options.siteUrl, now);
  for (;;) {
    const batch = await claimDueMentions(db, now);
    if (batch.length === 0) break;
    const settings = await loadSettings(db);
    for (const row of batch) {
      try {
        if (row.direction === "in") {
          const result = await receiveMention(db, row, settings, fetchOptions);
          await markMentionDone(db, row, result.outcome, now, result.commentId);
        } else if (!settings.sendWebmentions) {
          // Turned off after it was queued: nothing leaves without the owner's consent.
          await markMentionDone(db, row, "not sent (sending is off)", now);
        } else {
          await markMentionDone(db, row, await sendMention(row, fetchOptions), now);
        }
        report.done++;
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        const known = error instanceof RetryLater || error instanceof GiveUp;
        if (!known) logger?.error({ err: error, webmentionId: row.id }, "webmention failed");
        else logger?.warn({ webmentionId: row.id, reason }, "webmention not done");
        await markMentionFailed(db, row, reason, now, error instanceof GiveUp);
        report.failed++;
      }
    }
  }
  return report;
}

/** Runs `workDueMentions` every `intervalMs` until stopped; a round never overlaps the next. */
export function startWebmentionWorker(
  options: WebmentionWorkerOptions,
  intervalMs = 5_000,
): RepeatingRounds {
  return startRepeatingRounds(() => workDueMentions(options), {
    intervalMs,
    firstAfterMs: 1000,
    onError: (error) => options.logger?.error({ err: error }, "webmention worker failed"),
  });
}
