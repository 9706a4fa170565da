// Writers' fediverse accounts from the admin, over a served site on both databases: a writer
// turns theirs on in "Your account" (a refused name keeps what was typed), it is then found by
// WebFinger; the owner's followers list says which account each follower follows; the owner
// cannot give the blog a writer's name; and the owner's site-wide switch takes every writer's
// account (and the form) away.
import { parseHTML } from "linkedom";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { saveFollower } from "../../src/domain/federation/followers.ts";
import { writerActorSettings } from "../../src/domain/federation/writer-actors.ts";
import { loadSettings, saveSetting } from "../../src/domain/settings.ts";
import {
  addAccount,
  csrfToken,
  formState,
  getAs,
  postForm,
  signIn,
  type App,
} from "../admin/admin-client.ts";
import { dialects, openTestDb, type TestDb } from "../support/databases.ts";
import { serveFederatedSite, type FederatedSite } from "../support/federated-site.ts";

describe.each(dialects)("writers' fediverse accounts in the admin on %s", (dialect) => {
  let db: TestDb;
  let site: FederatedSite;
  let app: App;
  let owner: string;
  let writer: string;
  let writerId: number;
  let host: string;

  beforeAll(async () => {
    db = await openTestDb(dialect);
    site = await serveFederatedSite(db, "127.0.0.2");
    host = new URL(site.origin).host;
    app = {
      request: (path: string, init?: RequestInit) =>
        fetch(`${site.origin}${path}`, { ...init, redirect: "manual" }),
    } as unknown as App;
    await addAccount(db, "owner", "boss");
    writerId = (await addAccount(db, "author", "ada")).id;
    owner = await signIn(app, "boss@example.com");
    writer = await signIn(app, "ada@example.com");
  });
  afterAll(async () => {
    await site?.close();
    await db?.dispose();
  });

  const finger = (user: string) =>
    fetch(`${site.origin}/.well-known/webfinger?resource=acct:${user}@${host}`);
  const saveAccount = async (fields: Record<string, string>) =>
    postForm(
      app,
      "/admin/account/fediverse",
      { _csrf: await csrfToken(app, writer, "/admin/account"), ...fields },
      { cookie: writer },
    );

  it("lets a writer turn their account on, keeping what was typed when refused", async () => {
    const { html } = await getAs(app, "/admin/account", writer);
    expect(html).toContain("Your fediverse account");
    const refused = await saveAccount({
      fediverseEnabled: "on",
      fediverseUsername: "Ada Lovelace!",
      fediverseBio: "Silent films, mostly.",
    });
    expect(refused.status).toBe(400);
    const form = formState(parseHTML(await refused.text()).document);
    expect(form.error("fediverseUsername")).toContain("lower-case letters");
    expect(form.value("fediverseUsername")).toBe("Ada Lovelace!");
    expect(form.value("fediverseBio")).toBe("Silent films, mostly.");
    expect(form.value("fediverseEnabled")).toBe("on");
    expect(await writerActorSettings(db, writerId)).toBeUndefined();
    expect((await finger("ada")).status).toBe(404);

    const saved = await saveAccount({
      fediverseEnabled: "on",
      fediverseUsername: "ada",
      fediverseBio: "Silent films, mostly.",
    });
    expect(saved.status).toBe(303);
    expect(saved.headers.get("location")).toBe("/admin/account?saved=fediverse");
    expect(await writerActorSettings(db, writerId)).toEqual({
      username: "ada",
      enabled: true,
      bio: "Silent films, mostly.",
    });
    expect((await finger("ada")).status).toBe(200);
  });

  it("shows the owner which account each follower follows", async () => {
    await saveFollower(db, {
      actorUri: "https://films.example/users/rosa",
      handle: "@rosa@films.example",
      name: "Rosa",
      inboxUri: "https://films.example/users/rosa/inbox",
      sharedInboxUri: null,
      followId: null,
      status: "accepted",
      writerId,
    });
    await saveFollower(db, {
      actorUri: "https://films.example/users/rosa",
      handle: "@rosa@films.example",
      name: "Rosa",
      inboxUri: "https://films.example/users/rosa/inbox",
      sharedInboxUri: null,
      followId: null,
      status: "accepted",
    });
    const { document } = await getAs(app, "/admin/fediverse", owner);
    const followed = [...document.querySelectorAll(".followers .followed")].map(
      (el) => el.textContent,
    );
    expect(followed.sort()).toEqual([`follows @ada@${host}`, `follows @blog@${host}`]);
  });

  it("refuses the writer's name as the blog's handle", async () => {
    const refused = await postForm(
      app,
      "/admin/fediverse",
      {
        _csrf: await csrfToken(app, owner, "/admin/fediverse"),
        federationEnabled: "on",
        federationSlug: "ada",
        federationWriterActors: "on",
      },
      { cookie: owner },
    );
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("fediverse account has this name");
    expect((await loadSettings(db)).federationSlug).toBe("blog");
  });

  it("takes every writer's account away when the owner turns the feature off", async () => {
    const saved = await postForm(
      app,
      "/admin/fediverse",
      {
        _csrf: await csrfToken(app, owner, "/admin/fediverse"),
        federationEnabled: "on",
        federationSlug: "blog",
      },
      { cookie: owner },
    );
    expect(saved.status).toBe(303);
    expect((await loadSettings(db)).federationWriterActors).toBe(false);
    expect((await finger("ada")).status).toBe(404);
    const { html } = await getAs(app, "/admin/account", writer);
    expect(html).not.toContain("Your fediverse account");
    expect((await saveAccount({ fediverseUsername: "ada" })).status).toBe(404);
    await saveSetting(db, "federationWriterActors", true);
  });
});
