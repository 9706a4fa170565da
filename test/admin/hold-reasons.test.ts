// Why a comment was held: each moderation rule stores its reason with the comment where the
// decision is made, the queue shows it as a short label, long comments get "Show all", and a
// row action returns to the next row's anchor.
import { parseHTML } from "linkedom";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commentById, createComment } from "../../src/domain/comments.ts";
import { saveSetting } from "../../src/domain/settings.ts";
import { appFor, textOf } from "../support/app.ts";
import { dialects, openTestDb, type TestDb } from "../support/databases.ts";
import { buildFixture } from "../support/fixture.ts";
import { commentIdFrom, postComment, tokenFor } from "../comments/post-comment.ts";
import { addAccount, csrfToken, postForm, signIn } from "./admin-client.ts";

describe.each(dialects)("hold reasons on %s", (dialect) => {
  let db: TestDb;
  let app: ReturnType<typeof appFor>;
  let vegas: { id: number; slug: string };
  let owner: string;
  let token: string;
  let seq = 0;

  beforeAll(async () => {
    db = await openTestDb(dialect);
    const f = await buildFixture(db);
    vegas = f.reviews.vegasReview;
    app = appFor(db, { commentRateLimits: false });
    await addAccount(db, "owner", "boss");
    owner = await signIn(app, "boss@example.com");
    token = await csrfToken(app, owner);
  });
  afterAll(async () => {
    await db.dispose();
  });

  /** Posts a comment from a fresh address (unless given) and returns what was stored. */
  async function held(fields: Parameters<typeof postComment>[3]) {
    seq++;
    const response = await postComment(app, db, vegas, {
      email: `reader${seq}@example.com`,
      ...fields,
    });
    expect(response.status).toBe(303);
    return (await commentById(db, commentIdFrom(response)))!;
  }

  async function queue(query = "") {
    const response = await app.request(`/admin/comments${query}`, { headers: { cookie: owner } });
    expect(response.status).toBe(200);
    return parseHTML(await response.text()).document;
  }

  it("stores 'first comment' and the queue says so", async () => {
    const comment = await held({ comment: "Hello from a new reader." });
    expect(comment.status).toBe("pending");
    expect(comment.hold_reason).toBe("first comment");
    const row = (await queue()).querySelector(`#row-${comment.id}`);
    expect(textOf(row?.querySelector(".hold-reason") ?? null)).toBe(
      "Why: First comment from this author",
    );
  });

  it("stores too many links, with their number", async () => {
    await saveSetting(db, "holdLinkCount", 2);
    const comment = await held({
      comment: "See https://one.example and https://two.example and https://three.example",
    });
    expect(comment.status).toBe("pending");
    expect(comment.hold_reason).toBe("3 links");
    const row = (await queue()).querySelector(`#row-${comment.id}`);
    expect(textOf(row?.querySelector(".hold-reason") ?? null)).toContain("Too many links (3)");
  });

  it("stores which listed word held it", async () => {
    await saveSetting(db, "moderationWords", "casino\nlottery");
    try {
      const comment = await held({ comment: "The LOTTERY scene is the best." });
      expect(comment.hold_reason).toBe('moderation word "lottery"');
      const row = (await queue()).querySelector(`#row-${comment.id}`);
      expect(textOf(row?.querySelector(".hold-reason") ?? null)).toContain("Word list: “lottery”");
    } finally {
      await saveSetting(db, "moderationWords", "");
    }
  });

  it("stores 'sent too fast' for a form sent in under the minimum time", async () => {
    const comment = await held({ token: await tokenFor(db, vegas.id, 500) });
    expect(comment.status).toBe("spam");
    expect(comment.hold_reason).toBe("sent too fast");
    const row = (await queue("?status=spam")).querySelector(`#row-${comment.id}`);
    expect(textOf(row?.querySelector(".hold-reason") ?? null)).toContain("Sent too fast");
  });

  it("stores the owner's setting when every comment waits", async () => {
    await saveSetting(db, "manualApproval", true);
    try {
      const comment = await held({ comment: "Waiting my turn." });
      expect(comment.hold_reason).toBe("manual approval");
      const row = (await queue()).querySelector(`#row-${comment.id}`);
      expect(textOf(row?.querySelector(".hold-reason") ?? null)).toContain("Held by your setting");
    } finally {
      await saveSetting(db, "manualApproval", false);
    }
  });

  it("stores no reason for an approved comment", async () => {
    const first = await held({ comment: "Once." });
    await postForm(
      app,
      `/admin/comments/${first.id}/approve`,
      { _csrf: token, back: "/admin/comments" },
      { cookie: owner },
    );
    const again = await held({ email: first.author_email, comment: "Twice." });
    expect(again.status).toBe("approved");
    expect(again.hold_reason).toBeNull();
  });

  it("clamps a long comment with a 'Show all' control and leaves a short one alone", async () => {
    const long = await held({ comment: "A long thought. ".repeat(60) });
    const short = await held({ comment: "Short." });
    const document = await queue();
    const longRow = document.querySelector(`#row-${long.id}`)!;
    expect(textOf(longRow.querySelector(".clamp-toggle"))).toBe("Show all");
    expect(longRow.querySelector(".clamp-toggle input")?.getAttribute("aria-controls")).toBe(
      `body-${long.id}`,
    );
    expect(document.querySelector(`#row-${short.id} .clamp-toggle`)).toBeNull();
    // The actions stand beside the author, not under the text.
    expect(longRow.querySelector(".comment-author-cell .row-actions")).not.toBeNull();
  });

  it("returns to the next row after an action, or the previous one at the end", async () => {
    await db.kysely.deleteFrom("comments").execute();
    const ids: number[] = [];
    for (let n = 1; n <= 3; n++) {
      const c = await createComment(db, {
        reviewId: vegas.id,
        name: "Reader",
        email: "order@example.com",
        body: `Number ${n}.`,
        status: "pending",
        createdAt: new Date(Date.UTC(2026, 4, 1, 0, 0, n)).toISOString(),
      });
      ids.push(c.id);
    }
    // Newest first: 3, 2, 1. Acting on the middle row lands on the next (the oldest).
    const document = await queue();
    const anchorOf = (id: number) =>
      document
        .querySelector(`#row-${id} form[action$="/approve"] input[name="anchor"]`)
        ?.getAttribute("value");
    expect(anchorOf(ids[1]!)).toBe(`row-${ids[0]}`);
    expect(anchorOf(ids[0]!)).toBe(`row-${ids[1]}`);
    const response = await postForm(
      app,
      `/admin/comments/${ids[1]}/approve`,
      { _csrf: token, back: "/admin/comments?status=pending", anchor: `row-${ids[0]}` },
      { cookie: owner },
    );
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe(
      `/admin/comments?status=pending&done=approve&n=1#row-${ids[0]}`,
    );
    // An anchor that is not a row's is dropped, not echoed.
    const forged = await postForm(
      app,
      `/admin/comments/${ids[0]}/approve`,
      { _csrf: token, back: "/admin/comments", anchor: "x<script>" },
      { cookie: owner },
    );
    expect(forged.headers.get("location")).toBe("/admin/comments?done=approve&n=1");
  });
});
