// A test site whose mail goes to a real SMTP server on 127.0.0.1, with helpers to run the
// sender now and to read links out of what arrives.
import { saveMailSettings } from "../../src/domain/mail-settings.ts";
import { deliverDueMail } from "../../src/mail/sender.ts";
import { appFor } from "../support/app.ts";
import type { TestDb } from "../support/databases.ts";
import { buildFixture } from "../support/fixture.ts";
import { startSmtpSink, type ReceivedMail } from "./smtp-sink.ts";

export const siteUrl = "http://127.0.0.1:4000";

export async function mailSite(db: TestDb) {
  const fixture = await buildFixture(db);
  const sink = await startSmtpSink();
  await useSmtp(db, sink.port);
  const app = appFor(db, { siteUrl, commentRateLimits: false });
  const deliver = (now?: Date) => deliverDueMail({ db, siteUrl }, now);
  return { fixture, sink, app, deliver };
}

export function useSmtp(db: TestDb, port: number, auth?: { user: string; pass: string }) {
  return saveMailSettings(db, {
    host: "127.0.0.1",
    port,
    security: "none",
    user: auth?.user ?? "",
    password: auth?.pass ?? "",
    fromName: "Cinelog journal",
    fromAddress: "journal@example.com",
  });
}

/** The site-relative path of the first link in a mail's text that matches `pattern`. */
export function linkIn(received: ReceivedMail, pattern: RegExp): string {
  const text = received.mail.text ?? "";
  const url = text.split(/\s+/).find((word) => word.startsWith(siteUrl) && pattern.test(word));
  if (!url) throw new Error(`no link matching ${pattern} in:\n${text}`);
  return url.slice(siteUrl.length);
}

/** The path of the List-Unsubscribe URL, checking the header's form on the way. */
export function unsubscribePath(received: ReceivedMail): string {
  const header = received.header("list-unsubscribe") ?? "";
  const match = /^<(http:\/\/127\.0\.0\.1:4000(\/unsubscribe\/[\w.-]+))>$/.exec(header);
  if (!match) throw new Error(`bad List-Unsubscribe: ${header}`);
  return match[2]!;
}
