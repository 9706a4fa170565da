// Fediverse replies as comments, on loopback and both databases, with a Mastodon-shaped
// account sending Mastodon's payload shapes (test/fixtures/mastodon/): a reply to a published
// review is held as the actor's first comment, then shown once approved, with the author's
// handle, copied avatar and a "via the fediverse" link; the next one is approved at once and
// threads under the comment it answers; Update edits and Delete trashes (only from the author);
// blocked, unsigned and forged-origin replies are refused, and so are replies to a closed
// thread; replies are counted per server; a mention goes to the queue; and the
// site's own approved comment goes out as Create(Note) with the right inReplyTo, served at its
// id, followed by Delete when trashed.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commentById, createComment, setCommentStatus } from "../../src/domain/comments.ts";
import { addBlock, followerByActor } from "../../src/domain/federation/followers.ts";
import { serverOverReplyLimit } from "../../src/domain/federation/fediverse-replies.ts";
import { listLooseMentions } from "../../src/domain/federation/loose-mentions.ts";
import { saveSetting } from "../../src/domain/settings.ts";
import { createReview } from "../../src/domain/reviews.ts";
import { publishCommentNotes } from "../../src/federation/comment-note.ts";
import { publishDueReviews } from "../../src/federation/publish.ts";
import { dialects, openTestDb, type TestDb } from "../support/databases.ts";
import { serveFederatedSite, type FederatedSite } from "../support/federated-site.ts";
import { buildFixture } from "../support/fixture.ts";
import { startMastodonActor, type MastodonActor } from "../support/mastodon-actor.ts";
import { until } from "../support/until.ts";

type Received = Record<string, unknown> & { object?: Record<string, unknown> };

