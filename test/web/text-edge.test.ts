// Text from outside is cleaned once at the edge, the same on both databases: a NUL (or any
// other control character) in a comment's fields, the sign-in e-mail or an old address is
// removed, never a 500 on PostgreSQL, and every character around it is kept. Also: names are
// one line, and `Range` on /media follows RFC 9110.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addRedirects } from "../../src/domain/redirects.ts";
import { appFor } from "../support/app.ts";
import { dialects, openTestDb, type TestDb } from "../support/databases.ts";
import { buildFixture } from "../support/fixture.ts";
import { postForm } from "../admin/admin-client.ts";
import { commentIdFrom, postComment } from "../comments/post-comment.ts";

describe.each(dialects)("text at the edge on %s", (dialect) => {
  let db: TestDb;
  let app: ReturnType<typeof appFor>;
  let fixture: Awaited<ReturnType<typeof buildFixture>>;
  beforeAll(async () => {
    db = await openTestDb(dialect);
    fixture = await buildFixture(db);
    app = appFor(db);
  });
  afterAll(async () => {
    await db.dispose();
  });

  const storedComment = (id: number) =>
    db.kysely
      .selectFrom("comments")
      .select(["author_name", "author_email", "author_url", "body_md"])
      .where("id", "=", id)
      .executeTakeFirstOrThrow();

  it("stores a comment with a NUL in every field, everything else kept", async () => {
    const response = await postComment(app, db, fixture.reviews.vegasReview, {
      comment: "Fig\u0000gis at\u0001 his best.\r\nSecond line\u007f, tab\there. 🎬",
      name: "Ada\u0000 Reader",
      email: "ada\u0000@example.com",
      url: "https://exa\u0000mple.com/\u0000page",
    });
    expect(response.status).toBe(303);
    expect(await storedComment(commentIdFrom(response))).toEqual({
      author_name: "Ada Reader",
      author_email: "ada@example.com",
      author_url: "https://example.com/page",
      body_md: "Figgis at his best.\nSecond line, tab\there. 🎬",
    });
  });

  it("makes a name of several lines one line", async () => {
    const response = await postComment(app, db, fixture.reviews.vegasReview, {
      name: "Ada\r\n  Reader\nthe Second",
      email: "second@example.com",
    });
    expect(response.status).toBe(303);
    expect((await storedComment(commentIdFrom(response))).author_name).toBe(
      "Ada Reader the Second",
    );
  });

  it("reads the sign-in e-mail without its NUL", async () => {
    const wrong = await postForm(app, "/admin/sign-in", {
      email: "nobody\u0000@example.com",
      password: "wrong",
    });
    expect(wrong.status).toBe(401);
    const right = await postForm(app, "/admin/sign-in", {
      email: "critic\u0000@example.com",
      password: "correct horse battery",
    });
    expect(right.status).toBe(303);
  });

  it("looks up an old address holding a NUL without an error", async () => {
    const missing = await app.request("/2012/03/a%00b/");
    expect(missing.status).toBe(404);
    await addRedirects(db, ["/2012/03/ab"], `/review/${fixture.reviews.vegasReview.slug}`);
    const moved = await app.request("/2012/03/a%00b/");
    expect(moved.status).toBe(301);
    expect(moved.headers.get("location")).toBe(`/review/${fixture.reviews.vegasReview.slug}`);
  });

  it("answers a search and a page query holding control characters", async () => {
    for (const address of ["/search?q=vegas%00%01", "/?page=1%00", "/review/a%00b"]) {
      const response = await app.request(address);
      expect({ address, status: response.status }).toEqual({
        address,
        status: expect.toSatisfy((s: number) => s === 200 || s === 404) as number,
      });
    }
  });

  it("answers Range on media as RFC 9110 says", async () => {
    fs.writeFileSync(path.join(db.mediaDir, "range.txt"), "0123456789");
    const get = (range: string) => app.request("/media/range.txt", { headers: { range } });
    for (const invalid of ["bytes=abc", "bytes=5-2", "5-6", "bytes=0-1,4-5", "items=0-1"]) {
      const response = await get(invalid);
      expect({ invalid, status: response.status }).toEqual({ invalid, status: 200 });
      expect(response.headers.get("content-range")).toBeNull();
      expect(await response.text()).toBe("0123456789");
    }
    const partial = await get("bytes=2-4");
    expect(partial.status).toBe(206);
    expect(partial.headers.get("content-range")).toBe("bytes 2-4/10");
    expect(await partial.text()).toBe("234");
    const suffix = await get("Bytes=-3");
    expect(suffix.status).toBe(206);
    expect(await suffix.text()).toBe("789");
    for (const unsatisfiable of ["bytes=10-", "bytes=50-60", "bytes=-0"]) {
      const response = await get(unsatisfiable);
      expect({ unsatisfiable, status: response.status }).toEqual({ unsatisfiable, status: 416 });
      expect(response.headers.get("content-range")).toBe("bytes */10");
    }
  });
});
