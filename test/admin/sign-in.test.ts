// Signing in and out: the session cookie, the generic refusal, lockout, sign out everywhere,
// and the one-time setup link.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sessionIdOf } from "../../src/domain/sessions.ts";
import { createSetupToken } from "../../src/domain/setup-link.ts";
import { appFor, textOf } from "../support/app.ts";
import { dialects, openTestDb, type TestDb } from "../support/databases.ts";
import {
  addAccount,
  csrfToken,
  getAs,
  password,
  postForm,
  sessionCookieFrom,
  signIn,
  type App,
} from "./admin-client.ts";

describe.each(dialects)("signing in on %s", (dialect) => {
  let db: TestDb;
  let app: App;
  beforeAll(async () => {
    db = await openTestDb(dialect);
    await addAccount(db, "owner");
    await addAccount(db, "author");
    await addAccount(db, "editor", "locked");
    await addAccount(db, "editor");
    app = appFor(db);
  });
  afterAll(async () => {
    await db.dispose();
  });

  it("signs in with the right password and sets a well-made cookie", async () => {
    const response = await postForm(app, "/admin/sign-in", {
      email: "Owner@Example.com",
      password,
    });
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/admin");
    const cookie = response.headers.get("set-cookie")!;
    expect(cookie).toMatch(/^cinelog_session=[\w-]{43};/);
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("SameSite=Lax");
    expect(cookie).toContain("Path=/");
    expect(cookie).toContain("Max-Age=2592000");
    expect(cookie).not.toContain("Secure");

    const dashboard = await getAs(app, "/admin", sessionCookieFrom(response));
    expect(dashboard.response.status).toBe(200);
    expect(dashboard.response.headers.get("cache-control")).toBe("private, no-store");
    expect(textOf(dashboard.document.querySelector("h1"))).toBe("Hello, Owner Person");
  });

  it("marks the cookie Secure when the site is served over https", async () => {
    const secureApp = appFor(db, { siteUrl: "https://films.example.org" });
    const response = await postForm(
      secureApp,
      "/admin/sign-in",
      { email: "owner@example.com", password },
      { headers: { origin: "https://films.example.org" } },
    );
    expect(response.status).toBe(303);
    expect(response.headers.get("set-cookie")).toContain("Secure");
  });

  it("stores only a hash of the token", async () => {
    const cookie = await signIn(app, "author@example.com");
    const token = cookie.split("=")[1]!;
    const rows = await db.kysely.selectFrom("sessions").select("id").execute();
    expect(rows.some((r) => r.id === token)).toBe(false);
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.id))).toBe(true);
  });

  it("refuses a wrong password and an unknown email alike, keeping the email typed", async () => {
    const wrong = await postForm(app, "/admin/sign-in", {
      email: "author@example.com",
      password: "not the password",
    });
    const unknown = await postForm(app, "/admin/sign-in", {
      email: "nobody@example.com",
      password: "not the password",
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const wrongHtml = await wrong.text();
    const unknownHtml = await unknown.text();
    expect(wrongHtml).toContain("That email and password do not match an account.");
    expect(wrongHtml.replace("author@example.com", "X")).toBe(
      unknownHtml.replace("nobody@example.com", "X"),
    );
    expect(wrongHtml).toContain('value="author@example.com"');
    expect(wrong.headers.get("set-cookie")).toBeNull();
  });

  it("locks an account after 5 failures, even against the right password", async () => {
    for (let i = 0; i < 5; i++) {
      const r = await postForm(app, "/admin/sign-in", {
        email: "locked@example.com",
        password: `wrong ${i}`,
      });
      expect(r.status).toBe(401);
    }
    const locked = await postForm(app, "/admin/sign-in", {
      email: "locked@example.com",
      password,
    });
    expect(locked.status).toBe(429);
    expect(locked.headers.get("set-cookie")).toBeNull();
    expect(Number(locked.headers.get("retry-after"))).toBeGreaterThan(800);
    expect(await locked.text()).toContain("Too many attempts, try again in 15 minutes.");
    // Other accounts are not affected.
    await signIn(app, "editor@example.com");
  });

  it("unlocks once the failures are older than 15 minutes", async () => {
    const old = new Date(Date.now() - 16 * 60 * 1000).toISOString();
    await db.kysely
      .updateTable("sign_in_attempts")
      .set({ at: old })
      .where("key", "like", "email:locked@example.com|%")
      .execute();
    await signIn(app, "locked@example.com");
  });

  it("limits one address to 20 failures across accounts", async () => {
    await db.kysely.deleteFrom("sign_in_attempts").execute();
    for (let i = 0; i < 20; i++) {
      await postForm(app, "/admin/sign-in", { email: `guess${i}@example.com`, password: "x" });
    }
    const blocked = await postForm(app, "/admin/sign-in", {
      email: "owner@example.com",
      password,
    });
    expect(blocked.status).toBe(429);
    await db.kysely.deleteFrom("sign_in_attempts").execute();
  });

  it("signs out one session, or every session of the person", async () => {
    const first = await signIn(app, "author@example.com");
    const second = await signIn(app, "author@example.com");
    const out = await postForm(
      app,
      "/admin/sign-out",
      {
        _csrf: await csrfToken(app, first),
      },
      { cookie: first },
    );
    expect(out.status).toBe(303);
    expect(out.headers.get("set-cookie")).toMatch(/cinelog_session=;/);
    expect((await getAs(app, "/admin", first)).response.status).toBe(303);
    expect((await getAs(app, "/admin", second)).response.status).toBe(200);

    const third = await signIn(app, "author@example.com");
    const everywhere = await postForm(
      app,
      "/admin/sign-out-everywhere",
      { _csrf: await csrfToken(app, third) },
      { cookie: third },
    );
    expect(everywhere.status).toBe(303);
    expect((await getAs(app, "/admin", second)).response.status).toBe(303);
    expect((await getAs(app, "/admin", third)).response.status).toBe(303);
    const left = await db.kysely
      .selectFrom("sessions")
      .innerJoin("users", "users.id", "sessions.user_id")
      .select("sessions.id")
      .where("users.email", "=", "author@example.com")
      .execute();
    expect(left).toEqual([]);
  });

  it("forgets an expired session", async () => {
    const cookie = await signIn(app, "author@example.com");
    await db.kysely
      .updateTable("sessions")
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .execute();
    const page = await getAs(app, "/admin", cookie);
    expect(page.response.status).toBe(303);
    expect(page.response.headers.get("location")).toBe("/admin/sign-in?next=%2Fadmin");
  });

  it("slides the expiry of a session in use", async () => {
    const cookie = await signIn(app, "author@example.com");
    const soon = new Date(Date.now() + 60_000).toISOString();
    const hourAgo = new Date(Date.now() - 2 * 3600_000).toISOString();
    const id = sessionIdOf(cookie.split("=")[1]!);
    await db.kysely
      .updateTable("sessions")
      .set({ expires_at: soon, last_seen_at: hourAgo })
      .where("id", "=", id)
      .execute();
    const page = await getAs(app, "/admin", cookie);
    expect(page.response.status).toBe(200);
    expect(page.response.headers.get("set-cookie")).toContain("Max-Age=2592000");
    const row = await db.kysely
      .selectFrom("sessions")
      .select("expires_at")
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(Date.parse(row.expires_at)).toBeGreaterThan(Date.now() + 29 * 24 * 3600_000);
  });

  it("goes back to the page asked for after signing in, never to another host", async () => {
    const r = await postForm(app, "/admin/sign-in", {
      email: "owner@example.com",
      password,
      next: "/admin/reviews",
    });
    expect(r.headers.get("location")).toBe("/admin/reviews");
    const evil = await postForm(app, "/admin/sign-in", {
      email: "owner@example.com",
      password,
      next: "//evil.example/admin",
    });
    expect(evil.headers.get("location")).toBe("/admin");
  });
});

