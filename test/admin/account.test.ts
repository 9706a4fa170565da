// "Your account": one's own name, e-mail and password; and the owner's management of other
// accounts: edit, change role, remove (their reviews pass to the owner), never the last owner.
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseHTML } from "linkedom";
import { createReview } from "../../src/domain/reviews.ts";
import { startSession } from "../../src/domain/sessions.ts";
import {
  createUser,
  passwordMatches,
  removeAccount,
  updateAccount,
} from "../../src/domain/users.ts";
import { sessionCookieName } from "../../src/web/cookie-names.ts";
import { appFor, getPage, textOf } from "../support/app.ts";
import { dialects, openTestDb, type TestDb } from "../support/databases.ts";
import { buildFixture } from "../support/fixture.ts";
import {
  addAccount,
  csrfToken,
  formState,
  getAs,
  password,
  postForm,
  sessionCookieFrom,
  signIn,
  type App,
} from "./admin-client.ts";

async function isSignedIn(app: App, cookie: string): Promise<boolean> {
  return (await getAs(app, "/admin", cookie)).response.status === 200;
}

describe.each(dialects)("your account on %s", (dialect) => {
  let db: TestDb;
  let app: App;
  let fixture: Awaited<ReturnType<typeof buildFixture>>;
  beforeAll(async () => {
    db = await openTestDb(dialect);
    fixture = await buildFixture(db);
    await addAccount(db, "author", "sam");
    app = appFor(db);
  });
  afterAll(async () => {
    await db.dispose();
  });

  it("is linked from every admin page and shows one's own details", async () => {
    const cookie = await signIn(app, "sam@example.com");
    const dashboard = await getAs(app, "/admin", cookie);
    expect(dashboard.document.querySelector('nav a[href="/admin/account"]')).not.toBeNull();
    const { document } = await getAs(app, "/admin/account", cookie);
    expect(formState(document).value("name")).toBe("Sam Person");
    expect(formState(document).value("email")).toBe("sam@example.com");
    expect(document.querySelector('form[action="/admin/sign-out-everywhere"]')).not.toBeNull();
  });

  it("changes name and e-mail, and the public pages show the new name at once", async () => {
    const cookie = await signIn(app, "critic@example.com");
    const slug = fixture.reviews.vegasReview.slug;
    await app.request(`/review/${slug}`);
    expect((await app.request(`/review/${slug}`)).headers.get("x-cache")).toBe("HIT");
    const saved = await postForm(
      app,
      "/admin/account",
      {
        name: "Ada Lovelace-Critic",
        email: "Ada@Example.com",
        _csrf: await csrfToken(app, cookie),
      },
      { cookie },
    );
    expect(saved.status).toBe(303);
    expect(saved.headers.get("location")).toBe("/admin/account?saved=profile");
    const page = await getPage(app, `/review/${slug}`);
    expect(page.html).toContain("By Ada Lovelace-Critic");
    // The new e-mail signs in; the session went on.
    expect(await isSignedIn(app, cookie)).toBe(true);
    await signIn(app, "ada@example.com");
  });

  it("keeps what was typed and says what is wrong", async () => {
    const cookie = await signIn(app, "sam@example.com");
    const _csrf = await csrfToken(app, cookie);
    const bad = await postForm(
      app,
      "/admin/account",
      { name: " ", email: "not-an-address", _csrf },
      { cookie },
    );
    expect(bad.status).toBe(400);
    let form = formState(parseHTML(await bad.text()).document);
    expect(form.error("name")).toBe("Give your name.");
    expect(form.error("email")).toBe("Give an e-mail address you can be reached at.");
    expect(form.value("email")).toBe("not-an-address");

    const taken = await postForm(
      app,
      "/admin/account",
      { name: "Sam Renamed", email: "ada@example.com", _csrf },
      { cookie },
    );
    expect(taken.status).toBe(400);
    form = formState(parseHTML(await taken.text()).document);
    expect(form.error("email")).toBe("There is already an account for ada@example.com.");
    expect(form.value("name")).toBe("Sam Renamed");
  });

  it("changes the password with the current one, ending the other sessions", async () => {
    const here = await signIn(app, "sam@example.com");
    const elsewhere = await signIn(app, "sam@example.com");
    const _csrf = await csrfToken(app, here);
    const wrong = await postForm(
      app,
      "/admin/account/password",
      { currentPassword: "not my password", newPassword: "a brand new secret", _csrf },
      { cookie: here },
    );
    expect(wrong.status).toBe(400);
    expect(formState(parseHTML(await wrong.text()).document).error("currentPassword")).toBe(
      "That is not your current password.",
    );
    const short = await postForm(
      app,
      "/admin/account/password",
      { currentPassword: password, newPassword: "short", _csrf },
      { cookie: here },
    );
    expect(short.status).toBe(400);
    expect(formState(parseHTML(await short.text()).document).error("newPassword")).toBe(
      "A password needs at least 10 characters.",
    );
    expect(await isSignedIn(app, elsewhere)).toBe(true);

    const changed = await postForm(
      app,
      "/admin/account/password",
      { currentPassword: password, newPassword: "a brand new secret", _csrf },
      { cookie: here },
    );
    expect(changed.status).toBe(303);
    expect(await isSignedIn(app, here)).toBe(true);
    expect(await isSignedIn(app, elsewhere)).toBe(false);
    const old = await postForm(app, "/admin/sign-in", { email: "sam@example.com", password });
    expect(old.status).toBe(401);
    await signIn(app, "sam@example.com", "a brand new secret");
  });

  it("lets an account without a password (signed in by passkey) set its first", async () => {
    const user = await createUser(db, {
      email: "kit@example.com",
      displayName: "Kit Keyonly",
      role: "author",
      password: null,
    });
    const { token } = await startSession(db, user.id, "test");
    const cookie = `${sessionCookieName}=${token}`;
    const page = await getAs(app, "/admin/account", cookie);
    expect(textOf(page.document.querySelector("#password-title"))).toBe("Set a password");
    expect(page.document.querySelector("#currentPassword")).toBeNull();
    const set = await postForm(
      app,
      "/admin/account/password",
      { newPassword: "my first password", _csrf: await csrfToken(app, cookie) },
      { cookie },
    );
    expect(set.status).toBe(303);
    await signIn(app, "kit@example.com", "my first password");
  });

  it("counts wrong current passwords like failed sign-ins", async () => {
    await addAccount(db, "editor", "lou");
    const cookie = await signIn(app, "lou@example.com");
    const _csrf = await csrfToken(app, cookie);
    const attempt = (currentPassword: string) =>
      postForm(
        app,
        "/admin/account/password",
        { currentPassword, newPassword: "another long secret", _csrf },
        { cookie },
      );
    for (let i = 0; i < 5; i++) expect((await attempt(`guess ${i}`)).status).toBe(400);
    const locked = await attempt(password);
    expect(locked.status).toBe(400);
    expect(formState(parseHTML(await locked.text()).document).error("currentPassword")).toBe(
      "Too many attempts, try again in 15 minutes.",
    );
    // Nothing changed: the old password is still the one.
    const row = await db.kysely
      .selectFrom("users")
      .selectAll()
      .where("email", "=", "lou@example.com")
      .executeTakeFirstOrThrow();
    expect(await passwordMatches(row, password)).toBe(true);
  });
});

