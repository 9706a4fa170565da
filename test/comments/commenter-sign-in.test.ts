// Commenter sign-in over HTTP, against a real OpenID Provider on 127.0.0.1: the comment
// typed before leaving comes back, the comment is posted as the account (and held to the
// guests' rules), the session is the reader's own and opens nothing in /admin, and the page
// cache never shares a signed-in reader's page. Failures: commenter-sign-in-failures.test.ts.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { parseHTML } from "linkedom";
import { beforeAll, describe, expect, it } from "vitest";
import { commentById, createComment } from "../../src/domain/comments.ts";
import { messages as commentMessages } from "../../src/web/public/comment-refusals.ts";
import { appFor, textOf } from "../support/app.ts";
import { dialects, type TestDb } from "../support/databases.ts";
import type { StartedIdentityProvider } from "../support/identity-provider.ts";
import {
  authorizationUrlOf,
  CookieJar,
  page,
  pageWith,
  postToStart,
  signInSite,
  signInThrough,
  site,
  typed,
  type App,
} from "./commenter-sign-in-client.ts";
import { commentIdFrom, textareaValue, tokenFor } from "./post-comment.ts";

describe.each(dialects)("commenter sign-in on %s", (dialect) => {
  const s = signInSite(dialect);
  let db: TestDb;
  let app: App;
  let idp: StartedIdentityProvider;
  let vegas: { id: number; slug: string };
  beforeAll(() => ({ db, app, idp, vegas } = s));
  it("offers each enabled provider as a button of the comment form", async () => {
    const { document } = await pageWith(app, page, new CookieJar());
    const form = document.querySelector("#commentform")!;
    expect(textOf(form.querySelector(".comment-sign-in legend"))).toBe(
      "Fill in your details below or click an icon to log in:",
    );
    const buttons = [...form.querySelectorAll("button.sign-in-provider")];
    expect(buttons.map((b) => b.getAttribute("formaction"))).toEqual([
      "/auth/github/start",
      "/auth/mastodon/start",
      "/auth/oidc/start",
    ]);
    // Heard as "Log in with GitHub", seen as "GitHub".
    expect(buttons.map((b) => textOf(b))).toContain("Log in with GitHub");
    expect(buttons.every((b) => b.hasAttribute("formnovalidate"))).toBe(true);
    // The buttons come before the guest fields, and the form still posts a comment on Enter.
    const html = form.outerHTML;
    expect(html.indexOf("sign-in-provider")).toBeLessThan(html.indexOf('name="name"'));
    expect(form.querySelector("button")?.textContent).toBe("Post Comment");
  });

  it("sends the reader to the provider with state, PKCE and nonce, and keeps the draft", async () => {
    const jar = new CookieJar();
    const start = await postToStart(app, db, vegas, "oidc", jar, { comment: typed });
    const url = await authorizationUrlOf(start);
    expect(url.origin).toBe(idp.origin);
    const q = url.searchParams;
    expect(q.get("redirect_uri")).toBe(`${site}/auth/oidc/callback`);
    expect(q.get("code_challenge_method")).toBe("S256");
    expect(q.get("code_challenge")).toMatch(/^[\w-]{43}$/);
    expect(q.get("nonce")).toMatch(/^[\w-]{20,}$/);
    const state = q.get("state")!;
    const row = await db.kysely
      .selectFrom("pending_sign_ins")
      .selectAll()
      .where("state", "=", state)
      .executeTakeFirstOrThrow();
    expect((JSON.parse(row.draft) as { comment: string }).comment).toBe(typed);
    expect(row.return_path).toBe(page);
    expect(jar.header()).toContain(`cinelog_signin_state=${state}`);
  });

  it("signs in, brings the typed comment back, and posts it as the account", async () => {
    const jar = new CookieJar();
    const pendingBefore = await pendingCount();
    const back = await signInThrough(app, db, vegas, "oidc", jar, { comment: typed });
    expect(back.status).toBe(303);
    expect(back.headers.get("location")).toBe(`${page}#respond`);
    expect(jar.header()).toContain("cinelog_reader_session=");
    // Its own cookie, out of reach of scripts; only a hash of it is stored.
    const cookie = back.headers
      .getSetCookie()
      .find((c) => c.startsWith("cinelog_reader_session="))!;
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Lax/);
    expect(cookie).toMatch(/; Path=\//);
    const token = /^cinelog_reader_session=([^;]+)/.exec(cookie)![1]!;
    const stored = await db.kysely.selectFrom("commenter_sessions").select("id").execute();
    expect(stored.map((r) => r.id)).not.toContain(token);
    expect(stored.map((r) => r.id)).toContain(createHash("sha256").update(token).digest("hex"));

    const { response, document } = await pageWith(app, page, jar);
    expect(response.headers.get("cache-control")).toBe("private, no-store");
    const form = document.querySelector("#commentform")!;
    expect(textOf(form.querySelector(".commenter-identity"))).toContain(
      "You are commenting using your OpenID Connect account.",
    );
    expect(textOf(form.querySelector(".commenter-name"))).toBe(idp.account.name);
    expect(form.querySelector('input[name="name"]')).toBeNull();
    expect(form.querySelector('input[name="email"]')).toBeNull();
    expect(textareaValue(form.querySelector("textarea"))).toBe(typed);
    // The avatar was copied here at sign-in: the page asks no other host for it.
    const avatar = form.querySelector(".commenter-avatar")!.getAttribute("src")!;
    expect(avatar).toMatch(/^\/media\/commenter-avatars\/[0-9a-f]{32}\.webp$/);
    expect(fs.existsSync(path.join(db.mediaDir, avatar.replace("/media/", "")))).toBe(true);

    const posted = await app.request(`${site}/review/${vegas.slug}/comments`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.header() },
      body: new URLSearchParams({
        comment: typed,
        // Whatever a crafted post says, the name and address are the account's.
        name: "Someone Else",
        email: "else@example.com",
        token: await tokenFor(db, vegas.id),
        fax: "",
        parent_id: "",
      }),
    });
    const comment = await commentById(db, commentIdFrom(posted));
    expect(comment?.author_name).toBe(idp.account.name);
    expect(comment?.author_email).toBe(idp.account.email);
    expect(comment?.author_url).toBe(idp.account.profile);
    expect(comment?.body_md).toBe(typed);
    // Posted: the form starts empty again.
    const after = await pageWith(app, page, jar);
    expect(textareaValue(after.document.querySelector("#commentform textarea"))).toBe("");
    // The sign-in itself is used up: no pending one is left behind.
    expect(await pendingCount()).toBe(pendingBefore);
  });

  it("keeps a reply's parent through the round trip", async () => {
    const jar = new CookieJar();
    const parent = await createComment(db, {
      reviewId: vegas.id,
      name: "Ana",
      email: "ana@example.com",
      url: "",
      body: "Worth answering.",
      status: "approved",
    });
    await signInThrough(app, db, vegas, "github", jar, {
      comment: "A reply.",
      parent_id: String(parent.id),
    });
    const { document } = await pageWith(app, page, jar);
    expect(document.querySelector("#comment-parent")?.getAttribute("value")).toBe(
      String(parent.id),
    );
    expect(textOf(document.querySelector(".commenter-identity"))).toContain("your GitHub account");
  });

  it("registers the app on a Mastodon instance once and remembers it", async () => {
    const before = idp.mastodonAppsRegistered();
    for (let i = 0; i < 2; i++) {
      const jar = new CookieJar();
      const back = await signInThrough(app, db, vegas, "mastodon", jar, { comment: typed });
      expect(back.status).toBe(303);
      const { document } = await pageWith(app, page, jar);
      expect(textOf(document.querySelector(".commenter-identity"))).toContain(
        "your Mastodon account",
      );
    }
    expect(idp.mastodonAppsRegistered() - before).toBeLessThanOrEqual(1);
    const apps = await db.kysely.selectFrom("mastodon_apps").selectAll().execute();
    expect(apps).toHaveLength(1);
    expect(apps[0]!.redirect_uri).toBe(`${site}/auth/mastodon/callback`);
  });

  it("holds a signed-in reader to the same rate limits as a guest", async () => {
    const limited = appFor(db, { commentRateLimits: true });
    const jar = new CookieJar();
    // Mastodon gives no e-mail address: the account is counted by a stand-in one.
    await signInThrough(limited, db, vegas, "mastodon", jar, { comment: typed });
    const statuses: number[] = [];
    for (let i = 0; i < 12 && !statuses.includes(429); i++) {
      const response = await limited.request(`${site}/review/${vegas.slug}/comments`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.header() },
        body: new URLSearchParams({
          comment: `Flood ${i}`,
          token: await tokenFor(db, vegas.id),
          fax: "",
          parent_id: "",
        }),
      });
      statuses.push(response.status);
      if (response.status === 303) {
        const comment = await commentById(db, commentIdFrom(response));
        expect(comment?.author_email).toMatch(/^mastodon\.[0-9a-f]{24}@sign-in\.invalid$/);
      } else {
        expect(await response.text()).toContain(commentMessages.tooMany.slice(0, 30));
      }
    }
    expect(statuses).toContain(429);
    expect(statuses[0]).toBe(303);
  });

  it("logs out, keeping the typed comment, and the session is gone", async () => {
    const jar = new CookieJar();
    await signInThrough(app, db, vegas, "oidc", jar, { comment: typed });
    const sessions = await db.kysely.selectFrom("commenter_sessions").select("id").execute();
    const response = await formPost(jar, "/auth/commenter/logout", { comment: "half written" });
    expect(response.status).toBe(200);
    expect(jar.header()).not.toContain("cinelog_reader_session=");
    const { document } = await htmlOf(response);
    expect(textareaValue(document.querySelector("#commentform textarea"))).toBe("half written");
    expect(document.querySelector('#commentform input[name="name"]')).not.toBeNull();
    expect(document.querySelector(".commenter-identity")).toBeNull();
    const left = await db.kysely.selectFrom("commenter_sessions").select("id").execute();
    expect(left.length).toBe(sessions.length - 1);
  });

  it("“Change” shows the buttons and guest fields again, and a guest comment is a guest's", async () => {
    const jar = new CookieJar();
    await signInThrough(app, db, vegas, "oidc", jar, { comment: typed });
    const response = await formPost(jar, "/auth/commenter/change", { comment: "still mine" });
    const { document } = await htmlOf(response);
    const form = document.querySelector("#commentform")!;
    expect(textareaValue(form.querySelector("textarea"))).toBe("still mine");
    expect(form.querySelectorAll("button.sign-in-provider").length).toBe(3);
    expect(form.querySelector('input[name="name"]')).not.toBeNull();
    expect(form.querySelector('input[name="as_guest"]')?.getAttribute("value")).toBe("1");
    const posted = await app.request(`${site}/review/${vegas.slug}/comments`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.header() },
      body: new URLSearchParams({
        comment: "As a guest after all.",
        name: "Guest Name",
        email: "guest@example.com",
        as_guest: "1",
        token: await tokenFor(db, vegas.id),
        fax: "",
        parent_id: "",
      }),
    });
    const comment = await commentById(db, commentIdFrom(posted));
    expect(comment?.author_name).toBe("Guest Name");
  });

  it("never lets a commenter session into the admin", async () => {
    const jar = new CookieJar();
    await signInThrough(app, db, vegas, "oidc", jar, { comment: typed });
    const token = /cinelog_reader_session=([^;]+)/.exec(jar.header())![1]!;
    for (const cookie of [jar.header(), `cinelog_session=${token}`]) {
      const get = await app.request(`${site}/admin`, { headers: { cookie } });
      expect(get.status).toBe(303);
      expect(get.headers.get("location")).toMatch(/^\/admin\/sign-in/);
      const post = await app.request(`${site}/admin/comments`, {
        method: "POST",
        headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
        body: "",
      });
      expect(post.status).toBeGreaterThanOrEqual(400);
      expect(post.status).toBeLessThan(500);
    }
  });

  it("never serves a signed-in reader's form from the page cache to anyone else", async () => {
    const jar = new CookieJar();
    await signInThrough(app, db, vegas, "oidc", jar, { comment: "private words" });
    const anonymousBefore = await pageWith(app, page, new CookieJar());
    const signedIn = await pageWith(app, page, jar);
    const anonymousAfter = await pageWith(app, page, new CookieJar());
    expect(signedIn.html).toContain("You are commenting using your");
    expect(signedIn.response.headers.get("x-cache")).toBeNull();
    for (const anonymous of [anonymousBefore, anonymousAfter]) {
      expect(anonymous.html).not.toContain("You are commenting using your");
      expect(anonymous.html).not.toContain("private words");
    }
  });

  async function pendingCount() {
    return (await db.kysely.selectFrom("pending_sign_ins").select("state").execute()).length;
  }

  async function htmlOf(response: Response) {
    return parseHTML(await response.text());
  }

  async function formPost(jar: CookieJar, action: string, fields: Record<string, string>) {
    const response = await app.request(`${site}${action}`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.header() },
      body: new URLSearchParams({
        comment: "",
        fax: "",
        parent_id: "",
        return_to: page,
        token: await tokenFor(db, vegas.id),
        ...fields,
      }),
    });
    jar.take(response);
    return response;
  }
});
