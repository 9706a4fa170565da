// Writers' own actors, on loopback and both databases: a writer's actor is absent until they
// turn it on (and while the owner has the feature off), then answers WebFinger and serves a
// Person with keys of its own; a Mastodon-shaped account follows it (signed Follow, Accept
// from the writer's actor); the writer's review goes out as an Article attributed to them, and
// an account following both the blog and the writer receives it once, while a writer-only
// follower receives it too; `cinelog federation rotate-keys --user` replaces only their keys.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { followerByActor, saveFollower } from "../../src/domain/federation/followers.ts";
import { saveWriterActorSettings } from "../../src/domain/federation/writer-actors.ts";
import { createReview } from "../../src/domain/reviews.ts";
import { saveSetting } from "../../src/domain/settings.ts";
import { publishDueReviews } from "../../src/federation/publish.ts";
import { runCli } from "../support/cli.ts";
import { countingInboxes, type CountingInboxes } from "../support/counting-inboxes.ts";
import { dialects, openTestDb, type TestDb } from "../support/databases.ts";
import { serveFederatedSite, type FederatedSite } from "../support/federated-site.ts";
import { buildFixture } from "../support/fixture.ts";
import { startMastodonActor, type MastodonActor } from "../support/mastodon-actor.ts";
import { until } from "../support/until.ts";

const activityJson = { accept: "application/activity+json" };