describe.each(dialects)("the owner's accounts on %s", (dialect) => {
  let db: TestDb;
  let app: App;
  let owner: string;
  let ownerId: number;
  beforeAll(async () => {
    db = await openTestDb(dialect);
    const f = await buildFixture(db);
    ownerId = f.author.id;
    app = appFor(db);
    owner = await signIn(app, "critic@example.com");
  });
  afterAll(async () => {
    await db.dispose();
  });

  it("edits another account's name, e-mail and role, and a new role ends their sessions", async () => {
    const writer = await addAccount(db, "author", "wes");
    const theirs = await signIn(app, "wes@example.com");
    const list = await getAs(app, "/admin/users", owner);
    expect(list.document.querySelector(`a[href="/admin/users/${writer.id}/edit"]`)).not.toBeNull();
    const page = await getAs(app, `/admin/users/${writer.id}/edit`, owner);
    expect(formState(page.document).value("role")).toBe("author");
    const _csrf = await csrfToken(app, owner);

    const sameRole = await postForm(
      app,
      `/admin/users/${writer.id}/edit`,
      { name: "Wes Writer", email: "wes@example.com", role: "author", _csrf },
      { cookie: owner },
    );
    expect(sameRole.status).toBe(303);
    expect(await isSignedIn(app, theirs)).toBe(true);

    const promoted = await postForm(
      app,
      `/admin/users/${writer.id}/edit`,
      { name: "Wes Writer", email: "wes@films.example", role: "editor", _csrf },
      { cookie: owner },
    );
    expect(promoted.status).toBe(303);
    expect(await isSignedIn(app, theirs)).toBe(false);
    const rows = [
      ...(await getAs(app, "/admin/users", owner)).document.querySelectorAll("tbody tr"),
    ].map((tr) => [...tr.querySelectorAll("td")].slice(0, 3).map((td) => textOf(td)));
    expect(rows).toContainEqual(["Wes Writer", "wes@films.example", "editor"]);
    const again = await signIn(app, "wes@films.example");
    expect((await getAs(app, "/admin/reviews/1/edit", again)).response.status).toBe(200);

    const bad = await postForm(
      app,
      `/admin/users/${writer.id}/edit`,
      { name: "Wes Kept", email: "critic@example.com", role: "contributor", _csrf },
      { cookie: owner },
    );
    expect(bad.status).toBe(400);
    const form = formState(parseHTML(await bad.text()).document);
    expect(form.error("email")).toBe("There is already an account for critic@example.com.");
    expect(form.value("name")).toBe("Wes Kept");
    expect(form.value("role")).toBe("contributor");
    expect((await getAs(app, "/admin/users/999999/edit", owner)).response.status).toBe(404);
  });

  it("never demotes the last owner", async () => {
    const _csrf = await csrfToken(app, owner);
    const refused = await postForm(
      app,
      `/admin/users/${ownerId}/edit`,
      { name: "Ada Critic", email: "critic@example.com", role: "editor", _csrf },
      { cookie: owner },
    );
    expect(refused.status).toBe(400);
    const form = formState(parseHTML(await refused.text()).document);
    expect(form.error("role")).toContain("only owner");
    expect(form.value("role")).toBe("editor");
    expect(await isSignedIn(app, owner)).toBe(true);
    const outcome = await updateAccount(db, ownerId, {
      email: "critic@example.com",
      displayName: "Ada Critic",
      role: "author",
    });
    expect(outcome.ok).toBe(false);
    const row = await db.kysely
      .selectFrom("users")
      .select("role")
      .where("id", "=", ownerId)
      .executeTakeFirstOrThrow();
    expect(row.role).toBe("owner");
  });

  it("keeps an owner when two owners demote each other at the same moment", async () => {
    const one = await addAccount(db, "owner", "una");
    const two = await addAccount(db, "owner", "duo");
    // With the fixture's owner set aside for the moment, these two are the only owners.
    const demote = (id: number, email: string) =>
      updateAccount(db, id, { email, displayName: "Racing Owner", role: "editor" });
    await db.kysely
      .updateTable("users")
      .set({ role: "editor" })
      .where("id", "=", ownerId)
      .execute();
    if (dialect === "postgres") {
      // Open the pool's connections first, so the two transactions really run side by side.
      await Promise.all([1, 2, 3, 4].map(() => sql`select pg_sleep(0.05)`.execute(db.kysely)));
    }
    try {
      const outcomes = await Promise.all([
        demote(one.id, "una@example.com"),
        demote(two.id, "duo@example.com"),
      ]);
      expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
      const owners = await db.kysely
        .selectFrom("users")
        .select("id")
        .where("role", "=", "owner")
        .execute();
      expect(owners).toHaveLength(1);
    } finally {
      await db.kysely
        .updateTable("users")
        .set({ role: "owner" })
        .where("id", "=", ownerId)
        .execute();
      await db.kysely
        .updateTable("users")
        .set({ role: "editor" })
        .where("id", "in", [one.id, two.id])
        .execute();
    }
  });

  it("lets an owner step down once another owner exists, signing them out", async () => {
    const second = await addAccount(db, "owner", "otto");
    const ottoCookie = await signIn(app, "otto@example.com");
    const response = await postForm(
      app,
      `/admin/users/${second.id}/edit`,
      {
        name: "Otto Person",
        email: "otto@example.com",
        role: "editor",
        _csrf: await csrfToken(app, ottoCookie),
      },
      { cookie: ottoCookie },
    );
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/admin/sign-in");
    expect(await isSignedIn(app, ottoCookie)).toBe(false);
  });

  it("removes an account after a confirmation, passing its reviews to the owner", async () => {
    const leaver = await addAccount(db, "author", "lee");
    const f = await db.kysely.selectFrom("films").select("id").executeTakeFirstOrThrow();
    const review = await createReview(db, {
      filmId: f.id,
      authorId: leaver.id,
      body: "Written by Lee.",
      status: "published",
      slug: "lee-writes",
    });
    await createReview(db, { filmId: f.id, authorId: leaver.id, body: "Draft.", status: "draft" });
    const theirs = await signIn(app, "lee@example.com");
    expect((await getPage(app, "/review/lee-writes")).html).toContain("By Lee Person");

    const edit = await getAs(app, `/admin/users/${leaver.id}/edit`, owner);
    expect(
      edit.document.querySelector(`a[href="/admin/users/${leaver.id}/remove"]`),
    ).not.toBeNull();
    const confirm = await getAs(app, `/admin/users/${leaver.id}/remove`, owner);
    expect(confirm.response.status).toBe(200);
    const text = textOf(confirm.document.querySelector("main"));
    expect(text).toContain("Their 2 reviews");
    expect(text).toContain("credited to you (Ada Critic)");

    const removed = await postForm(
      app,
      `/admin/users/${leaver.id}/remove`,
      { _csrf: await csrfToken(app, owner) },
      { cookie: owner },
    );
    expect(removed.status).toBe(303);
    expect(removed.headers.get("location")).toBe("/admin/users?removed=lee%40example.com");
    expect(await isSignedIn(app, theirs)).toBe(false);
    const authors = await db.kysely
      .selectFrom("reviews")
      .select("author_id")
      .where("body_md", "in", ["Written by Lee.", "Draft."])
      .execute();
    expect(authors.map((a) => a.author_id)).toEqual([ownerId, ownerId]);
    expect((await getPage(app, `/review/${review.slug}`)).html).toContain("By Ada Critic");
    const gone = await postForm(app, "/admin/sign-in", { email: "lee@example.com", password });
    expect(gone.status).toBe(401);
    expect(sessionCookieFrom(gone)).toBeUndefined();
    expect((await getAs(app, `/admin/users/${leaver.id}/remove`, owner)).response.status).toBe(404);
  });

  it("never removes one's own account nor the last owner", async () => {
    const self = await getAs(app, `/admin/users/${ownerId}/remove`, owner);
    expect(self.response.status).toBe(409);
    expect(self.document.querySelector(`form[action="/admin/users/${ownerId}/remove"]`)).toBeNull();
    const ownEdit = await getAs(app, `/admin/users/${ownerId}/edit`, owner);
    expect(ownEdit.document.querySelector(`a[href="/admin/users/${ownerId}/remove"]`)).toBeNull();
    const forced = await postForm(
      app,
      `/admin/users/${ownerId}/remove`,
      { _csrf: await csrfToken(app, owner) },
      { cookie: owner },
    );
    expect(forced.status).toBe(409);
    expect(await isSignedIn(app, owner)).toBe(true);

    // Whoever asks, the only owner stays (the domain rule, beyond what the pages offer).
    const editor = await addAccount(db, "editor", "eve");
    const outcome = await removeAccount(db, ownerId, editor.id);
    expect(outcome).toMatchObject({ ok: false, field: "account" });
    const owners = await db.kysely
      .selectFrom("users")
      .select("id")
      .where("role", "=", "owner")
      .execute();
    expect(owners.map((o) => o.id)).toEqual([ownerId]);
  });

  it("keeps other roles out of others' accounts", async () => {
    const editor = await signIn(app, "eve@example.com");
    expect((await getAs(app, `/admin/users/${ownerId}/edit`, editor)).response.status).toBe(403);
    const forged = await postForm(
      app,
      `/admin/users/${ownerId}/remove`,
      { _csrf: await csrfToken(app, editor) },
      { cookie: editor },
    );
    expect(forged.status).toBe(403);
    expect(await isSignedIn(app, owner)).toBe(true);
  });
});
