// The comment moderation queue over HTTP, on both databases: filters and counts, every row
// and bulk action (and the public page, served from the page cache, following at once),
// the delete confirmation, editing and replying as the signed-in writer.
import { parseHTML } from "linkedom";
import { describe, expect, it } from "vitest";
import type { CommentStatus } from "../../src/db/schema.ts";
import { commentById } from "../../src/domain/comments.ts";
import { saveSetting } from "../../src/domain/settings.ts";
import { getPage, textOf } from "../support/app.ts";
import { dialects } from "../support/databases.ts";
import { formState, getAs } from "./admin-client.ts";
import { moderationSite } from "./moderation-site.ts";

describe.each(dialects)("comment moderation on %s", (dialect) => {
  const site = moderationSite(dialect);

  it("lists comments newest first, with status counts and filters", async () => {
    const { app, owner, vegas, authorReview, add } = site;
    const older = await add(vegas, "pending", { name: "Polly Pending", body: "Hold me." });
    const approved = await add(authorReview, "approved", {
      name: "Abe Approved",
      email: "abe@example.com",
      body: "A *fine* point.",
    });
    const spam = await add(vegas, "spam", { name: "Spammy", body: "Buy pills." });
    const trash = await add(vegas, "trash", { name: "Trashy" });
    const newest = await add(vegas, "pending", { name: "Nina Newest" });

    const { response, document } = await getAs(app, "/admin/comments", owner);
    expect(response.status).toBe(200);
    const rows = [...document.querySelectorAll("tbody tr")].map((tr) => tr.id);
    // "All" is what WordPress means: everything but spam and trash.
    expect(rows).toEqual([`row-${newest.id}`, `row-${approved.id}`, `row-${older.id}`]);
    const links = [...document.querySelectorAll(".status-links a")].map(textOf);
    expect(links).toEqual(["All", "Pending (2)", "Approved", "Spam (1)", "Trash (1)"]);

    const row = document.querySelector(`#row-${approved.id}`);
    expect(textOf(row)).toContain("abe@example.com");
    expect(textOf(row)).toContain("IP 203.0.113.7");
    expect(row?.querySelector(".comment-content em")?.textContent).toBe("fine");
    // A shown comment's permalink, which lands on the comment page holding it.
    const link = row?.querySelector(`a[href="/comment/${approved.id}"]`);
    expect(textOf(link)).toBe("His Girl Friday (1940)");

    const ids = async (query: string) =>
      [
        ...(await getAs(app, `/admin/comments?${query}`, owner)).document.querySelectorAll(
          "tbody tr",
        ),
      ].map((tr) => tr.id);
    expect(await ids("status=spam")).toEqual([`row-${spam.id}`]);
    expect(await ids("status=trash")).toEqual([`row-${trash.id}`]);
    expect(await ids("status=pending")).toEqual([`row-${newest.id}`, `row-${older.id}`]);
    expect(await ids(`review=${authorReview.id}`)).toEqual([`row-${approved.id}`]);
    expect(await ids("s=ABE%40")).toEqual([`row-${approved.id}`]);
    expect(await ids("s=hold")).toEqual([`row-${older.id}`]);
    expect(await ids("s=polly")).toEqual([`row-${older.id}`]);
    // A hand-typed bad value falls back to the default instead of failing.
    expect((await ids("status=nonsense&page=-3")).length).toBe(3);
  });

  it("pages the queue 50 at a time", async () => {
    const { app, owner, vegas, add } = site;
    for (let i = 0; i < 53; i++) await add(vegas, "pending");
    const first = await getAs(app, "/admin/comments", owner);
    expect(first.document.querySelectorAll("tbody tr").length).toBe(50);
    expect(textOf(first.document.querySelector(".pager"))).toContain("Page 1 of 2 (53 comments)");
    const older = first.document.querySelector(".pager a")?.getAttribute("href");
    expect(older).toBe("/admin/comments?page=2");
    const second = await getAs(app, older!, owner);
    expect(second.document.querySelectorAll("tbody tr").length).toBe(3);
  });

  it("carries out each row action, and the public page follows at once", async () => {
    const { app, owner, vegas, add, statusOf, publicIds, act } = site;
    const c = await add(vegas, "pending", { body: "Watch me come and go." });
    const shown = `comment-${c.id}`;
    expect(await publicIds(vegas.slug)).not.toContain(shown);
    // The page is now cached; every change below must drop it.
    const steps: [string, CommentStatus, boolean][] = [
      ["approve", "approved", true],
      ["unapprove", "pending", false],
      ["approve", "approved", true],
      ["spam", "spam", false],
      // "Not spam" and "Restore" put it back where it was: public.
      ["notspam", "approved", true],
      ["trash", "trash", false],
      ["restore", "approved", true],
      ["unapprove", "pending", false],
    ];
    for (const [action, status, visible] of steps) {
      const response = await act(`/admin/comments/${c.id}/${action}`, {
        back: "/admin/comments?status=pending",
      });
      expect(response.status, action).toBe(303);
      expect(response.headers.get("location")).toBe(
        `/admin/comments?status=pending&done=${action}&n=1`,
      );
      expect(await statusOf(c.id), action).toBe(status);
      expect((await publicIds(vegas.slug)).includes(shown), action).toBe(visible);
    }
    // An action that no longer applies changes nothing; a foreign "back" is not followed.
    const stale = await act(`/admin/comments/${c.id}/restore`, { back: "https://evil.example/" });
    expect(stale.headers.get("location")).toBe("/admin/comments?done=restore&n=0");
    expect(await statusOf(c.id)).toBe("pending");
    const page = await getAs(app, "/admin/comments?done=approve&n=1", owner);
    expect(textOf(page.document.querySelector(".form-notice"))).toBe("1 comment approved.");
  });

  it("deletes permanently only from spam or trash, after a confirmation page", async () => {
    const { db, app, owner, vegas, add, statusOf, publicIds, act } = site;
    const c = await add(vegas, "pending", { body: "Delete me." });
    const reply = await add(vegas, "approved", { parentId: c.id });
    expect((await getAs(app, `/admin/comments/${c.id}/delete`, owner)).response.status).toBe(409);
    expect((await act(`/admin/comments/${c.id}/delete`)).status).toBe(409);
    expect(await statusOf(c.id)).toBe("pending");

    await act(`/admin/comments/${c.id}/trash`);
    const list = await getAs(app, "/admin/comments?status=trash", owner);
    const link = list.document.querySelector(`#row-${c.id} a[href$="/delete"]`);
    expect(link?.getAttribute("href")).toBe(`/admin/comments/${c.id}/delete`);
    const confirm = await getAs(
      app,
      `/admin/comments/${c.id}/delete?back=%2Fadmin%2Fcomments%3Fstatus%3Dtrash`,
      owner,
    );
    expect(confirm.response.status).toBe(200);
    expect(textOf(confirm.document.querySelector("h1"))).toBe("Delete this comment permanently?");
    expect(textOf(confirm.document.querySelector("blockquote"))).toBe("Delete me.");
    const form = confirm.document.querySelector(`form[action="/admin/comments/${c.id}/delete"]`);
    expect(form?.querySelector('input[name="back"]')?.getAttribute("value")).toBe(
      "/admin/comments?status=trash",
    );
    expect(await statusOf(c.id)).toBe("trash");

    const response = await act(`/admin/comments/${c.id}/delete`, {
      back: "/admin/comments?status=trash",
    });
    expect(response.headers.get("location")).toBe("/admin/comments?status=trash&done=delete&n=1");
    expect(await commentById(db, c.id)).toBeUndefined();
    // The reply keeps its words, as a comment of its own.
    expect((await commentById(db, reply.id))?.parent_id).toBeNull();
    expect(await publicIds(vegas.slug)).toContain(`comment-${reply.id}`);
  });

  it("applies each bulk action to the selected comments in one post", async () => {
    const { app, owner, token, vegas, add, statusOf, publicIds } = site;
    const a = await add(vegas, "pending");
    const b = await add(vegas, "pending");
    const untouched = await add(vegas, "pending");
    expect(await publicIds(vegas.slug)).toEqual([]);
    const bulk = (action: string, ...ids: number[]) => {
      const body = new URLSearchParams({ _csrf: token, back: "/admin/comments", action });
      for (const id of ids) body.append("ids", String(id));
      return app.request("/admin/comments/bulk", {
        method: "POST",
        body,
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          "sec-fetch-site": "same-origin",
          cookie: owner,
        },
      });
    };
    const statuses = async () => [await statusOf(a.id), await statusOf(b.id)];

    const approved = await bulk("approve", a.id, b.id);
    expect(approved.headers.get("location")).toBe("/admin/comments?done=approve&n=2");
    expect(await statuses()).toEqual(["approved", "approved"]);
    expect(await publicIds(vegas.slug)).toEqual([`comment-${a.id}`, `comment-${b.id}`]);
    await bulk("spam", a.id, b.id);
    expect(await statuses()).toEqual(["spam", "spam"]);
    expect(await publicIds(vegas.slug)).toEqual([]);
    await bulk("restore", a.id, b.id);
    // Restore applies to trash only: spam stays spam.
    expect(await statuses()).toEqual(["spam", "spam"]);
    await bulk("trash", a.id);
    expect(await statuses()).toEqual(["trash", "spam"]);
    await bulk("restore", a.id);
    // Back where it was before the trash: spam.
    expect(await statuses()).toEqual(["spam", "spam"]);
    await bulk("trash", a.id);
    const deleted = await bulk("delete", a.id, b.id);
    expect(deleted.headers.get("location")).toBe("/admin/comments?done=delete&n=2");
    expect(await statuses()).toEqual([undefined, undefined]);
    expect(await statusOf(untouched.id)).toBe("pending");
    const none = await bulk("approve");
    expect(none.headers.get("location")).toBe("/admin/comments?done=none");
  });

  it("edits a comment, keeping the input and showing errors next to fields", async () => {
    const { db, app, owner, vegas, add, act } = site;
    const c = await add(vegas, "pending", { name: "Ed", body: "Orignal txt." });
    const form = await getAs(app, `/admin/comments/${c.id}/edit`, owner);
    expect(formState(form.document).value("body")).toBe("Orignal txt.");
    expect(formState(form.document).value("status")).toBe("pending");

    const bad = {
      name: "",
      email: "not an address",
      url: "javascript:alert(1)",
      body: "Kept <b>as typed</b>",
      status: "approved",
    };
    const refused = await act(`/admin/comments/${c.id}/edit`, bad);
    expect(refused.status).toBe(400);
    const { document } = parseHTML(await refused.text());
    const state = formState(document);
    expect(state.error("name")).toMatch(/Give a name/);
    expect(state.error("email")).toMatch(/email address/);
    expect(state.error("url")).toMatch(/http/);
    expect(state.value("email")).toBe("not an address");
    expect(state.value("body")).toBe("Kept <b>as typed</b>");
    expect(state.value("status")).toBe("approved");
    expect((await commentById(db, c.id))?.body_md).toBe("Orignal txt.");

    const saved = await act(`/admin/comments/${c.id}/edit`, {
      name: "Ed Itor",
      email: "ED@example.com",
      url: "https://ed.example/",
      body: "Original *text*. <script>x</script>",
      status: "approved",
    });
    expect(saved.status).toBe(303);
    expect(saved.headers.get("location")).toBe(`/admin/comments/${c.id}/edit?saved=1`);
    const after = await commentById(db, c.id);
    expect(after).toMatchObject({
      author_name: "Ed Itor",
      author_email: "ed@example.com",
      author_url: "https://ed.example/",
      status: "approved",
    });
    expect(after?.body_html).toContain("<em>text</em>");
    expect(after?.body_html).not.toContain("<script");
    const page = await getPage(app, `/review/${vegas.slug}`);
    expect(textOf(page.document.querySelector(`#comment-${c.id}`))).toContain("Ed Itor");

    // A new text for a comment already shown reaches the cached page too.
    await act(`/admin/comments/${c.id}/edit`, {
      name: "Ed Itor",
      email: "ed@example.com",
      url: "",
      body: "Second thoughts.",
      status: "approved",
    });
    const again = await getPage(app, `/review/${vegas.slug}`);
    expect(textOf(again.document.querySelector(`#comment-${c.id} .comment-content`))).toBe(
      "Second thoughts.",
    );
  });

  it("replies as the signed-in writer: approved, threaded, within the depth", async () => {
    const { db, app, owner, vegas, add, statusOf, act } = site;
    await saveSetting(db, "commentThreadDepth", 2);
    const question = await add(vegas, "pending", { name: "Quentin", body: "Why Vegas?" });
    const form = await getAs(app, `/admin/comments/${question.id}/reply`, owner);
    expect(textOf(form.document.querySelector("button.primary"))).toBe("Approve and reply");
    const empty = await act(`/admin/comments/${question.id}/reply`, { body: "  " });
    expect(empty.status).toBe(400);

    const sent = await act(`/admin/comments/${question.id}/reply`, { body: "Because *neon*." });
    expect(sent.status).toBe(303);
    const replies = await db.kysely
      .selectFrom("comments")
      .selectAll()
      .where("parent_id", "=", question.id)
      .execute();
    expect(replies).toHaveLength(1);
    const reply = replies[0]!;
    expect(reply).toMatchObject({
      status: "approved",
      author_name: "Boss Person",
      author_email: "boss@example.com",
      review_id: vegas.id,
    });
    expect(await statusOf(question.id)).toBe("approved");
    const { document } = await getPage(app, `/review/${vegas.slug}`);
    const nested = document.querySelector(`#comment-${question.id}`)?.parentElement;
    expect(nested?.querySelector(`.children #comment-${reply.id}`)).not.toBeNull();

    // At the deepest level, the reply goes to the deepest ancestor that leaves room.
    const deeper = await act(`/admin/comments/${reply.id}/reply`, { body: "And another thing." });
    expect(deeper.status).toBe(303);
    const last = await db.kysely
      .selectFrom("comments")
      .selectAll()
      .orderBy("id", "desc")
      .executeTakeFirstOrThrow();
    expect(last.body_md).toBe("And another thing.");
    expect(last.parent_id).toBe(question.id);

    const spam = await add(vegas, "spam");
    expect((await act(`/admin/comments/${spam.id}/reply`, { body: "Hi." })).status).toBe(409);
    await saveSetting(db, "commentThreadDepth", 5);
  });
});
