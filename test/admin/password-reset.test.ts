// A forgotten password: "Forgot your password?" (only when mail is set up) mails a one-time
// link through a real SMTP server; the page answers the same for every address; the link
// opens a form that keeps what was typed on error, works once, expires, and saving ends the
// account's other sessions. The command line sets one too (`cinelog user password`).
import { parseHTML } from "linkedom";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deliverDueMail } from "../../src/mail/sender.ts";
import { passwordMatches } from "../../src/domain/users.ts";
import { appFor, textOf } from "../support/app.ts";
import { runCli } from "../support/cli.ts";
import { dialects, openTestDb, type TestDb } from "../support/databases.ts";
import { buildFixture } from "../support/fixture.ts";
import { linkIn, siteUrl, useSmtp } from "../mail/mail-site.ts";
import { startSmtpSink, type SmtpSink } from "../mail/smtp-sink.ts";
import { getAs, password, postForm, sessionCookieFrom, signIn, type App } from "./admin-client.ts";

const owner = "critic@example.com";
const newPassword = "a brand new secret phrase";

describe.each(dialects)("password reset on %s", (dialect) => {
  let db: TestDb;
  let app: App;
  let sink: SmtpSink;
  beforeAll(async () => {
    db = await openTestDb(dialect);
    await buildFixture(db);
    app = appFor(db, { siteUrl, trustedProxyHops: 1 });
  });
  afterAll(async () => {
    await sink.close();
    await db.dispose();
  });

  const deliver = () => deliverDueMail({ db, siteUrl });
  const newestLink = (email: string) => linkIn(sink.to(email).at(-1)!, /\/admin\/sign-in\/reset\//);
  const page = async (response: Response) =>
    textOf(parseHTML(await response.text()).document.querySelector("main"));
  const ownerRow = () =>
    db.kysely.selectFrom("users").selectAll().where("email", "=", owner).executeTakeFirstOrThrow();

  it("offers no reset without mail, then offers it once mail is set up", async () => {
    const before = await getAs(app, "/admin/sign-in");
    expect(before.document.querySelector('a[href="/admin/sign-in/forgot"]')).toBeNull();
    expect((await getAs(app, "/admin/sign-in/forgot")).response.status).toBe(404);
    sink = await startSmtpSink();
    await useSmtp(db, sink.port);
    const after = await getAs(app, "/admin/sign-in");
    expect(textOf(after.document.querySelector('a[href="/admin/sign-in/forgot"]'))).toBe(
      "Forgot your password?",
    );
  });

  it("answers the same for an unknown address and mails only the account's", async () => {
    const unknown = await postForm(app, "/admin/sign-in/forgot", { email: "nobody@example.com" });
    const known = await postForm(app, "/admin/sign-in/forgot", { email: owner });
    expect(unknown.status).toBe(200);
    expect(known.status).toBe(200);
    const [a, b] = [await page(unknown), await page(known)];
    expect(a.replace("nobody@example.com", "X")).toBe(b.replace(owner, "X"));
    await deliver();
    expect(sink.to("nobody@example.com")).toHaveLength(0);
    expect(sink.to(owner).at(-1)!.mail.subject).toMatch(/^Choose a new password for /);
  });

  it("sets the new password once, ends other sessions, and refuses a second use", async () => {
    const elsewhere = await signIn(app, owner);
    expect((await getAs(app, "/admin", elsewhere)).response.status).toBe(200);
    const link = newestLink(owner);
    expect(link).toMatch(/^\/admin\/sign-in\/reset\/[\w-]{43}$/);
    // A sign-in link's route does not take a reset link.
    expect((await getAs(app, link.replace("/reset/", "/link/"))).response.status).toBe(404);
    const opened = await getAs(app, link);
    expect(opened.response.status).toBe(200);

    // Too short: refused, with what was typed kept and the link still usable.
    const short = await postForm(app, link, { password: "short", repeat: "short" });
    expect(short.status).toBe(400);
    const shortDoc = parseHTML(await short.text()).document;
    expect(shortDoc.querySelector("#password")?.getAttribute("value")).toBe("short");
    expect(textOf(shortDoc.querySelector("#password-error"))).toContain("at least 10");
    const mismatch = await postForm(app, link, { password: newPassword, repeat: "other thing!" });
    expect(mismatch.status).toBe(400);
    expect(await page(mismatch)).toContain("The two passwords are not the same.");

    const saved = await postForm(app, link, { password: newPassword, repeat: newPassword });
    expect(saved.status).toBe(303);
    const here = sessionCookieFrom(saved)!;
    expect((await getAs(app, "/admin", here)).response.status).toBe(200);
    // The other session ended; the new password works, the old one not.
    expect((await getAs(app, "/admin", elsewhere)).response.status).not.toBe(200);
    expect(await passwordMatches(await ownerRow(), newPassword)).toBe(true);
    expect(await passwordMatches(await ownerRow(), password)).toBe(false);

    const again = await postForm(app, link, { password: "another long one", repeat: "x" });
    expect(again.status).toBe(410);
    expect(await page(again)).toContain("This reset link was used already");
  });

  it("refuses an expired link", async () => {
    await postForm(
      app,
      "/admin/sign-in/forgot",
      { email: owner },
      { headers: { "x-forwarded-for": "198.51.100.20" } },
    );
    await deliver();
    const link = newestLink(owner);
    await db.kysely
      .updateTable("sign_in_links")
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where("used_at", "is", null)
      .execute();
    const expired = await postForm(app, link, { password: newPassword, repeat: newPassword });
    expect(expired.status).toBe(410);
    expect(await page(expired)).toContain("This reset link has expired");
  });

  it("limits asks per address", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const ip = `198.51.100.${30 + i}`;
      const r = await postForm(
        app,
        "/admin/sign-in/forgot",
        { email: "limit@example.com" },
        { headers: { "x-forwarded-for": ip } },
      );
      statuses.push(r.status);
    }
    expect(statuses.slice(0, 3)).toEqual([200, 200, 200]);
    expect(statuses.at(-1)).toBe(429);
  });

  it("sets a password from the command line, and refuses an unknown account or a weak one", async () => {
    const env = { DATABASE_URL: db.url, CINELOG_DATA_DIR: db.mediaDir.replace(/\/media$/, "") };
    const set = await runCli(["user", "password", owner], env, "set from the shell\n");
    expect(set.code).toBe(0);
    expect(await passwordMatches(await ownerRow(), "set from the shell")).toBe(true);
    const missing = await runCli(
      ["user", "password", "ghost@example.com"],
      env,
      "long enough pass\n",
    );
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("There is no account for ghost@example.com.");
    const weak = await runCli(["user", "password", owner], env, "short\n");
    expect(weak.code).toBe(2);
    expect(weak.stderr).toContain("at least 10 characters");
    expect(await passwordMatches(await ownerRow(), "set from the shell")).toBe(true);
  });
});