describe.each(dialects)("fediverse replies on %s", (dialect) => {
  let db: TestDb;
  let site: FederatedSite;
  let mastodon: MastodonActor;
  let stranger: MastodonActor;
  let reviewId: number;
  let reviewSlug: string;
  let articleId: string;
  let blogActor: string;

  beforeAll(async () => {
    db = await openTestDb(dialect);
    const fixture = await buildFixture(db);
    site = await serveFederatedSite(db, "127.0.0.2");
    mastodon = await startMastodonActor("127.0.0.3");
    stranger = await startMastodonActor("127.0.0.3", "hugo");
    blogActor = `${site.origin}/@blog`;
    site.startQueue();
    await mastodon.send("follow.json", `${site.origin}/ap/inbox`, {
      ACTIVITY_ID: "f1",
      TARGET: blogActor,
    });
    await until(() => mastodon.received.find((a) => a.type === "Accept"));
    expect((await followerByActor(db, mastodon.actorUri))?.status).toBe("accepted");
    // The first round marks where federation began: the back catalogue stays home.
    expect(await publishDueReviews(site.blog, site.origin)).toMatchObject({ created: 0 });
    await new Promise((r) => setTimeout(r, 5));
    const review = await createReview(db, {
      filmId: fixture.films.friday.id,
      authorId: fixture.author.id,
      body: "Fast talk, *faster* cuts.",
      excerpt: "Fast talk, faster cuts.",
      status: "published",
    });
    reviewId = review.id;
    reviewSlug = review.slug;
    expect(await publishDueReviews(site.blog, site.origin)).toMatchObject({ created: 1 });
    const create = await until(() =>
      mastodon.received.find((a) => a.type === "Create" && (a as Received).object?.type),
    );
    articleId = (create as Received).object!.id as string;
    expect(articleId).toBe(`${site.origin}/ap/review/${reviewId}`);
  });
  afterAll(async () => {
    await site?.close();
    await mastodon?.close();
    await stranger?.close();
    await db?.dispose();
  });

  const inbox = () => `${site.origin}/ap/inbox`;
  let statusCounter = 100;
  /** Sends a reply from `who`; returns the Note's id. */
  async function reply(who: MastodonActor, inReplyTo: string, text: string, noteId?: string) {
    const status = String(statusCounter++);
    const id = noteId ?? `${who.actorUri}/statuses/${status}`;
    const response = await who.send("create-note.json", inbox(), {
      STATUS_ID: status,
      NOTE_ID: id,
      IN_REPLY_TO: inReplyTo,
      BLOG_ACTOR: blogActor,
      TEXT: text,
    });
    expect(response.status).toBe(202);
    return id;
  }
  const commentFor = (noteId: string) =>
    db.kysely
      .selectFrom("federation_replies")
      .innerJoin("comments", "comments.id", "federation_replies.comment_id")
      .selectAll("comments")
      .where("federation_replies.note_id", "=", noteId)
      .executeTakeFirst();
  const reviewPage = async () => (await fetch(`${site.origin}/review/${reviewSlug}`)).text();
  /** Lets the queue run past anything already sent, for checks that something did not land. */
  async function settle(marker: string) {
    const id = await reply(mastodon, articleId, marker);
    await until(() => commentFor(id));
  }

  let firstNote: string;
  let firstCommentId: number;

  it("holds a first reply, then shows it approved with handle, avatar and source", async () => {
    firstNote = await reply(mastodon, articleId, "What a picture.");
    const comment = await until(() => commentFor(firstNote));
    firstCommentId = comment.id;
    expect(comment.status).toBe("pending");
    expect(comment.hold_reason).toBe("Fediverse: first comment");
    expect(comment.review_id).toBe(reviewId);
    expect(comment.parent_id).toBeNull();
    expect(comment.author_name).toBe("Marguerite at the Pictures");
    expect(comment.author_handle).toBe(`@marguerite@${new URL(mastodon.origin).host}`);
    expect(comment.source_url).toBe(`${mastodon.origin}/@marguerite/100`);
    expect(comment.body_html).toContain("What a picture.");
    expect(comment.body_html).not.toMatch(/<script|<img|<span/);
    expect(comment.avatar_path).toMatch(/^commenter-avatars\/[0-9a-f]+\.webp$/);
    expect(existsSync(join(db.mediaDir, comment.avatar_path!))).toBe(true);
    expect(await reviewPage()).not.toContain("What a picture.");

    await setCommentStatus(db, comment.id, "approved");
    const page = await reviewPage();
    expect(page).toContain("What a picture.");
    expect(page).toContain(`@marguerite@${new URL(mastodon.origin).host}`);
    expect(page).toContain(`/media/${comment.avatar_path}`);
    expect(page).toMatch(/href="[^"]+\/@marguerite\/100"[^>]*>\s*via the fediverse/);
  });

  let localCommentId: number;

  it("threads a known actor's reply under the site comment it answers, approved", async () => {
    const local = await createComment(db, {
      reviewId,
      name: "Rosalind",
      email: "rosalind@example.test",
      body: "Agreed, the overlapping dialogue is the point.",
      status: "approved",
    });
    localCommentId = local.id;
    const note = await reply(mastodon, `${site.origin}/ap/comment/${local.id}`, "Exactly so.");
    const comment = await until(() => commentFor(note));
    expect(comment.status).toBe("approved");
    expect(comment.parent_id).toBe(local.id);

    const deeper = await reply(mastodon, firstNote, "Replying to myself.");
    expect((await until(() => commentFor(deeper))).parent_id).toBe(firstCommentId);
  });

  it("applies the author's Update and Delete, and no one else's", async () => {
    const values = { STATUS_ID: "100", NOTE_ID: firstNote, IN_REPLY_TO: articleId };
    const forged = await stranger.send("update-note.json", inbox(), {
      ...values,
      ACTIVITY_ID: `${stranger.actorUri}/statuses/7#updates/1796358600`,
      TEXT: "Hijacked.",
    });
    expect(forged.status).toBe(202);
    await settle("after the forged update");
    expect((await commentById(db, firstCommentId))!.body_html).toContain("What a picture.");

    await mastodon.send("update-note.json", inbox(), {
      ...values,
      ACTIVITY_ID: `${firstNote}#updates/1796358600`,
      TEXT: "What a picture! (edited)",
    });
    await until(async () =>
      (await commentById(db, firstCommentId))!.body_html.includes("(edited)"),
    );
    expect((await commentById(db, firstCommentId))!.status).toBe("approved");
    expect(await reviewPage()).toContain("What a picture! (edited)");

    await stranger.send("delete-note.json", inbox(), {
      NOTE_ID: firstNote,
      ACTIVITY_ID: `${stranger.actorUri}/statuses/7#delete`,
    });
    await settle("after the forged delete");
    expect((await commentById(db, firstCommentId))!.status).toBe("approved");

    await mastodon.send("delete-note.json", inbox(), {
      NOTE_ID: firstNote,
      ACTIVITY_ID: `${firstNote}#delete`,
    });
    await until(async () => (await commentById(db, firstCommentId))!.status === "trash");
    expect((await commentById(db, firstCommentId))!.prior_status).toBe("approved");
    expect(await reviewPage()).not.toContain("(edited)");
  });

  it("refuses blocked, unsigned and forged-origin replies", async () => {
    await addBlock(db, "actor", stranger.actorUri);
    const blocked = await reply(stranger, articleId, "Let me in.");
    const unsigned = await fetch(inbox(), {
      method: "POST",
      headers: { "content-type": "application/activity+json" },
      body: JSON.stringify({
        "@context": "https://www.w3.org/ns/activitystreams",
        id: `${mastodon.origin}/users/marguerite/statuses/900/activity`,
        type: "Create",
        actor: mastodon.actorUri,
        object: {
          id: `${mastodon.origin}/users/marguerite/statuses/900`,
          type: "Note",
          attributedTo: mastodon.actorUri,
          inReplyTo: articleId,
          content: "<p>No signature.</p>",
        },
      }),
    });
    expect(unsigned.status).toBeGreaterThanOrEqual(400);
    // The Note claims an id on another server: Fedify fetches it there, and finds nothing.
    const foreign = await reply(
      mastodon,
      articleId,
      "Not mine to send.",
      "http://127.0.0.4:9/users/someone/statuses/1",
    );
    await settle("after the refused ones");
    expect(await commentFor(blocked)).toBeUndefined();
    expect(await commentFor(`${mastodon.origin}/users/marguerite/statuses/900`)).toBeUndefined();
    expect(await commentFor(foreign)).toBeUndefined();
  });

  it("holds a mention that links a review, and keeps one that links nothing", async () => {
    const elsewhere = `${mastodon.origin}/users/someone/statuses/42`;
    const link = `${site.origin}/review/${reviewSlug}`;
    const linked = await reply(mastodon, elsewhere, `Read <a href="${link}">this</a>.`);
    const held = await until(() => commentFor(linked));
    expect(held.kind).toBe("mention");
    expect(held.status).toBe("pending");
    expect(held.review_id).toBe(reviewId);

    const loose = await reply(mastodon, elsewhere, "Hello, blog.");
    const kept = await until(async () =>
      (await listLooseMentions(db)).find((m) => m.note_id === loose),
    );
    expect(kept.author_handle).toBe(`@marguerite@${new URL(mastodon.origin).host}`);
    expect(kept.body_html).toContain("Hello, blog.");
    expect(await commentFor(loose)).toBeUndefined();
  });

  it("sends the site's approved comments as Notes, and Delete when one is trashed", async () => {
    const answer = await createComment(db, {
      reviewId,
      parentId: (await commentFor(`${mastodon.actorUri}/statuses/101`))!.id,
      name: "Rosalind",
      email: "rosalind@example.test",
      body: "Glad you *agree*.",
      status: "approved",
    });
    const report = await publishCommentNotes(site.blog, site.origin);
    expect(report.created).toBe(2);
    expect(await publishCommentNotes(site.blog, site.origin)).toEqual({
      created: 0,
      updated: 0,
      deleted: 0,
    });
    const notes = () =>
      (mastodon.received as Received[]).filter(
        (a) => a.type === "Create" && a.object?.type === "Note",
      );
    const delivered = await until(() => notes().length >= 2 && notes());
    const top = delivered.find(
      (a) => a.object!.id === `${site.origin}/ap/comment/${localCommentId}`,
    );
    expect(top!.object!.inReplyTo).toBe(articleId);
    expect(top!.object!.attributedTo).toBe(blogActor);
    expect(top!.object!.content).toContain("<strong>Rosalind</strong> wrote:");
    const nested = delivered.find((a) => a.object!.id === `${site.origin}/ap/comment/${answer.id}`);
    expect(nested!.object!.inReplyTo).toBe(`${mastodon.actorUri}/statuses/101`);
    expect(JSON.stringify(nested!.object!.tag)).toContain(mastodon.actorUri);
    expect(nested!.object!.content).toContain("<em>agree</em>");

    const served = await fetch(`${site.origin}/ap/comment/${answer.id}`, {
      headers: { accept: "application/activity+json" },
    });
    expect(served.status).toBe(200);
    expect(((await served.json()) as Received).inReplyTo).toBe(`${mastodon.actorUri}/statuses/101`);
    const article = await fetch(articleId, { headers: { accept: "application/activity+json" } });
    expect(article.status).toBe(200);
    expect(((await article.json()) as Received).name).toBe("His Girl Friday (1940)");

    await setCommentStatus(db, answer.id, "trash");
    expect(await publishCommentNotes(site.blog, site.origin)).toEqual({
      created: 0,
      updated: 0,
      deleted: 1,
    });
    await until(() =>
      mastodon.received.find(
        (a) => a.type === "Delete" && JSON.stringify(a).includes(`/ap/comment/${answer.id}`),
      ),
    );
    const gone = await fetch(`${site.origin}/ap/comment/${answer.id}`, {
      headers: { accept: "application/activity+json" },
    });
    expect(gone.status).toBe(404);
  });

  it("refuses replies to a closed thread, and counts replies per server", async () => {
    const longAgo = new Date(Date.now() - 10 * 86_400_000).toISOString();
    await db.kysely
      .updateTable("reviews")
      .set({ published_at: longAgo })
      .where("id", "=", reviewId)
      .execute();
    await saveSetting(db, "closeCommentsAfterDays", 3);
    const late = await reply(mastodon, articleId, "Too late?");
    // A mention kept aside, sent after it: once it is in, the late reply was handled.
    const marker = await reply(mastodon, `${mastodon.origin}/users/someone/statuses/43`, "Marker.");
    await until(async () => (await listLooseMentions(db)).some((m) => m.note_id === marker));
    expect(await commentFor(late)).toBeUndefined();
    await saveSetting(db, "closeCommentsAfterDays", 0);

    for (let i = 0; i < 30; i++) {
      const comment = await createComment(db, {
        reviewId,
        name: "Busy",
        email: "",
        body: `Reply ${i}`,
        status: "pending",
      });
      await db.kysely
        .insertInto("federation_replies")
        .values({
          comment_id: comment.id,
          note_id: `https://busy.example/statuses/${i}`,
          actor_uri: "https://busy.example/users/busy",
          actor_host: "busy.example",
          actor_inbox: null,
          created_at: new Date().toISOString(),
        })
        .execute();
    }
    expect(await serverOverReplyLimit(db, "busy.example")).toBe(true);
    expect(await serverOverReplyLimit(db, new URL(mastodon.origin).hostname)).toBe(false);
    expect(await serverOverReplyLimit(db, "busy.example", Date.now() + 11 * 60_000)).toBe(false);
  });
});
