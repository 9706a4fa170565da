// Who may moderate which comment, and forms without their CSRF token: a refused request
// changes nothing.
import { describe, expect, it } from "vitest";
import { commentById } from "../../src/domain/comments.ts";
import { textOf } from "../support/app.ts";
import { dialects } from "../support/databases.ts";
import { csrfToken, getAs, postForm, signIn } from "./admin-client.ts";
import { moderationSite } from "./moderation-site.ts";

describe.each(dialects)("comment moderation access on %s", (dialect) => {
  const site = moderationSite(dialect);

  it("changes nothing when the CSRF token is missing or wrong", async () => {
    const { db, app, owner, vegas, add, statusOf, act } = site;
    const c = await add(vegas, "pending", { body: "Stay pending." });
    const forged = (path: string, fields: Record<string, string>) =>
      postForm(app, path, { back: "/admin/comments", ...fields }, { cookie: owner });
    expect((await forged(`/admin/comments/${c.id}/approve`, {})).status).toBe(403);
    expect((await forged(`/admin/comments/${c.id}/approve`, { _csrf: "x" })).status).toBe(403);
    expect(
      (await forged("/admin/comments/bulk", { action: "spam", ids: String(c.id) })).status,
    ).toBe(403);
    await act(`/admin/comments/${c.id}/trash`);
    expect((await forged(`/admin/comments/${c.id}/delete`, {})).status).toBe(403);
    expect(await statusOf(c.id)).toBe("trash");
    await act(`/admin/comments/${c.id}/restore`);
    const edit = await forged(`/admin/comments/${c.id}/edit`, {
      name: "Changed",
      email: "changed@example.com",
      url: "",
      body: "Changed.",
      status: "approved",
    });
    expect(edit.status).toBe(403);
    expect(await edit.text()).toContain("Changed.");
    const reply = await forged(`/admin/comments/${c.id}/reply`, { body: "Forged reply." });
    expect(reply.status).toBe(403);
    expect(await commentById(db, c.id)).toMatchObject({
      status: "pending",
      body_md: "Stay pending.",
    });
    const count = await db.kysely
      .selectFrom("comments")
      .select((eb) => eb.fn.countAll().as("n"))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);
  });

  it("lets authors moderate comments on their own reviews only, and contributors none", async () => {
    const { app, vegas, authorReview, add, statusOf } = site;
    const mine = await add(authorReview, "pending", { name: "On Mine" });
    const theirs = await add(vegas, "pending", { name: "On Theirs" });
    const author = await signIn(app, "author@example.com");
    const authorToken = await csrfToken(app, author);
    const dashboard = await getAs(app, "/admin", author);
    const waiting = dashboard.document.querySelector('a[href="/admin/comments?status=pending"]');
    expect(textOf(waiting)).toBe("Comments awaiting moderation: 1");
    const list = await getAs(app, "/admin/comments", author);
    expect([...list.document.querySelectorAll("tbody tr")].map((tr) => tr.id)).toEqual([
      `row-${mine.id}`,
    ]);
    expect(textOf(list.document.querySelector(".status-links"))).toContain("Pending (1)");

    const as = (cookie: string, csrf: string, path: string, fields: Record<string, string> = {}) =>
      postForm(app, path, { _csrf: csrf, back: "/admin/comments", ...fields }, { cookie });
    expect((await as(author, authorToken, `/admin/comments/${theirs.id}/approve`)).status).toBe(
      403,
    );
    expect(
      (
        await as(author, authorToken, "/admin/comments/bulk", {
          action: "approve",
          ids: String(theirs.id),
        })
      ).status,
    ).toBe(403);
    expect((await getAs(app, `/admin/comments/${theirs.id}/edit`, author)).response.status).toBe(
      403,
    );
    expect(
      (await as(author, authorToken, `/admin/comments/${theirs.id}/reply`, { body: "Mine now." }))
        .status,
    ).toBe(403);
    expect(await statusOf(theirs.id)).toBe("pending");
    expect((await as(author, authorToken, `/admin/comments/${mine.id}/approve`)).status).toBe(303);
    expect(await statusOf(mine.id)).toBe("approved");

    const editor = await signIn(app, "editor@example.com");
    const editorToken = await csrfToken(app, editor);
    expect((await as(editor, editorToken, `/admin/comments/${theirs.id}/approve`)).status).toBe(
      303,
    );
    expect(await statusOf(theirs.id)).toBe("approved");

    const contributor = await signIn(app, "contributor@example.com");
    const contributorToken = await csrfToken(app, contributor);
    expect((await getAs(app, "/admin/comments", contributor)).response.status).toBe(403);
    const dash = await getAs(app, "/admin", contributor);
    expect(dash.html).not.toContain("/admin/comments");
    expect(
      (await as(contributor, contributorToken, `/admin/comments/${mine.id}/unapprove`)).status,
    ).toBe(403);
    expect(await statusOf(mine.id)).toBe("approved");
  });
});
