// /admin/settings/mail: the owner's SMTP settings keep what was typed on a mistake, never
// show the stored password, and the test button reports success or the server's error.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadMailSettings } from "../../src/domain/mail-settings.ts";
import { dialects } from "../support/databases.ts";
import { formState, getAs, postForm, signIn } from "../admin/admin-client.ts";
import { adminSite } from "../admin/admin-site.ts";
import { startSmtpSink, type SmtpSink } from "./smtp-sink.ts";

describe.each(dialects)("mail settings on %s", (dialect) => {
  let sink: SmtpSink;
  const secret = "s3cret-smtp-pass";
  const site = adminSite(dialect, { accounts: ["editor"], signInAs: "critic@example.com" });
  beforeAll(async () => {
    sink = await startSmtpSink({ auth: { user: "cinelog", pass: secret } });
  });
  afterAll(async () => {
    await sink.close();
  });

  const token = async () => {
    const { document } = await getAs(site.app, "/admin/settings/mail", site.cookie);
    return document.querySelector('input[name="_csrf"]')!.getAttribute("value")!;
  };
  const save = async (fields: Record<string, string>) =>
    postForm(
      site.app,
      "/admin/settings/mail",
      { ...fields, _csrf: await token() },
      { cookie: site.cookie },
    );
  const valid = () => ({
    host: "127.0.0.1",
    security: "none",
    port: String(sink.port),
    user: "cinelog",
    password: secret,
    fromName: "Cinelog journal",
    fromAddress: "journal@example.com",
  });

  it("is linked from the settings page and only the owner's", async () => {
    const settings = await getAs(site.app, "/admin/settings", site.cookie);
    expect(settings.document.querySelector('a[href="/admin/settings/mail"]')).not.toBeNull();
    const editor = await signIn(site.app, "editor@example.com");
    expect((await getAs(site.app, "/admin/settings/mail", editor)).response.status).toBe(403);
  });

  it("keeps what was typed and shows each problem next to its field", async () => {
    const response = await save({
      ...valid(),
      host: "smtp.example.com",
      port: "seventy",
      fromAddress: "",
    });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).not.toContain(secret);
    const { document } = await import("linkedom").then((l) => l.parseHTML(html));
    const form = formState(document);
    expect(form.value("host")).toBe("smtp.example.com");
    expect(form.value("port")).toBe("seventy");
    expect(form.value("user")).toBe("cinelog");
    expect(form.value("fromName")).toBe("Cinelog journal");
    expect(form.value("security")).toBe("none");
    expect(form.value("password")).toBe("");
    expect(form.error("port")).toBe("Give a port number, such as 587.");
    expect(form.error("fromAddress")).toBe("Give the address mail is sent from.");
    expect(form.error("password")).toMatch(/type it once more/);
    expect((await loadMailSettings(site.db)).host).toBe("");
  });

  it("saves, never shows the password again, and keeps it when left blank", async () => {
    const response = await save(valid());
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/admin/settings/mail?saved=1");
    const page = await getAs(site.app, "/admin/settings/mail?saved=1", site.cookie);
    expect(page.html).not.toContain(secret);
    expect(page.html).toContain("Mail settings saved.");
    expect(page.html).toContain("A password is stored");
    expect(formState(page.document).value("port")).toBe(String(sink.port));

    expect((await save({ ...valid(), password: "", fromName: "Renamed" })).status).toBe(303);
    const stored = await loadMailSettings(site.db);
    expect(stored.password).toBe(secret);
    expect(stored.fromName).toBe("Renamed");
  });

  it("sends a test message through the server, with its password", async () => {
    const response = await postForm(
      site.app,
      "/admin/settings/mail/test",
      { to: "owner-inbox@example.com", _csrf: await token() },
      { cookie: site.cookie },
    );
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("Test message sent to owner-inbox@example.com");
    const [arrived] = sink.to("owner-inbox@example.com");
    expect(arrived!.mail.subject).toBe("Test message from Cinelog");
    expect(arrived!.mail.from?.value[0]).toEqual({
      address: "journal@example.com",
      name: "Renamed",
    });
  });

  it("reports the server's error when the test fails", async () => {
    // A wrong password: the server's refusal is shown.
    expect((await save({ ...valid(), password: "wrong-password" })).status).toBe(303);
    const refused = await postForm(
      site.app,
      "/admin/settings/mail/test",
      { to: "owner-inbox@example.com", _csrf: await token() },
      { cookie: site.cookie },
    );
    expect(refused.status).toBe(502);
    const html = await refused.text();
    expect(html).toContain("The test message could not be sent");
    expect(html).toContain("Invalid user name or password");
    expect(html).toContain("EAUTH");
    // The owner can forget the stored password.
    expect((await save({ ...valid(), password: "", forgetPassword: "1" })).status).toBe(303);
    expect((await loadMailSettings(site.db)).password).toBe("");
  });
});
