// Moderating comments on posts and pages, on both databases: the queue names the post or page
// each comment is on and links to it, approving one shows it on the post's cached page at
// once, and a moderator's reply threads under it on the same post.
import { describe, expect, it } from "vitest";
import { postSubject } from "../../src/domain/comment-subjects.ts";
import { createComment } from "../../src/domain/comments.ts";
import { createPost } from "../../src/domain/posts.ts";
import { getPage, textOf } from "../support/app.ts";
import { dialects } from "../support/databases.ts";
import { getAs } from "./admin-client.ts";
import { moderationSite } from "./moderation-site.ts";

describe.each(dialects)("moderating comments on posts on %s", (dialect) => {
  const site = moderationSite(dialect);

  it("lists a post's comment with its post, approves it, and replies under it", async () => {
    const author = await site.db.kysely
      .selectFrom("users")
      .select("id")
      .where("role", "=", "owner")
      .orderBy("id")
      .executeTakeFirstOrThrow();
    const page = await createPost(site.db, {
      kind: "page",
      title: "Guest book",
      body: "Say hello.",
      status: "published",
      authorId: author.id,
    });
    const held = await createComment(site.db, {
      subject: postSubject(page.id),
      name: "Hana Hello",
      email: "hana@example.com",
      body: "Hello from the coast.",
      status: "pending",
    });
    const path = "/pages/guest-book";
    // Cached while the comment waits.
    expect((await getPage(site.app, path)).html).not.toContain("Hello from the coast.");

    const queue = await getAs(site.app, "/admin/comments", site.owner);
    const row = queue.document.querySelector(`#row-${held.id}`);
    const link = [...(row?.querySelectorAll("a") ?? [])].find((a) =>
      textOf(a).includes("Guest book"),
    );
    expect(textOf(link)).toBe("Page: Guest book");
    expect(link?.getAttribute("href")).toBe(`${path}#comments`);

    const approved = await site.act(`/admin/comments/${held.id}/approve`);
    expect(approved.status).toBe(303);
    const shown = await getPage(site.app, path);
    expect(textOf(shown.document.querySelector(`#comment-${held.id}`))).toContain(
      "Hello from the coast.",
    );
    const after = await getAs(site.app, "/admin/comments", site.owner);
    expect(
      after.document.querySelector(`#row-${held.id} a[href="/comment/${held.id}"]`),
    ).not.toBeNull();
    const permalink = await site.app.request(`/comment/${held.id}`);
    expect(permalink.headers.get("location")).toBe(`${path}#comment-${held.id}`);

    const reply = await site.act(`/admin/comments/${held.id}/reply`, {
      body: "Welcome, and thank you.",
    });
    expect(reply.status).toBe(303);
    const threaded = await getPage(site.app, path);
    const parent = threaded.document.querySelector(`#comment-${held.id}`)?.closest("li");
    expect(textOf(parent?.querySelector(".children"))).toContain("Welcome, and thank you.");
    const stored = await site.db.kysely
      .selectFrom("comments")
      .select(["post_id", "review_id", "parent_id"])
      .where("parent_id", "=", held.id)
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ post_id: page.id, review_id: null, parent_id: held.id });
  });
});
