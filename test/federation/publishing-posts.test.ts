// Posts and pages follow the owner's choice (issue 18), on loopback and both databases: off, a
// new post sends nothing; on, a post going public reaches a Mastodon-shaped follower as
// Create(Article) with its title and a link, an edit as Update, unpublishing as Delete; a post
// already public when the choice is turned on is never sent; the Article answers at its id;
// a page sent by two rounds at once goes out once, and deleting it sends Delete.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { beginSendingKind } from "../../src/domain/federation/post-federation.ts";
import { createPost, deletePost, updatePost } from "../../src/domain/posts.ts";
import { saveSetting } from "../../src/domain/settings.ts";
import { publishDuePosts } from "../../src/federation/publish-posts.ts";
import { dialects, openTestDb, type TestDb } from "../support/databases.ts";
import { serveFederatedSite, type FederatedSite } from "../support/federated-site.ts";
import { buildFixture } from "../support/fixture.ts";
import { startMastodonActor, type MastodonActor } from "../support/mastodon-actor.ts";
import { until } from "../support/until.ts";

type Received = Record<string, unknown> & { object?: Record<string, unknown> };

describe.each(dialects)("posts and pages to the fediverse on %s", (dialect) => {
  let db: TestDb;
  let site: FederatedSite;
  let mastodon: MastodonActor;
  let fixture: Awaited<ReturnType<typeof buildFixture>>;

  beforeAll(async () => {
    db = await openTestDb(dialect);
    fixture = await buildFixture(db);
    site = await serveFederatedSite(db, "127.0.0.2");
    mastodon = await startMastodonActor("127.0.0.3");
    site.startQueue();
    await mastodon.send("follow.json", `${site.origin}/ap/inbox`, {
      ACTIVITY_ID: "f1",
      TARGET: `${site.origin}/@blog`,
    });
    await until(() => mastodon.received.find((a) => a.type === "Accept"));
  });
  afterAll(async () => {
    await site?.close();
    await mastodon?.close();
    await db?.dispose();
  });

  const publish = () => publishDuePosts(site.blog, site.origin);
  const ofType = (type: string) => mastodon.received.filter((a) => a.type === type) as Received[];
  const post = (title: string, kind: "post" | "page" = "post") =>
    createPost(db, {
      kind,
      title,
      body: `${title}: the opening paragraph.\n\nA second one.`,
      status: "published",
      authorId: fixture.author.id,
    });

  let alreadyPublicId: number;

  it("sends no post while the choice is off", async () => {
    alreadyPublicId = (await post("A note to readers")).id;
    expect(await publish()).toEqual({ created: 0, updated: 0, deleted: 0 });
  });

  it("sends no post that was already public when the choice was turned on", async () => {
    await new Promise((r) => setTimeout(r, 5));
    await saveSetting(db, "federationSendPosts", true);
    await beginSendingKind(db, "post");
    expect(await publish()).toEqual({ created: 0, updated: 0, deleted: 0 });
    const response = await fetch(`${site.origin}/ap/post/${alreadyPublicId}`, {
      headers: { accept: "application/activity+json" },
    });
    expect(response.status).toBe(404);
  });

  let postId: number;

  it("delivers a new public post as Create(Article) with its title and a link, once", async () => {
    await new Promise((r) => setTimeout(r, 5));
    const created = await post("Festival diary");
    postId = created.id;
    await post("An About page", "page"); // pages stay off
    expect(await publish()).toEqual({ created: 1, updated: 0, deleted: 0 });
    const [create] = await until(() => ofType("Create").length > 0 && ofType("Create"));
    const article = create!.object!;
    expect(article.type).toBe("Article");
    expect(article.id).toBe(`${site.origin}/ap/post/${postId}`);
    expect(article.name).toBe("Festival diary");
    expect(article.content).toContain(`${site.origin}/post/${created.slug}`);
    expect(article.content).toContain("the opening paragraph.");
    expect(await publish()).toEqual({ created: 0, updated: 0, deleted: 0 });
  });

  it("answers at the Article's id", async () => {
    const response = await fetch(`${site.origin}/ap/post/${postId}`, {
      headers: { accept: "application/activity+json" },
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body.type).toBe("Article");
    expect(body.name).toBe("Festival diary");
  });

  it("sends Update for an edit and Delete when it stops being public", async () => {
    await new Promise((r) => setTimeout(r, 5));
    const edit = { title: "Festival diary", slug: "festival-diary", tags: [] };
    await updatePost(db, postId, { ...edit, body: "Day two. Edited.", status: "published" });
    expect(await publish()).toMatchObject({ created: 0, updated: 1 });
    const [update] = await until(() => ofType("Update").length > 0 && ofType("Update"));
    expect(update!.object!.summary).toContain("Edited.");

    await updatePost(db, postId, { ...edit, body: "Back to a draft.", status: "draft" });
    expect(await publish()).toMatchObject({ deleted: 1 });
    const [del] = await until(() => ofType("Delete").length > 0 && ofType("Delete"));
    expect(JSON.stringify(del)).toContain(`/ap/post/${postId}`);
    const gone = await fetch(`${site.origin}/ap/post/${postId}`, {
      headers: { accept: "application/activity+json" },
    });
    expect(gone.status).toBe(404);
  });

  it("sends a page once however many rounds race for it, and Delete when it is deleted", async () => {
    await saveSetting(db, "federationSendPages", true);
    await beginSendingKind(db, "page");
    await new Promise((r) => setTimeout(r, 5));
    const page = await post("Colophon", "page");
    const rounds = await Promise.all([publish(), publish(), publish()]);
    expect(rounds.reduce((sum, round) => sum + round.created, 0)).toBe(1);
    const creates = await until(
      () => ofType("Create").some((a) => a.object?.name === "Colophon") && ofType("Create"),
    );
    const create = creates.find((a) => a.object?.name === "Colophon")!;
    expect(create.object!.content).toContain(`${site.origin}/pages/${page.slug}`);

    const deletesBefore = ofType("Delete").length;
    expect(await deletePost(db, page.id)).toBe(true);
    expect(await publish()).toMatchObject({ deleted: 1 });
    const deletes = await until(() => ofType("Delete").length > deletesBefore && ofType("Delete"));
    expect(JSON.stringify(deletes.at(-1))).toContain(`/ap/post/${page.id}`);
    await new Promise((r) => setTimeout(r, 300));
    expect(ofType("Create").filter((a) => a.object?.name === "Colophon")).toHaveLength(1);
  });
});
