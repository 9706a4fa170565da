// Flood limits: per address per minute and per e-mail per hour. A refused comment comes
// back in full so it can be copied.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createComment } from "../../src/domain/comments.ts";
import { rateLimitExceeded } from "../../src/domain/moderation/rate-limit.ts";
import { messages } from "../../src/web/public/comment-refusals.ts";
import { appFor } from "../support/app.ts";
import { dialects, openTestDb, type TestDb } from "../support/databases.ts";
import { buildFixture } from "../support/fixture.ts";
import { postComment } from "./post-comment.ts";

describe.each(dialects)("comment rate limits on %s", (dialect) => {
  let db: TestDb;
  let f: Awaited<ReturnType<typeof buildFixture>>;
  beforeAll(async () => {
    db = await openTestDb(dialect);
    f = await buildFixture(db);
  });
  afterAll(async () => {
    await db.dispose();
  });

  it("answers 429 after 5 comments a minute from one address, showing the text back", async () => {
    const app = appFor(db);
    const review = f.reviews.singinReview;
    for (let i = 0; i < 5; i++) {
      const ok = await postComment(app, db, review, { email: `p${i}@example.com` });
      expect(ok.status).toBe(303);
    }
    const refused = await postComment(app, db, review, {
      email: "p6@example.com",
      comment: "Words worth keeping.",
    });
    expect(refused.status).toBe(429);
    const html = await refused.text();
    expect(html).toContain("Words worth keeping.");
    expect(html).toContain(messages.tooMany.slice(0, 40));
    // Switched off by configuration (load benchmarks only), the same post goes through.
    const unlimited = appFor(db, { commentRateLimits: false });
    expect((await postComment(unlimited, db, review, { email: "p6@example.com" })).status).toBe(
      303,
    );
  });

  it("limits one e-mail address to 10 comments an hour, from any address", async () => {
    const now = Date.now();
    for (let i = 0; i < 10; i++) {
      await createComment(db, {
        reviewId: f.reviews.bobReview.id,
        name: "Busy",
        email: "busy@example.com",
        body: `Comment ${i}`,
        status: "pending",
        ip: `198.51.100.${i}`,
        createdAt: new Date(now - 30 * 60_000).toISOString(),
      });
    }
    expect(await rateLimitExceeded(db, { ip: "192.0.2.1", email: "BUSY@example.com" }, now)).toBe(
      "email",
    );
    // An hour later the address may write again.
    expect(
      await rateLimitExceeded(db, { ip: "192.0.2.1", email: "busy@example.com" }, now + 3_600_000),
    ).toBeUndefined();
    expect(
      await rateLimitExceeded(db, { ip: "198.51.100.1", email: "calm@example.com" }, now),
    ).toBeUndefined();
  });
});
