// An id too large for the database is "not found" on every admin route that takes one, and
// ignored in a comment's reply field: never a server error (PostgreSQL refuses such a number).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appFor } from "../support/app.ts";
import { dialects, openTestDb, type TestDb } from "../support/databases.ts";
import { buildFixture } from "../support/fixture.ts";
import { postComment } from "../comments/post-comment.ts";
import { addAccount, csrfToken, getAs, postForm, signIn, type App } from "../admin/admin-client.ts";

describe.each(dialects)("impossible ids on %s", (dialect) => {
  let db: TestDb;
  let app: App;
  let owner: string;
  let f: Awaited<ReturnType<typeof buildFixture>>;
  beforeAll(async () => {
    db = await openTestDb(dialect);
    f = await buildFixture(db);
    await addAccount(db, "owner", "boss");
    app = appFor(db);
    owner = await signIn(app, "boss@example.com");
  });
  afterAll(() => db.dispose());

  const huge = "99999999999999999999";
  it.each([
    `/admin/reviews/${huge}/edit`,
    `/admin/reviews/${huge}/stills`,
    `/admin/comments/${huge}/edit`,
    `/admin/series/${huge}`,
    `/admin/reviews/2147483648/edit`,
  ])("GET %s is 404", async (path) => {
    const { response } = await getAs(app, path, owner);
    expect(response.status).toBe(404);
  });

  it("a POST to one is 404 too", async () => {
    const token = await csrfToken(app, owner);
    const response = await postForm(
      app,
      `/admin/comments/${huge}/approve`,
      { _csrf: token },
      { cookie: owner },
    );
    expect(response.status).toBe(404);
  });

  it("the largest real id is still looked up (and simply not found)", async () => {
    const { response } = await getAs(app, "/admin/reviews/2147483647/edit", owner);
    expect(response.status).toBe(404);
  });

  it("a reply to an impossible comment is posted as a comment of its own", async () => {
    const response = await postComment(app, db, f.reviews.vegasReview, {
      comment: "Replying to nothing.",
      email: "nobody@example.net",
      parent_id: huge,
    });
    expect(response.status).toBe(303);
    const row = await db.kysely
      .selectFrom("comments")
      .select("parent_id")
      .where("author_email", "=", "nobody@example.net")
      .executeTakeFirstOrThrow();
    expect(row.parent_id).toBeNull();
  });
});
