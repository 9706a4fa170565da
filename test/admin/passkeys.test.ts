// Passkeys, server side: registering one from "Your account", signing in with it (no e-mail),
// single-use and expiring challenges, the exact origin, the rate limit, and removal. A
// software authenticator with a real key pair answers the ceremonies.
import type {
  PublicKeyCredentialCreationOptionsJSON as CreationOptions,
  PublicKeyCredentialRequestOptionsJSON as RequestOptions,
} from "@simplewebauthn/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseHTML } from "linkedom";
import { appFor, textOf } from "../support/app.ts";
import { dialects, openTestDb, type TestDb } from "../support/databases.ts";
import {
  addAccount,
  csrfToken,
  formState,
  getAs,
  postForm,
  sessionCookieFrom,
  signIn,
  type App,
} from "./admin-client.ts";
import { SoftAuthenticator } from "./passkey-authenticator.ts";

// In-process requests arrive at http://localhost; with SITE_URL at its default, that is the
// relying party.
const origin = "http://localhost";

describe.each(dialects)("passkeys on %s", (dialect) => {
  let db: TestDb;
  let app: App;
  let cookie: string;
  const authenticator = new SoftAuthenticator(origin);

  beforeAll(async () => {
    db = await openTestDb(dialect);
    await addAccount(db, "author", "pat");
    await addAccount(db, "editor", "other");
    app = appFor(db);
    cookie = await signIn(app, "pat@example.com");
  });
  afterAll(async () => {
    await db.dispose();
  });

  async function registrationOptions(as = cookie) {
    const _csrf = await csrfToken(app, as, "/admin/account");
    const response = await postForm(
      app,
      "/admin/account/passkeys/options",
      { _csrf },
      { cookie: as },
    );
    expect(response.status).toBe(200);
    return { _csrf, options: (await response.json()) as CreationOptions };
  }

  async function signInOptions() {
    const response = await postForm(app, "/admin/sign-in/passkey/options", {});
    expect(response.status).toBe(200);
    return (await response.json()) as RequestOptions;
  }

  it("hides the passkey forms from pages without the script, and loads the script", async () => {
    const signInPage = await getAs(app, "/admin/sign-in");
    const section = signInPage.document.querySelector(".passkey-sign-in");
    expect(section?.hasAttribute("hidden")).toBe(true);
    expect(textOf(section?.querySelector("button"))).toBe("Sign in with a passkey");
    expect(signInPage.document.querySelector('script[src^="/assets/passkeys."]')).not.toBeNull();
    const account = await getAs(app, "/admin/account", cookie);
    expect(account.document.querySelector(".passkey-add")?.hasAttribute("hidden")).toBe(true);
    expect(textOf(account.document.querySelector(".passkey-table"))).toBe("");
  });

  it("registers a named passkey from the account page", async () => {
    const { _csrf, options } = await registrationOptions();
    expect(options.rp.id).toBe("localhost");
    expect(options.user.name).toBe("pat@example.com");
    expect(options.authenticatorSelection).toMatchObject({
      residentKey: "required",
      userVerification: "required",
    });
    const credential = authenticator.register(options);
    const added = await postForm(
      app,
      "/admin/account/passkeys",
      { passkeyName: "Laptop", credential, _csrf },
      { cookie },
    );
    expect(added.status).toBe(303);
    expect(added.headers.get("location")).toBe("/admin/account?saved=passkey-added");
    const page = await getAs(app, "/admin/account?saved=passkey-added", cookie);
    expect(textOf(page.document.querySelector(".form-notice"))).toContain("Passkey added");
    const cells = [...page.document.querySelectorAll(".passkey-table tbody td")].map(textOf);
    expect(cells[0]).toBe("Laptop");
    expect(cells[2]).toBe("Never");

    // The same answer again: its challenge is spent.
    const replay = await postForm(
      app,
      "/admin/account/passkeys",
      { passkeyName: "Laptop again", credential, _csrf },
      { cookie },
    );
    expect(replay.status).toBe(400);
    const { document } = parseHTML(await replay.text());
    expect(textOf(document.querySelector("[data-passkey-error]"))).toContain("not added");
    expect(formState(document).value("passkeyName")).toBe("Laptop again");
  });

  it("refuses a passkey made for another origin, or another person's challenge", async () => {
    const other = new SoftAuthenticator(origin);
    const { _csrf, options } = await registrationOptions();
    const wrongOrigin = other.register(options, { origin: "http://localhost:4000" });
    const refused = await postForm(
      app,
      "/admin/account/passkeys",
      { passkeyName: "Phished", credential: wrongOrigin, _csrf },
      { cookie },
    );
    expect(refused.status).toBe(400);

    // A challenge issued to another account cannot add a passkey to this one.
    const otherCookie = await signIn(app, "other@example.com");
    const theirs = await registrationOptions(otherCookie);
    const stolen = await postForm(
      app,
      "/admin/account/passkeys",
      { passkeyName: "Stolen", credential: other.register(theirs.options), _csrf },
      { cookie },
    );
    expect(stolen.status).toBe(400);
    const count = await db.kysely
      .selectFrom("passkeys")
      .select((eb) => eb.fn.countAll().as("n"))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);
  });

  it("keeps the name and explains when the name is missing", async () => {
    const { _csrf } = await registrationOptions();
    const response = await postForm(
      app,
      "/admin/account/passkeys",
      { passkeyName: "  ", credential: "{}", _csrf },
      { cookie },
    );
    expect(response.status).toBe(400);
    const { document } = parseHTML(await response.text());
    expect(formState(document).error("passkeyName")).toBe("Give the passkey a name.");
  });

  it("signs in with the passkey alone, to the same kind of session", async () => {
    const options = await signInOptions();
    expect(options.rpId).toBe("localhost");
    expect(options.allowCredentials).toEqual([]);
    expect(options.userVerification).toBe("required");
    const credential = authenticator.assert(options);
    const response = await postForm(app, "/admin/sign-in/passkey", {
      credential,
      next: "/admin/reviews",
    });
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/admin/reviews");
    const setCookie = response.headers.get("set-cookie")!;
    expect(setCookie).toContain("HttpOnly");
    expect(setCookie).toContain("SameSite=Lax");
    const passkeyCookie = sessionCookieFrom(response)!;
    const dashboard = await getAs(app, "/admin", passkeyCookie);
    expect(textOf(dashboard.document.querySelector("h1"))).toBe("Hello, Pat Person");
    const account = await getAs(app, "/admin/account", passkeyCookie);
    const cells = [...account.document.querySelectorAll(".passkey-table tbody td")].map(textOf);
    expect(cells[2]).not.toBe("Never");

    // Replayed: the challenge was single-use.
    const replay = await postForm(app, "/admin/sign-in/passkey", { credential, next: "/admin" });
    expect(replay.status).toBe(401);
    expect(sessionCookieFrom(replay)).toBeUndefined();
    const page = parseHTML(await replay.text()).document;
    expect(textOf(page.querySelector(".form-error"))).toContain("did not sign you in");
  });

  it("refuses another origin, an expired challenge and an unknown passkey", async () => {
    const wrongOrigin = authenticator.assert(await signInOptions(), {
      origin: "https://evil.example",
    });
    expect(
      (await postForm(app, "/admin/sign-in/passkey", { credential: wrongOrigin })).status,
    ).toBe(401);

    const stale = await signInOptions();
    await db.kysely
      .updateTable("webauthn_challenges")
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where("challenge", "=", stale.challenge)
      .execute();
    const late = authenticator.assert(stale);
    expect((await postForm(app, "/admin/sign-in/passkey", { credential: late })).status).toBe(401);

    const stranger = new SoftAuthenticator(origin);
    const unknown = stranger.assert(await signInOptions());
    expect((await postForm(app, "/admin/sign-in/passkey", { credential: unknown })).status).toBe(
      401,
    );
    expect((await postForm(app, "/admin/sign-in/passkey", { credential: "nonsense" })).status).toBe(
      401,
    );
  });

  it("uses SITE_URL's host and exact origin when SITE_URL is set", async () => {
    const site = appFor(db, { siteUrl: "https://films.example.org" });
    const response = await postForm(site, "/admin/sign-in/passkey/options", {});
    const options = (await response.json()) as RequestOptions;
    expect(options.rpId).toBe("films.example.org");
    // Signed for the right RP ID but reported from the address the request came to: refused.
    const fromRequestOrigin = authenticator.assert(options, { origin });
    expect(
      (await postForm(site, "/admin/sign-in/passkey", { credential: fromRequestOrigin })).status,
    ).toBe(401);
  });

  it("removes a passkey after a confirmation, and it signs nobody in afterwards", async () => {
    const account = await getAs(app, "/admin/account", cookie);
    const href = account.document.querySelector(".passkey-table a")!.getAttribute("href")!;
    expect(href).toMatch(/^\/admin\/account\/passkeys\/\d+\/remove$/);
    const confirm = await getAs(app, href, cookie);
    expect(textOf(confirm.document.querySelector("h1"))).toBe("Remove the passkey “Laptop”?");

    // Nobody else can remove it, nor see it.
    const otherCookie = await signIn(app, "other@example.com");
    expect((await getAs(app, href, otherCookie)).response.status).toBe(404);
    const otherToken = await csrfToken(app, otherCookie);
    expect((await postForm(app, href, { _csrf: otherToken }, { cookie: otherCookie })).status).toBe(
      404,
    );

    const removed = await postForm(app, href, { _csrf: await csrfToken(app, cookie) }, { cookie });
    expect(removed.status).toBe(303);
    const after = await getAs(app, "/admin/account", cookie);
    expect(after.document.querySelector(".passkey-table")).toBeNull();
    const credential = authenticator.assert(await signInOptions());
    expect((await postForm(app, "/admin/sign-in/passkey", { credential })).status).toBe(401);
  });
});