describe.each(dialects)("writers' own actors on %s", (dialect) => {
  let db: TestDb;
  let site: FederatedSite;
  let mastodon: MastodonActor;
  let inboxes: CountingInboxes;
  let fixture: Awaited<ReturnType<typeof buildFixture>>;
  let writerUri: string;
  let host: string;

  beforeAll(async () => {
    db = await openTestDb(dialect);
    fixture = await buildFixture(db);
    site = await serveFederatedSite(db, "127.0.0.2");
    mastodon = await startMastodonActor("127.0.0.3");
    inboxes = countingInboxes();
    site.startQueue();
    host = new URL(site.origin).host;
    writerUri = `${site.origin}/@ada`;
    // The first round marks where federation began.
    await publishDueReviews(site.blog, site.origin);
  });
  afterAll(async () => {
    await site?.close();
    await mastodon?.close();
    await inboxes?.close();
    await db?.dispose();
  });

  const finger = (user: string) =>
    fetch(`${site.origin}/.well-known/webfinger?resource=acct:${user}@${host}`);
  const actorDoc = async (uri: string) =>
    (await (await fetch(uri, { headers: activityJson })).json()) as Record<string, unknown>;

  it("is absent until the writer turns it on, and while the owner has writers' actors off", async () => {
    const off = { username: "ada", enabled: false, bio: "Watches westerns twice." };
    expect(await saveWriterActorSettings(db, fixture.author.id, off, "blog")).toEqual({ ok: true });
    expect((await finger("ada")).status).toBe(404);
    expect((await fetch(writerUri, { headers: activityJson })).status).toBe(404);
    // The blog's handle is never a writer's.
    const clash = await saveWriterActorSettings(
      db,
      fixture.author.id,
      { ...off, username: "blog" },
      "blog",
    );
    expect(clash.ok).toBe(false);

    const on = { ...off, enabled: true };
    expect(await saveWriterActorSettings(db, fixture.author.id, on, "blog")).toEqual({ ok: true });
    await saveSetting(db, "federationWriterActors", false);
    expect((await finger("ada")).status).toBe(404);
    await saveSetting(db, "federationWriterActors", true);
  });

  it("answers WebFinger and serves a Person with keys of its own", async () => {
    const response = await finger("ada");
    expect(response.status).toBe(200);
    const jrd = (await response.json()) as { links: { rel: string; href?: string }[] };
    expect(jrd.links.find((l) => l.rel === "self")?.href).toBe(writerUri);

    const doc = await actorDoc(writerUri);
    expect(doc.type).toBe("Person");
    expect(doc.preferredUsername).toBe("ada");
    expect(doc.name).toBe(fixture.author.display_name);
    expect(doc.summary).toBe("<p>Watches westerns twice.</p>");
    expect(doc.inbox).toBe(`${site.origin}/ap/inbox/ada`);
    expect(doc.followers).toBe(`${site.origin}/ap/followers/ada`);
    expect(JSON.stringify(doc.attachment)).toContain("PropertyValue");
    const key = (doc.publicKey as { publicKeyPem: string }).publicKeyPem;
    expect(key).toContain("BEGIN PUBLIC KEY");
    const blog = await actorDoc(`${site.origin}/@blog`);
    expect((blog.publicKey as { publicKeyPem: string }).publicKeyPem).not.toBe(key);
    // Made once and kept.
    expect((await actorDoc(writerUri)).publicKey).toEqual(doc.publicKey);
  });

  it("is followed like the blog: a signed Follow, recorded for the writer, accepted by them", async () => {
    const response = await mastodon.send("follow.json", `${site.origin}/ap/inbox/ada`, {
      ACTIVITY_ID: "follow-ada",
      TARGET: writerUri,
    });
    expect(response.status).toBe(202);
    const follower = await until(() => followerByActor(db, mastodon.actorUri, fixture.author.id));
    expect(follower.status).toBe("accepted");
    const accept = await until(() => mastodon.received.find((a) => a.type === "Accept"));
    expect(accept.actor).toBe(writerUri);
    // Following the writer is not following the blog.
    expect(await followerByActor(db, mastodon.actorUri)).toBeUndefined();
    const followers = await actorDoc(`${site.origin}/ap/followers/ada`);
    expect(followers.totalItems).toBe(1);
  });

  it("attributes the writer's review to them; a follower of both receives it once", async () => {
    await mastodon.send("follow.json", `${site.origin}/ap/inbox/blog`, {
      ACTIVITY_ID: "follow-blog",
      TARGET: `${site.origin}/@blog`,
    });
    await until(() => followerByActor(db, mastodon.actorUri));
    // A follower of the writer only, on a server of its own.
    const server = await inboxes.start("127.0.0.4");
    await saveFollower(db, {
      actorUri: `${server.origin}/users/only-ada`,
      handle: null,
      name: null,
      inboxUri: `${server.origin}/users/only-ada/inbox`,
      sharedInboxUri: null,
      followId: null,
      status: "accepted",
      writerId: fixture.author.id,
    });
    await new Promise((r) => setTimeout(r, 5));
    const review = await createReview(db, {
      filmId: fixture.films.friday.id,
      authorId: fixture.author.id,
      body: "Two actors, one review.",
      excerpt: "Two actors, one review.",
      status: "published",
    });
    expect(await publishDueReviews(site.blog, site.origin)).toMatchObject({ created: 1 });
    const articleId = `${site.origin}/ap/review/${review.id}`;
    const createsAtMastodon = () =>
      mastodon.received.filter(
        (a) => a.type === "Create" && (a.object as { id?: string }).id === articleId,
      );
    const create = await until(() => createsAtMastodon()[0]);
    expect(create.actor).toBe(`${site.origin}/@blog`);
    const object = create.object as { attributedTo: string; cc: string[] | string };
    expect(object.attributedTo).toBe(writerUri);
    expect(object.cc).toEqual([
      `${site.origin}/ap/followers/blog`,
      `${site.origin}/ap/followers/ada`,
    ]);
    await until(() =>
      inboxes.posts.find(
        (p) => p.type === "Create" && (p.object as { id?: string }).id === articleId,
      ),
    );
    // Time for a duplicate to show, if there were one.
    await until(async () => (await site.blog.queue.getDepth?.())?.queued === 0);
    await new Promise((r) => setTimeout(r, 300));
    expect(createsAtMastodon()).toHaveLength(1);
    expect(inboxes.posts.filter((p) => p.type === "Create")).toHaveLength(1);

    // Fetched at its id, the Article says the same.
    const fetched = await actorDoc(articleId);
    expect(fetched.attributedTo).toBe(writerUri);
  });

  it("rotates the writer's keys alone with `rotate-keys --user`", async () => {
    const key = (doc: Record<string, unknown>) =>
      (doc.publicKey as { publicKeyPem: string }).publicKeyPem;
    const writerBefore = key(await actorDoc(writerUri));
    const blogBefore = key(await actorDoc(`${site.origin}/@blog`));
    const env = { DATABASE_URL: db.url, CINELOG_DATA_DIR: db.mediaDir.replace(/\/media$/, "") };
    const result = await runCli(["federation", "rotate-keys", "--user", "ada"], env);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("@ada");
    expect(key(await actorDoc(writerUri))).not.toBe(writerBefore);
    expect(key(await actorDoc(`${site.origin}/@blog`))).toBe(blogBefore);
    const unknown = await runCli(["federation", "rotate-keys", "--user", "nobody"], env);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("nobody");
  });
});
