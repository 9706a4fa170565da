// The site's own comments after they went out as Notes, on loopback and both databases: a
// moderator's edit (the function the moderation editor calls) reaches the fediverse as
// Update(Note) with the new words and an `updated` time, once per edit; a reply to a remote
// Note reaches that Note's author even though they do not follow the blog, names them in a
// Mention, and so do its Update and its Delete.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { editComment } from "../../src/domain/comment-moderation.ts";
import { createComment, setCommentStatus } from "../../src/domain/comments.ts";
import { createReview } from "../../src/domain/reviews.ts";
import { publishCommentNotes } from "../../src/federation/comment-note.ts";
import { publishDueReviews } from "../../src/federation/publish.ts";
import { dialects, openTestDb, type TestDb } from "../support/databases.ts";
import { serveFederatedSite, type FederatedSite } from "../support/federated-site.ts";
import { buildFixture } from "../support/fixture.ts";
import { startMastodonActor, type MastodonActor } from "../support/mastodon-actor.ts";
import { until } from "../support/until.ts";

type Received = Record<string, unknown> & { object?: Record<string, unknown> | string };

describe.each(dialects)("edited and withdrawn comment Notes on %s", (dialect) => {
  let db: TestDb;
  let site: FederatedSite;
  let follower: MastodonActor;
  let author: MastodonActor;
  let reviewId: number;
  let remoteNote: string;
  let remoteCommentId: number;

  beforeAll(async () => {
    db = await openTestDb(dialect);
    const fixture = await buildFixture(db);
    site = await serveFederatedSite(db, "127.0.0.2");
    follower = await startMastodonActor("127.0.0.3");
    // Never follows the blog: what reaches it came to it as the author replied to.
    author = await startMastodonActor("127.0.0.4", "hugo");
    site.startQueue();
    const blogActor = `${site.origin}/@blog`;
    await follower.send("follow.json", `${site.origin}/ap/inbox`, {
      ACTIVITY_ID: "f1",
      TARGET: blogActor,
    });
    await until(() => follower.received.find((a) => a.type === "Accept"));
    await publishDueReviews(site.blog, site.origin);
    await new Promise((r) => setTimeout(r, 5));
    const review = await createReview(db, {
      filmId: fixture.films.friday.id,
      authorId: fixture.author.id,
      body: "Talk as fast as gunfire.",
      excerpt: "Talk as fast as gunfire.",
      status: "published",
    });
    reviewId = review.id;
    expect(await publishDueReviews(site.blog, site.origin)).toMatchObject({ created: 1 });
    remoteNote = `${author.actorUri}/statuses/300`;
    const sent = await author.send("create-note.json", `${site.origin}/ap/inbox`, {
      STATUS_ID: "300",
      NOTE_ID: remoteNote,
      IN_REPLY_TO: `${site.origin}/ap/review/${reviewId}`,
      BLOG_ACTOR: blogActor,
      TEXT: "The newsroom scenes never breathe.",
    });
    expect(sent.status).toBe(202);
    const reply = await until(() =>
      db.kysely
        .selectFrom("federation_replies")
        .select("comment_id")
        .where("note_id", "=", remoteNote)
        .executeTakeFirst(),
    );
    remoteCommentId = reply.comment_id;
    await setCommentStatus(db, remoteCommentId, "approved");
  });
  afterAll(async () => {
    await site?.close();
    await follower?.close();
    await author?.close();
    await db?.dispose();
  });

  const about = (who: MastodonActor, type: string, commentId: number) =>
    (who.received as Received[]).filter(
      (a) => a.type === type && JSON.stringify(a).includes(`/ap/comment/${commentId}`),
    );
  const noteOf = (activity: Received) => activity.object as Record<string, unknown>;

  it("sends a reply to a remote Note to its author too, with a Mention of them", async () => {
    const answer = await createComment(db, {
      reviewId,
      parentId: remoteCommentId,
      name: "Rosalind",
      email: "rosalind@example.test",
      body: "They were never *meant* to.",
      status: "approved",
    });
    expect(await publishCommentNotes(site.blog, site.origin)).toEqual({
      created: 1,
      updated: 0,
      deleted: 0,
    });
    const [atAuthor] = await until(() => {
      const found = about(author, "Create", answer.id);
      return found.length > 0 && found;
    });
    const note = noteOf(atAuthor!);
    expect(note.inReplyTo).toBe(remoteNote);
    expect(note.content).toContain("<em>meant</em>");
    // JSON-LD compaction writes a list of one as the item alone.
    expect([note.tag].flat()).toEqual([
      {
        type: "Mention",
        href: author.actorUri,
        name: `@hugo@${new URL(author.origin).host}`,
      },
    ]);
    expect([note.cc].flat()).toContain(author.actorUri);
    await until(() => about(follower, "Create", answer.id).length === 1);

    // The moderator corrects it: one Update with the new words, to both, and only one.
    await editComment(db, answer.id, {
      name: "Rosalind R.",
      email: "rosalind@example.test",
      url: "",
      body: "They were never *allowed* to.",
      status: "approved",
    });
    expect(await publishCommentNotes(site.blog, site.origin)).toEqual({
      created: 0,
      updated: 1,
      deleted: 0,
    });
    expect(await publishCommentNotes(site.blog, site.origin)).toEqual({
      created: 0,
      updated: 0,
      deleted: 0,
    });
    for (const who of [author, follower]) {
      const [update] = await until(() => {
        const found = about(who, "Update", answer.id);
        return found.length > 0 && found;
      });
      const updated = noteOf(update!);
      expect(updated.id).toBe(`${site.origin}/ap/comment/${answer.id}`);
      expect(updated.content).toContain("<em>allowed</em>");
      expect(updated.content).toContain("<strong>Rosalind R.</strong> wrote:");
      expect(Date.parse(updated.updated as string)).toBeGreaterThan(
        Date.parse(updated.published as string),
      );
    }
    // The Note at its id says the same.
    const served = await fetch(`${site.origin}/ap/comment/${answer.id}`, {
      headers: { accept: "application/activity+json" },
    });
    const body = (await served.json()) as Record<string, unknown>;
    expect(body.content).toContain("<em>allowed</em>");
    expect(typeof body.updated).toBe("string");

    // A second edit is a second Update.
    await editComment(db, answer.id, {
      name: "Rosalind R.",
      email: "rosalind@example.test",
      url: "",
      body: "They were never allowed to, and it shows.",
      status: "approved",
    });
    expect(await publishCommentNotes(site.blog, site.origin)).toMatchObject({ updated: 1 });
    await until(() => about(author, "Update", answer.id).length === 2);
    const contents = about(author, "Update", answer.id).map((a) => noteOf(a).content as string);
    expect(contents[1]).toContain("and it shows");

    // Withdrawn: the Delete reaches the author as well as the followers.
    await setCommentStatus(db, answer.id, "trash");
    expect(await publishCommentNotes(site.blog, site.origin)).toEqual({
      created: 0,
      updated: 0,
      deleted: 1,
    });
    await until(() => about(author, "Delete", answer.id).length === 1);
    await until(() => about(follower, "Delete", answer.id).length === 1);
    expect(about(follower, "Update", answer.id)).toHaveLength(2);
  });

  it("sends nothing new for an edit that changes nothing the fediverse sees", async () => {
    const plain = await createComment(db, {
      reviewId,
      name: "Ines",
      email: "ines@example.test",
      body: "Hildy wins.",
      status: "approved",
    });
    expect(await publishCommentNotes(site.blog, site.origin)).toMatchObject({ created: 1 });
    await editComment(db, plain.id, {
      name: "Ines",
      email: "ines.new@example.test",
      url: "https://ines.example/",
      body: "Hildy wins.",
      status: "approved",
    });
    expect(await publishCommentNotes(site.blog, site.origin)).toMatchObject({ updated: 0 });
    await until(() => about(follower, "Create", plain.id).length === 1);
    expect(about(author, "Create", plain.id)).toHaveLength(0);
  });
});
