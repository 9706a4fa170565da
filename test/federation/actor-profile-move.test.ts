// The blog actor's profile and its move, over a served site and both databases: the owner
// picks an avatar and header among the site's stills and lists earlier accounts, and the actor
// document shows them (with its PropertyValue link to the site); moving to another account
// (a Mastodon-shaped one) is refused until that account names the blog as an alias, asks for
// confirmation, then sends Move to the followers and shows movedTo; the move is undone after
// a confirmation too, with Update(Person) to the followers; CSRF guards every step.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { followerByActor } from "../../src/domain/federation/followers.ts";
import { createReview } from "../../src/domain/reviews.ts";
import { loadSettings } from "../../src/domain/settings.ts";
import { addStill } from "../../src/domain/stills.ts";
import { addAccount, csrfToken, getAs, postForm, signIn, type App } from "../admin/admin-client.ts";
import { dialects, openTestDb, type TestDb } from "../support/databases.ts";
import { serveFederatedSite, type FederatedSite } from "../support/federated-site.ts";
import { buildFixture } from "../support/fixture.ts";
import { startMastodonActor, type MastodonActor } from "../support/mastodon-actor.ts";
import { until } from "../support/until.ts";

describe.each(dialects)("the blog actor's profile and move on %s", (dialect) => {
  let db: TestDb;
  let site: FederatedSite;
  let follower: MastodonActor;
  let newHome: MastodonActor;
  let app: App;
  let cookie: string;
  let actorUri: string;

  beforeAll(async () => {
    db = await openTestDb(dialect);
    const fixture = await buildFixture(db);
    site = await serveFederatedSite(db, "127.0.0.2");
    follower = await startMastodonActor("127.0.0.3");
    newHome = await startMastodonActor("127.0.0.4", "cinelog_films");
    site.startQueue();
    actorUri = `${site.origin}/@blog`;
    app = {
      request: (path: string, init?: RequestInit) =>
        fetch(`${site.origin}${path}`, { ...init, redirect: "manual" }),
    } as unknown as App;
    await addAccount(db, "owner", "boss");
    cookie = await signIn(app, "boss@example.com");
    const review = await createReview(db, {
      filmId: fixture.films.friday.id,
      authorId: fixture.author.id,
      body: "Stills for a profile.",
      status: "published",
    });
    for (const [path, alt] of [
      ["stills/newsroom.jpg", "The newsroom at night"],
      ["stills/typewriter.jpg", "A typewriter"],
    ]) {
      await addStill(db, { reviewId: review.id, path: path!, width: 1200, height: 675, alt: alt! });
    }
  });
  afterAll(async () => {
    await site?.close();
    await follower?.close();
    await newHome?.close();
    await db?.dispose();
  });

  const actorDoc = async () =>
    (await (
      await fetch(actorUri, { headers: { accept: "application/activity+json" } })
    ).json()) as Record<string, unknown>;
  const token = () => csrfToken(app, cookie, "/admin/fediverse");
  const settingsForm = async (extra: Record<string, string>) => ({
    _csrf: await token(),
    federationEnabled: "on",
    federationSlug: "blog",
    ...extra,
  });

  it("refuses an earlier account that is not an address, keeping what was typed", async () => {
    const refused = await postForm(
      app,
      "/admin/fediverse",
      await settingsForm({ federationAlsoKnownAs: "https://old.example/users/blog\nnot one" }),
      { cookie },
    );
    expect(refused.status).toBe(400);
    const html = await refused.text();
    expect(html).toContain("one a line");
    expect(html).toContain("not one");
    expect((await loadSettings(db)).federationAlsoKnownAs).toBe("");
  });

  it("shows the chosen avatar, header and earlier accounts in the actor document", async () => {
    const { html } = await getAs(app, "/admin/fediverse", cookie);
    expect(html).toContain("The newsroom at night");
    const saved = await postForm(
      app,
      "/admin/fediverse",
      await settingsForm({
        federationAvatar: "stills/typewriter.jpg",
        federationHeader: "stills/newsroom.jpg",
        federationAlsoKnownAs: "https://old.example/users/blog",
      }),
      { cookie },
    );
    expect(saved.status).toBe(303);
    const doc = await actorDoc();
    expect(doc.icon).toMatchObject({
      type: "Image",
      url: `${site.origin}/media/stills/typewriter.jpg`,
      mediaType: "image/jpeg",
    });
    expect(doc.image).toMatchObject({ url: `${site.origin}/media/stills/newsroom.jpg` });
    // Compacted JSON-LD: a list of one is the one value.
    expect([doc.alsoKnownAs].flat()).toEqual(["https://old.example/users/blog"]);
    expect(doc.attachment).toMatchObject({ type: "PropertyValue", name: "Website" });
    expect(doc.movedTo).toBeUndefined();
    // A path that is not a still of the site is not shown.
    await postForm(
      app,
      "/admin/fediverse",
      await settingsForm({ federationAvatar: "../../etc/passwd" }),
      { cookie },
    );
    expect((await actorDoc()).icon).toBeUndefined();
  });

  it("refuses to move to an account that does not name the blog, or without a token", async () => {
    await follower.send("follow.json", `${site.origin}/ap/inbox`, {
      ACTIVITY_ID: "f-move",
      TARGET: actorUri,
    });
    await until(async () => (await followerByActor(db, follower.actorUri))?.status === "accepted");
    const notYet = await postForm(
      app,
      "/admin/fediverse/move",
      { _csrf: await token(), address: newHome.actorUri },
      { cookie },
    );
    expect(notYet.status).toBe(400);
    const html = await notYet.text();
    expect(html).toContain("does not name this one as an alias");
    expect(html).toContain(newHome.actorUri);
    newHome.alsoKnownAs = [actorUri];
    const noToken = await postForm(
      app,
      "/admin/fediverse/move",
      { address: newHome.actorUri, confirm: "yes" },
      { cookie },
    );
    expect(noToken.status).toBe(403);
    expect((await loadSettings(db)).federationMovedTo).toBe("");
  });

  it("asks first, then sends Move to the followers and shows movedTo", async () => {
    const asked = await postForm(
      app,
      "/admin/fediverse/move",
      { _csrf: await token(), address: newHome.actorUri },
      { cookie },
    );
    expect(asked.status).toBe(200);
    const label = `@cinelog_films@${new URL(newHome.origin).host}`;
    expect(await asked.text()).toContain(`Move the blog&#39;s account to ${label}?`);
    expect((await loadSettings(db)).federationMovedTo).toBe("");
    expect(follower.received.some((a) => a.type === "Move")).toBe(false);

    const moved = await postForm(
      app,
      "/admin/fediverse/move",
      { _csrf: await token(), address: newHome.actorUri, confirm: "yes" },
      { cookie },
    );
    expect(moved.status).toBe(303);
    expect(moved.headers.get("location")).toBe("/admin/fediverse?done=moved");
    const move = await until(() => follower.received.find((a) => a.type === "Move"));
    expect(move).toMatchObject({ actor: actorUri, object: actorUri, target: newHome.actorUri });
    expect((await actorDoc()).movedTo).toBe(newHome.actorUri);
    const { html } = await getAs(app, "/admin/fediverse", cookie);
    expect(html).toContain("has moved to");
  });

  it("undoes the move after asking, and tells the followers with Update(Person)", async () => {
    const { html: asked } = await getAs(app, "/admin/fediverse/move/undo", cookie);
    expect(asked).toContain(`Undo the move to ${newHome.actorUri}?`);
    const unconfirmed = await postForm(
      app,
      "/admin/fediverse/move/undo",
      { _csrf: await token() },
      { cookie },
    );
    expect(unconfirmed.headers.get("location")).toBe("/admin/fediverse/move/undo");
    const noToken = await postForm(
      app,
      "/admin/fediverse/move/undo",
      { confirm: "yes" },
      { cookie },
    );
    expect(noToken.status).toBe(403);
    expect((await loadSettings(db)).federationMovedTo).toBe(newHome.actorUri);

    const personUpdates = () =>
      follower.received.filter(
        (a) =>
          a.type === "Update" && (a.object as { type?: string } | undefined)?.type === "Person",
      ) as { actor: string; object: Record<string, unknown> }[];
    // The move itself was followed by the profile showing movedTo.
    const afterMove = await until(() => {
      const found = personUpdates();
      return found.length > 0 && found;
    });
    expect(afterMove.at(-1)!.object.movedTo).toBe(newHome.actorUri);
    const undone = await postForm(
      app,
      "/admin/fediverse/move/undo",
      { _csrf: await token(), confirm: "yes" },
      { cookie },
    );
    expect(undone.headers.get("location")).toBe("/admin/fediverse?done=unmoved");
    expect((await loadSettings(db)).federationMovedTo).toBe("");
    expect((await actorDoc()).movedTo).toBeUndefined();
    const update = await until(() => personUpdates()[afterMove.length]);
    expect(update.actor).toBe(actorUri);
    expect(update.object.id).toBe(actorUri);
    expect(update.object.movedTo).toBeUndefined();
    const { html } = await getAs(app, "/admin/fediverse", cookie);
    expect(html).not.toContain("has moved to");
    expect(html).toContain("Move the blog&#39;s account to another one");
  });
});
