// A real SMTP server on 127.0.0.1 for mail tests (smtp-server), keeping every message it
// accepts, parsed with mailparser, with the envelope it came in.
import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";

export interface ReceivedMail {
  mail: ParsedMail;
  /** RCPT TO addresses: who the message was really delivered to. */
  recipients: string[];
  /** Header lines exactly as sent (unfolded), lower-cased names. */
  header(name: string): string | undefined;
}

export interface SmtpSink {
  port: number;
  received: ReceivedMail[];
  /** Messages whose body has begun to arrive (accepted or not yet). */
  started(): number;
  /** Messages delivered to one address. */
  to(address: string): ReceivedMail[];
  close(): Promise<void>;
}

export async function startSmtpSink(
  options: {
    port?: number;
    auth?: { user: string; pass: string };
    /** Wait this long before accepting each message: a slow server, for stops mid-send. */
    delayMs?: number;
  } = {},
): Promise<SmtpSink> {
  const received: ReceivedMail[] = [];
  let started = 0;
  const { auth } = options;
  const server = new SMTPServer({
    logger: false,
    disabledCommands: auth ? ["STARTTLS"] : ["STARTTLS", "AUTH"],
    authOptional: !auth,
    allowInsecureAuth: true,
    onAuth(credentials, _session, callback) {
      if (auth && credentials.username === auth.user && credentials.password === auth.pass) {
        callback(null, { user: credentials.username });
      } else {
        callback(new Error("Invalid user name or password"));
      }
    },
    onData(stream, session, callback) {
      started++;
      simpleParser(stream).then(
        async (mail) => {
          if (options.delayMs) await new Promise((resolve) => setTimeout(resolve, options.delayMs));
          const recipients = session.envelope.rcptTo.map((r) => r.address);
          received.push({
            mail,
            recipients,
            header: (name) =>
              mail.headerLines
                .find((h) => h.key === name.toLowerCase())
                ?.line.replace(/\r?\n[ \t]+/g, " ")
                .replace(/^[^:]+:\s*/, ""),
          });
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    received,
    started: () => started,
    to: (address) => received.filter((r) => r.recipients.includes(address)),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
