// Two Cinelog sites on loopback (127.0.0.2 and 127.0.0.3), each with its own database, on both
// databases: A's blog actor follows B's (a Follow made with Fedify from A's context; the blog
// has no "follow" button), B accepts it and counts A as a follower, B publishes a review and
// A's inbox receives the Create(Article) signed by B; then a reader's approved comment on B's
// review reaches A as a Note replying to that Article.
import { Follow, isActor } from "@fedify/vocab";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createComment } from "../../src/domain/comments.ts";
import { followerByActor } from "../../src/domain/federation/followers.ts";
import { createReview } from "../../src/domain/reviews.ts";
import { publishCommentNotes } from "../../src/federation/comment-note.ts";
import { publishDueReviews } from "../../src/federation/publish.ts";
import { dialects, openTestDb, type TestDb } from "../support/databases.ts";
import { serveFederatedSite, type FederatedSite } from "../support/federated-site.ts";
import { buildFixture } from "../support/fixture.ts";
import { until } from "../support/until.ts";

type LogLine = Record<string, unknown> & { msg?: string };

describe.each(dialects)("two Cinelog sites on %s", (dialect) => {
  let dbA: TestDb;
  let dbB: TestDb;
  let siteA: FederatedSite;
  let siteB: FederatedSite;
  /** What A's inbox listeners logged: the Creates they were handed. */
  const logA: LogLine[] = [];

  beforeAll(async () => {
    dbA = await openTestDb(dialect);
    dbB = await openTestDb(dialect);
    const logger = pino(
      { level: "debug" },
      { write: (line: string) => void logA.push(JSON.parse(line) as LogLine) },
    );
    siteA = await serveFederatedSite(dbA, "127.0.0.2", { logger });
    siteB = await serveFederatedSite(dbB, "127.0.0.3");
    siteA.startQueue();
    siteB.startQueue();
  });
  afterAll(async () => {
    await siteA?.close();
    await siteB?.close();
    await dbA?.dispose();
    await dbB?.dispose();
  });

  const receivedByA = (kind: string, id: string) =>
    logA.find((l) => l.msg === kind && (l.object === id || l.note === id));

  it("A follows B, B publishes, A's inbox receives the review and then a comment", async () => {
    const ctxA = siteA.blog.context();
    const actorB = await ctxA.lookupObject(`${siteB.origin}/@blog`);
    if (!actorB || !isActor(actorB)) throw new Error("B's actor was not found");
    expect(actorB.id?.href).toBe(`${siteB.origin}/@blog`);
    await ctxA.sendActivity(
      { identifier: "blog" },
      actorB,
      new Follow({
        id: new URL(`${siteA.origin}/@blog#follows/1`),
        actor: ctxA.getActorUri("blog"),
        object: new URL(`${siteB.origin}/@blog`),
      }),
    );
    const follower = await until(() => followerByActor(dbB, `${siteA.origin}/@blog`));
    expect(follower.status).toBe("accepted");
    expect(follower.shared_inbox_uri).toBe(`${siteA.origin}/ap/inbox`);

    // B's first round marks where its federation began; the review comes after.
    expect(await publishDueReviews(siteB.blog, siteB.origin)).toMatchObject({ created: 0 });
    await new Promise((r) => setTimeout(r, 5));
    const fixture = await buildFixture(dbB);
    const review = await createReview(dbB, {
      filmId: fixture.films.friday.id,
      authorId: fixture.author.id,
      body: "Fast talk between two sites.",
      excerpt: "Fast talk between two sites.",
      status: "published",
    });
    expect(await publishDueReviews(siteB.blog, siteB.origin)).toMatchObject({ created: 1 });
    const articleId = `${siteB.origin}/ap/review/${review.id}`;
    const created = await until(() =>
      receivedByA("fediverse Create received, not a Note", articleId),
    );
    expect(created.actor).toBe(`${siteB.origin}/@blog`);

    const comment = await createComment(dbB, {
      reviewId: review.id,
      name: "Rosalind",
      email: "rosalind@example.test",
      body: "Seen from the other site.",
      status: "approved",
    });
    expect(await publishCommentNotes(siteB.blog, siteB.origin)).toMatchObject({ created: 1 });
    await until(() =>
      receivedByA("fediverse Note for no thread here", `${siteB.origin}/ap/comment/${comment.id}`),
    );
  });
});