describe.each(dialects)("passkey sign-in limits on %s", (dialect) => {
  let db: TestDb;
  let app: App;
  const authenticator = new SoftAuthenticator(origin);

  beforeAll(async () => {
    db = await openTestDb(dialect);
    await addAccount(db, "owner", "kim");
    app = appFor(db);
    const cookie = await signIn(app, "kim@example.com");
    const _csrf = await csrfToken(app, cookie, "/admin/account");
    const response = await postForm(app, "/admin/account/passkeys/options", { _csrf }, { cookie });
    const options = (await response.json()) as CreationOptions;
    const added = await postForm(
      app,
      "/admin/account/passkeys",
      { passkeyName: "Phone", credential: authenticator.register(options), _csrf },
      { cookie },
    );
    expect(added.status).toBe(303);
  });
  afterAll(async () => {
    await db.dispose();
  });

  const tryPasskey = async (credential: string) =>
    postForm(app, "/admin/sign-in/passkey", { credential });
  const options = async () =>
    (await (await postForm(app, "/admin/sign-in/passkey/options", {})).json()) as RequestOptions;

  it("counts failures against the account, but a password lockout does not stop its passkey", async () => {
    // A failed passkey counts like a wrong password: with 4 wrong passwords, the account locks.
    const forged = authenticator.assert(await options(), { origin: "https://evil.example" });
    expect((await tryPasskey(forged)).status).toBe(401);
    for (let i = 0; i < 4; i++) {
      await postForm(app, "/admin/sign-in", { email: "kim@example.com", password: "wrong one" });
    }
    const locked = await postForm(app, "/admin/sign-in", {
      email: "kim@example.com",
      password: "correct horse battery",
    });
    expect(locked.status).toBe(429);
    // The passkey cannot be guessed, so the owner still gets in with it.
    const response = await tryPasskey(authenticator.assert(await options()));
    expect(response.status).toBe(303);
    // ... which forgets the account's failures: the password works again.
    expect(
      (
        await postForm(app, "/admin/sign-in", {
          email: "kim@example.com",
          password: "correct horse battery",
        })
      ).status,
    ).toBe(303);
  });

  it("locks the address after too many failures, for passkeys and passwords alike", async () => {
    // Every in-process request shares one address; 5 failures so far are counted against it.
    const valid = authenticator.assert(await options());
    for (let i = 0; i < 20; i++) await tryPasskey(`{"id":"made-up-${i}"}`);
    // Even a good passkey is turned away from a locked address, and so is the right password.
    const locked = await tryPasskey(valid);
    expect(locked.status).toBe(429);
    const password = await postForm(app, "/admin/sign-in", {
      email: "kim@example.com",
      password: "correct horse battery",
    });
    expect(password.status).toBe(429);
    expect(locked.headers.get("retry-after")).toMatch(/^\d+$/);
    const page = parseHTML(await locked.text()).document;
    expect(textOf(page.querySelector(".form-error"))).toMatch(/Too many attempts/);
    const optionsResponse = await postForm(app, "/admin/sign-in/passkey/options", {});
    expect(optionsResponse.status).toBe(429);
    expect(((await optionsResponse.json()) as { error: string }).error).toMatch(
      /Too many attempts/,
    );
  });

  it("answers at most 60 challenge requests per address in the window", async () => {
    // A fresh site: the address is not locked by failures, only by asking too often.
    const fresh = await openTestDb(dialect);
    try {
      const site = appFor(fresh);
      for (let i = 0; i < 60; i++) {
        const ok = await postForm(site, "/admin/sign-in/passkey/options", {});
        expect(ok.status, `request ${i + 1}`).toBe(200);
      }
      const refused = await postForm(site, "/admin/sign-in/passkey/options", {});
      expect(refused.status).toBe(429);
      expect(refused.headers.get("retry-after")).toMatch(/^\d+$/);
      const stored = await fresh.kysely
        .selectFrom("webauthn_challenges")
        .select((eb) => eb.fn.countAll().as("n"))
        .executeTakeFirstOrThrow();
      expect(Number(stored.n)).toBe(60);
    } finally {
      await fresh.dispose();
    }
  });
});
