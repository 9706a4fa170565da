// The owner can always get in: while an attacker hammers the password form for the owner's
// account, the owner signs in with a password from elsewhere, and with an e-mailed one-time
// link even from the attacker's own address. Mail goes through the outbox to a real SMTP
// server; the page says the same whether or not the address has an account; links work
// once, for 15 minutes, are stored hashed, and are rate-limited per address.
import { createHash } from "node:crypto";
import { parseHTML } from "linkedom";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deliverDueMail } from "../../src/mail/sender.ts";
import { appFor, textOf } from "../support/app.ts";
import { dialects, openTestDb, type TestDb } from "../support/databases.ts";
import { buildFixture } from "../support/fixture.ts";
import { linkIn, siteUrl, useSmtp } from "../mail/mail-site.ts";
import { startSmtpSink, type SmtpSink } from "../mail/smtp-sink.ts";
import { getAs, password, postForm, sessionCookieFrom, type App } from "./admin-client.ts";

const owner = "critic@example.com";
const attacker = "203.0.113.9";
const home = "198.51.100.7";

describe.each(dialects)("e-mailed sign-in links on %s", (dialect) => {
  let db: TestDb;
  let app: App;
  let sink: SmtpSink;
  beforeAll(async () => {
    db = await openTestDb(dialect);
    await buildFixture(db);
    sink = await startSmtpSink();
    await useSmtp(db, sink.port);
    app = appFor(db, { siteUrl, trustedProxyHops: 1 });
  });
  afterAll(async () => {
    await sink.close();
    await db.dispose();
  });

  const from = (ip: string) => ({ headers: { "x-forwarded-for": ip } });
  const passwordAttempt = (ip: string, secret: string) =>
    postForm(app, "/admin/sign-in", { email: owner, password: secret }, from(ip));
  const askForLink = (email: string, ip = home) =>
    postForm(app, "/admin/sign-in/link", { email }, from(ip));
  const deliver = () => deliverDueMail({ db, siteUrl });
  /** The link path in the newest mail to `email`. */
  const newestLink = (email: string) => linkIn(sink.to(email).at(-1)!, /\/admin\/sign-in\/link\//);
  const page = async (response: Response) =>
    textOf(parseHTML(await response.text()).document.querySelector("main"));

  it("offers the link on the sign-in page once mail is set up", async () => {
    const { document } = await getAs(app, "/admin/sign-in");
    const form = document.querySelector('form[action="/admin/sign-in/link"]');
    expect(form?.querySelector('input[name="email"][type="email"]')).not.toBeNull();
    expect(textOf(form?.querySelector("button"))).toBe("E-mail me a sign-in link");
  });

  it("lets the owner in while an attacker hammers the password form", async () => {
    for (let i = 0; i < 8; i++) await passwordAttempt(attacker, `guess-${i}`);
    // Locked for the attacker's address, even with the right password…
    expect((await passwordAttempt(attacker, password)).status).toBe(429);
    // …while the owner's password from home still works.
    expect((await passwordAttempt(home, password)).status).toBe(303);

    // From the attacker's (locked) address, the owner asks for a link and uses it.
    const asked = await askForLink(owner, attacker);
    expect(asked.status).toBe(200);
    expect(await page(asked)).toContain("If that address belongs to an account here");
    expect((await deliver()).sent).toBe(1);
    const mail = sink.to(owner).at(-1)!;
    expect(mail.mail.subject).toMatch(/^Your sign-in link for /);
    const link = newestLink(owner);
    expect(link).toMatch(/^\/admin\/sign-in\/link\/[\w-]{43}$/);

    // Opening the link does not sign in (mail scanners open links); its button does.
    const opened = await getAs(app, link);
    expect(opened.response.status).toBe(200);
    expect(opened.document.querySelector(`form[action="${link}"] button`)).not.toBeNull();
    const signedIn = await postForm(app, link, {}, from(attacker));
    expect(signedIn.status).toBe(303);
    expect(signedIn.headers.get("location")).toBe("/admin");
    const cookie = sessionCookieFrom(signedIn)!;
    const dashboard = await getAs(app, "/admin", cookie);
    expect(dashboard.response.status).toBe(200);

    // Used once, it refuses with a clear message.
    const again = await postForm(app, link, {}, from(home));
    expect(again.status).toBe(410);
    expect(sessionCookieFrom(again)).toBeUndefined();
    expect(await page(again)).toContain("This sign-in link was used already");
    const reopened = await getAs(app, link);
    expect(reopened.response.status).toBe(410);

    // Only the hash is stored, and the sent mail's row no longer holds the secret.
    const token = link.split("/").at(-1)!;
    const rows = await db.kysely.selectFrom("sign_in_links").selectAll().execute();
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(rows.map((r) => r.token_hash)).toContain(
      createHash("sha256").update(token).digest("hex"),
    );
    const outbox = await db.kysely.selectFrom("mail_outbox").select("payload").execute();
    expect(JSON.stringify(outbox)).not.toContain(token);
  });

  it("refuses an expired link with a clear message", async () => {
    expect((await askForLink(owner)).status).toBe(200);
    await deliver();
    const link = newestLink(owner);
    // 15 minutes are not waited for: the row's expiry is moved into the past.
    await db.kysely
      .updateTable("sign_in_links")
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where("used_at", "is", null)
      .execute();
    const refused = await postForm(app, link, {});
    expect(refused.status).toBe(410);
    expect(sessionCookieFrom(refused)).toBeUndefined();
    expect(await page(refused)).toContain("This sign-in link has expired");
    const made = await postForm(app, "/admin/sign-in/link/not-a-real-link", {});
    expect(made.status).toBe(404);
    expect(await page(made)).toContain("This sign-in link is not valid");
  });

  it("answers the same for an address with no account, and sends it nothing", async () => {
    const before = sink.received.length;
    const stranger = await askForLink("nobody@example.com", "192.0.2.80");
    const known = await askForLink(owner, "192.0.2.81");
    expect(stranger.status).toBe(known.status);
    const strip = (text: string) => text.replace(/Asked for: \S+/, "");
    expect(strip(await page(stranger))).toBe(strip(await page(known)));
    await deliver();
    expect(sink.to("nobody@example.com")).toEqual([]);
    expect(sink.received.length).toBe(before + 1);
  });

  it("limits the links per address, whoever asks and whether or not it has an account", async () => {
    const statusesFor = async (email: string) => {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) {
        statuses.push((await askForLink(email, `192.0.2.${100 + i}`)).status);
      }
      return statuses;
    };
    // Three links per address in 15 minutes, from any number of clients.
    expect(await statusesFor("editor-x@example.com")).toEqual([200, 200, 200, 429, 429]);
    // The owner's address has had its three above (however its letters are typed).
    expect(await statusesFor("CRITIC@example.com")).toEqual([429, 429, 429, 429, 429]);
    const limited = await askForLink("editor-x@example.com", "192.0.2.200");
    expect(limited.status).toBe(429);
    expect(await page(limited)).toMatch(
      /Too many sign-in links asked for, try again in \d+ minutes?/,
    );
  });
});
