// The owner's fediverse page over a served site, on both databases: turning federation on
// with a handle, a held Follow accepted from the page (the Accept reaches the Mastodon-shaped
// account), the dashboard's count, a mention with no thread listed, and a server blocked from
// the page taking its follows, and the choice of sending posts and pages.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { followerByActor } from "../../src/domain/federation/followers.ts";
import { loadSettings } from "../../src/domain/settings.ts";
import { addAccount, csrfToken, getAs, postForm, signIn, type App } from "../admin/admin-client.ts";
import { dialects, openTestDb, type TestDb } from "../support/databases.ts";
import { serveFederatedSite, type FederatedSite } from "../support/federated-site.ts";
import { startMastodonActor, type MastodonActor } from "../support/mastodon-actor.ts";
import { until } from "../support/until.ts";

describe.each(dialects)("fediverse admin on %s", (dialect) => {
  let db: TestDb;
  let site: FederatedSite;
  let mastodon: MastodonActor;
  let app: App;
  let cookie: string;

  beforeAll(async () => {
    db = await openTestDb(dialect);
    site = await serveFederatedSite(db, "127.0.0.2", { enable: false });
    mastodon = await startMastodonActor("127.0.0.3");
    site.startQueue();
    // The served site, through the helpers written for the in-process app.
    app = {
      request: (path: string, init?: RequestInit) =>
        fetch(`${site.origin}${path}`, { ...init, redirect: "manual" }),
    } as unknown as App;
    await addAccount(db, "owner", "boss");
    await addAccount(db, "editor");
    cookie = await signIn(app, "boss@example.com");
  });
  afterAll(async () => {
    await site?.close();
    await mastodon?.close();
    await db?.dispose();
  });

  it("says that federating makes requests to other servers, and turns it on", async () => {
    const { html } = await getAs(app, "/admin/fediverse", cookie);
    expect(html).toContain("makes requests to those servers");
    const refused = await postForm(
      app,
      "/admin/fediverse",
      {
        _csrf: await csrfToken(app, cookie, "/admin/fediverse"),
        federationEnabled: "on",
        federationSlug: "Not A Slug!",
      },
      { cookie },
    );
    expect(refused.status).toBe(400);
    expect((await loadSettings(db)).federationEnabled).toBe(false);
    const saved = await postForm(
      app,
      "/admin/fediverse",
      {
        _csrf: await csrfToken(app, cookie, "/admin/fediverse"),
        federationEnabled: "on",
        federationSlug: "films",
        federationApproveFollows: "on",
      },
      { cookie },
    );
    expect(saved.status).toBe(303);
    const settings = await loadSettings(db);
    expect([settings.federationEnabled, settings.federationSlug]).toEqual([true, "films"]);
  });

  it("keeps the page and its actions from anyone but the owner", async () => {
    const editor = await signIn(app, "editor@example.com");
    expect((await getAs(app, "/admin/fediverse", editor)).response.status).toBe(403);
    const noToken = await postForm(
      app,
      "/admin/fediverse/blocks",
      { block: "x.example" },
      {
        cookie,
      },
    );
    expect(noToken.status).toBe(403);
  });

  it("accepts a held follower from the page and counts it on the dashboard", async () => {
    const actorUri = `${site.origin}/@films`;
    await mastodon.send("follow.json", `${site.origin}/ap/inbox`, {
      ACTIVITY_ID: "held",
      TARGET: actorUri,
    });
    const held = await until(() => followerByActor(db, mastodon.actorUri));
    expect(held.status).toBe("pending");
    const { html } = await getAs(app, "/admin/fediverse", cookie);
    expect(html).toContain("Waiting for your approval (1)");
    expect(html).toContain("Marguerite at the Pictures");
    const accepted = await postForm(
      app,
      "/admin/fediverse/followers",
      {
        _csrf: await csrfToken(app, cookie, "/admin/fediverse"),
        id: String(held.id),
        action: "approve",
      },
      { cookie },
    );
    expect(accepted.status).toBe(303);
    expect((await followerByActor(db, mastodon.actorUri))?.status).toBe("accepted");
    const accept = await until(() => mastodon.received.find((a) => a.type === "Accept"));
    expect(JSON.stringify(accept.object)).toContain(`${mastodon.origin}/held`);
    const dashboard = await getAs(app, "/admin", cookie);
    expect(dashboard.html).toContain("Fediverse followers: 1");
  });

  it("lists a mention of the blog that replies to nothing here", async () => {
    const noteId = `${mastodon.actorUri}/statuses/55`;
    await mastodon.send("create-note.json", `${site.origin}/ap/inbox`, {
      STATUS_ID: "55",
      NOTE_ID: noteId,
      IN_REPLY_TO: `${mastodon.origin}/users/someone/statuses/1`,
      BLOG_ACTOR: `${site.origin}/@films`,
      TEXT: "Hello from the second-run cinema.",
    });
    const html = await until(async () => {
      const page = (await getAs(app, "/admin/fediverse", cookie)).html;
      return page.includes("Hello from the second-run cinema.") && page;
    });
    expect(html).toContain(`href="${mastodon.origin}/@marguerite/55"`);
    expect(html).not.toContain("<script>alert(1)");
  });

  it("blocks a server from the page: its follower goes", async () => {
    const blocked = await postForm(
      app,
      "/admin/fediverse/blocks",
      { _csrf: await csrfToken(app, cookie, "/admin/fediverse"), block: "127.0.0.3" },
      { cookie },
    );
    expect(blocked.status).toBe(303);
    expect(await followerByActor(db, mastodon.actorUri)).toBeUndefined();
    const { html } = await getAs(app, "/admin/fediverse", cookie);
    expect(html).toContain("Server 127.0.0.3");
    expect(html).toContain("Followers (0)");
  });

  it("offers posts and pages as choices, off until ticked, and dates each from its turning on", async () => {
    expect((await loadSettings(db)).federationSendPosts).toBe(false);
    const { html } = await getAs(app, "/admin/fediverse", cookie);
    expect(html).toContain("Send posts too");
    expect(html).toContain("Send pages too");
    const saved = await postForm(
      app,
      "/admin/fediverse",
      {
        _csrf: await csrfToken(app, cookie, "/admin/fediverse"),
        federationEnabled: "on",
        federationSlug: "films",
        federationApproveFollows: "on",
        federationSendPages: "on",
      },
      { cookie },
    );
    expect(saved.status).toBe(303);
    const settings = await loadSettings(db);
    expect([settings.federationSendPosts, settings.federationSendPages]).toEqual([false, true]);
    const since = await db.kysely
      .selectFrom("settings")
      .select("key")
      .where("key", "like", "federation.since.%")
      .execute();
    expect(since.map((row) => row.key)).toEqual(["federation.since.page"]);
  });
});
