// An id too large for the database is "not found" on every admin route that takes one, and
// ignored in a comment's reply field: never a server error (PostgreSQL refuses such a number).
import { describe, expect, it } from "vitest";
import { createComment } from "../../src/domain/comments.ts";
import { dialects } from "../support/databases.ts";
import { postComment } from "../comments/post-comment.ts";
import { csrfToken, getAs, postForm } from "../admin/admin-client.ts";
import { adminSite } from "../admin/admin-site.ts";

describe.each(dialects)("impossible ids on %s", (dialect) => {
  const site = adminSite(dialect, { accounts: [["owner", "boss"]], signInAs: "boss@example.com" });

  const huge = "99999999999999999999";
  it.each([
    `/admin/reviews/${huge}/edit`,
    `/admin/reviews/${huge}/stills`,
    `/admin/comments/${huge}/edit`,
    `/admin/series/${huge}`,
    `/admin/reviews/2147483648/edit`,
  ])("GET %s is 404", async (path) => {
    const { response } = await getAs(site.app, path, site.cookie);
    expect(response.status).toBe(404);
  });

  it("a POST to one is 404 too", async () => {
    const token = await csrfToken(site.app, site.cookie);
    const response = await postForm(
      site.app,
      `/admin/comments/${huge}/approve`,
      { _csrf: token },
      { cookie: site.cookie },
    );
    expect(response.status).toBe(404);
  });

  it("an action the queue does not know is 404, even one that starts like a real one", async () => {
    const comment = await createComment(site.db, {
      reviewId: site.fixture.reviews.vegasReview.id,
      name: "Waiting",
      email: "waiting@example.net",
      body: "Held.",
      status: "pending",
    });
    const token = await csrfToken(site.app, site.cookie);
    for (const action of ["approvexyz", "xapprove", "delete-all"]) {
      const response = await postForm(
        site.app,
        `/admin/comments/${comment.id}/${action}`,
        { _csrf: token },
        { cookie: site.cookie },
      );
      expect(response.status, action).toBe(404);
    }
  });

  it("a queue move other than up or down is 404", async () => {
    const entry = await site.db.kysely
      .selectFrom("series_entries")
      .select(["id", "series_id"])
      .orderBy("id")
      .executeTakeFirstOrThrow();
    const token = await csrfToken(site.app, site.cookie);
    for (const direction of ["upward", "xdown"]) {
      const response = await postForm(
        site.app,
        `/admin/series/${entry.series_id}/entries/${entry.id}/${direction}`,
        { _csrf: token },
        { cookie: site.cookie },
      );
      expect(response.status, direction).toBe(404);
    }
  });

  it("the largest real id is still looked up (and simply not found)", async () => {
    const { response } = await getAs(site.app, "/admin/reviews/2147483647/edit", site.cookie);
    expect(response.status).toBe(404);
  });

  it("a reply to an impossible comment is posted as a comment of its own", async () => {
    const response = await postComment(site.app, site.db, site.fixture.reviews.vegasReview, {
      comment: "Replying to nothing.",
      email: "nobody@example.net",
      parent_id: huge,
    });
    expect(response.status).toBe(303);
    const row = await site.db.kysely
      .selectFrom("comments")
      .select("parent_id")
      .where("author_email", "=", "nobody@example.net")
      .executeTakeFirstOrThrow();
    expect(row.parent_id).toBeNull();
  });
});