describe.each(dialects)("the setup link on %s", (dialect) => {
  let db: TestDb;
  let app: App;
  beforeAll(async () => {
    db = await openTestDb(dialect);
    app = appFor(db);
  });
  afterAll(async () => {
    await db.dispose();
  });

  it("refuses a forged or expired link", async () => {
    const good = await createSetupToken(db);
    const forged = good.replace(/\.(.)/, (_, c: string) => `.${c === "a" ? "b" : "a"}`);
    expect((await getAs(app, `/admin/setup/${forged}`)).response.status).toBe(404);
    const expired = await createSetupToken(db, Date.now() - 25 * 3600_000);
    expect((await getAs(app, `/admin/setup/${expired}`)).response.status).toBe(404);
  });

  it("creates the owner once, signs them in, then leads nowhere", async () => {
    const token = await createSetupToken(db);
    const page = await getAs(app, `/admin/setup/${token}`);
    expect(page.response.status).toBe(200);

    const short = await postForm(app, `/admin/setup/${token}`, {
      email: "first@example.com",
      name: "First Owner",
      password: "short",
    });
    expect(short.status).toBe(400);
    const shortHtml = await short.text();
    expect(shortHtml).toContain("A password needs at least 10 characters.");
    expect(shortHtml).toContain('value="First Owner"');

    const created = await postForm(app, `/admin/setup/${token}`, {
      email: "first@example.com",
      name: "First Owner",
      password,
    });
    expect(created.status).toBe(303);
    const cookie = sessionCookieFrom(created);
    expect((await getAs(app, "/admin/settings", cookie)).response.status).toBe(200);

    expect((await getAs(app, `/admin/setup/${token}`)).response.status).toBe(404);
    const again = await postForm(app, `/admin/setup/${token}`, {
      email: "second@example.com",
      name: "Intruder",
      password,
    });
    expect(again.status).toBe(404);
    const owners = await db.kysely.selectFrom("users").select("email").execute();
    expect(owners).toEqual([{ email: "first@example.com" }]);
  });
});
