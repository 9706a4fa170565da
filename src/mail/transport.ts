// The SMTP transport, built from the owner's settings (src/domain/mail-settings.ts).
import type { Transporter } from "nodemailer";
import type { MailSettings } from "../domain/mail-settings.ts";

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  headers?: Record<string, string>;
}

interface MailTransport {
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

/** Strips what could end a header line or smuggle another header in: CR, LF, other controls. */
export function headerText(text: string, max = 200): string {
  return text
    .replace(/[\p{Cc}\u2028\u2029]+/gu, " ")
    .trim()
    .slice(0, max);
}

export function createMailTransport(settings: MailSettings): MailTransport {
  // nodemailer (about 3 MB of heap) loads with the first message, not when the server starts.
  let opened: Promise<Transporter> | undefined;
  const open = () =>
    (opened ??= import("nodemailer").then(({ default: nodemailer }) =>
      nodemailer.createTransport({
        host: settings.host,
        port: settings.port,
        // "tls": TLS from the first byte (port 465); "starttls": plain, then upgraded, and
        // refused if the server cannot; "none": never upgraded (a relay on the same machine).
        secure: settings.security === "tls",
        requireTLS: settings.security === "starttls",
        ignoreTLS: settings.security === "none",
        ...(settings.user ? { auth: { user: settings.user, pass: settings.password } } : {}),
        // An unreachable server must fail an attempt quickly, well inside the sender's lease.
        connectionTimeout: 15_000,
        greetingTimeout: 15_000,
        socketTimeout: 30_000,
      }),
    ));
  const from = {
    name: headerText(settings.fromName, 100),
    address: settings.fromAddress,
  };
  return {
    async send(mail) {
      const transport = await open();
      await transport.sendMail({
        from,
        to: mail.to,
        subject: headerText(mail.subject, 250),
        text: mail.text,
        html: mail.html,
        headers: mail.headers ?? {},
      });
    },
    close() {
      void opened?.then((transport) => transport.close());
    },
  };
}

/** An SMTP failure as the owner can act on it: what went wrong, and what the server said. */
export function describeMailError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const detail = error as Error & { code?: string; response?: string; command?: string };
  const parts = [error.message];
  if (detail.response && !error.message.includes(detail.response)) {
    parts.push(`Server said: ${detail.response}`);
  }
  if (detail.code) parts.push(`(${detail.code})`);
  return parts.join(" ");
}
