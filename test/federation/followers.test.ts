// The blog as an actor, followed from a Mastodon-shaped account, on loopback and both
// databases: WebFinger and the actor document (absent while federation is off), a signed
// Follow recorded and answered with an Accept through the queue, an unsigned one refused,
// Undo removing the follower, held follows, blocks, and the inbox's size limit.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { saveSetting } from "../../src/domain/settings.ts";
import {
  addBlock,
  followerByActor,
  followerCounts,
} from "../../src/domain/federation/followers.ts";
import { dialects, openTestDb, type TestDb } from "../support/databases.ts";
import { serveFederatedSite, type FederatedSite } from "../support/federated-site.ts";
import { startMastodonActor, type MastodonActor } from "../support/mastodon-actor.ts";
import { until } from "../support/until.ts";

const activityJson = { accept: "application/activity+json" };

describe.each(dialects)("fediverse followers on %s", (dialect) => {
  let db: TestDb;
  let site: FederatedSite;
  let mastodon: MastodonActor;
  let actorUri: string;
  let inbox: string;

  beforeAll(async () => {
    db = await openTestDb(dialect);
    site = await serveFederatedSite(db, "127.0.0.2", { enable: false });
    mastodon = await startMastodonActor("127.0.0.3");
    site.startQueue();
    actorUri = `${site.origin}/@blog`;
    inbox = `${site.origin}/ap/inbox/blog`;
  });
  afterAll(async () => {
    await site?.close();
    await mastodon?.close();
    await db?.dispose();
  });

  it("is not there while federation is off", async () => {
    const host = new URL(site.origin).host;
    const finger = await fetch(`${site.origin}/.well-known/webfinger?resource=acct:blog@${host}`);
    expect(finger.status).toBe(404);
    expect((await fetch(actorUri, { headers: activityJson })).status).toBe(404);
    await saveSetting(db, "federationEnabled", true);
  });

  it("answers WebFinger and serves the actor by content negotiation", async () => {
    const host = new URL(site.origin).host;
    const finger = await fetch(`${site.origin}/.well-known/webfinger?resource=acct:blog@${host}`);
    expect(finger.status).toBe(200);
    expect(finger.headers.get("cache-control")).toBe("no-store");
    const jrd = (await finger.json()) as { links: { rel: string; href?: string }[] };
    expect(jrd.links.find((l) => l.rel === "self")?.href).toBe(actorUri);

    const actor = await fetch(actorUri, { headers: activityJson });
    expect(actor.status).toBe(200);
    const doc = (await actor.json()) as Record<string, unknown>;
    expect(doc.type).toBe("Person");
    expect(doc.preferredUsername).toBe("blog");
    expect(doc.name).toBe("Cinelog");
    expect(doc.url).toBe(`${site.origin}/`);
    expect(doc.inbox).toBe(inbox);
    expect((doc.endpoints as { sharedInbox: string }).sharedInbox).toBe(`${site.origin}/ap/inbox`);
    expect((doc.publicKey as { publicKeyPem: string }).publicKeyPem).toContain("BEGIN PUBLIC KEY");
    expect(JSON.stringify(doc.attachment)).toContain("PropertyValue");

    // A browser on the same address is sent to the blog.
    const page = await fetch(actorUri, { headers: { accept: "text/html" }, redirect: "manual" });
    expect(page.status).toBe(302);
    expect(page.headers.get("location")).toBe("/");
    // The keys are made once and kept.
    const again = (await (await fetch(actorUri, { headers: activityJson })).json()) as typeof doc;
    expect(again.publicKey).toEqual(doc.publicKey);
  });

  it("refuses an unsigned Follow and an oversized body", async () => {
    const unsigned = await fetch(inbox, {
      method: "POST",
      headers: { "content-type": "application/activity+json" },
      body: JSON.stringify({
        "@context": "https://www.w3.org/ns/activitystreams",
        id: `${mastodon.origin}/forged`,
        type: "Follow",
        actor: mastodon.actorUri,
        object: actorUri,
      }),
    });
    expect(unsigned.status).toBe(401);
    const huge = await fetch(inbox, {
      method: "POST",
      headers: { "content-type": "application/activity+json" },
      body: "x".repeat(300 * 1024),
    });
    expect(huge.status).toBe(413);
    expect(await followerByActor(db, mastodon.actorUri)).toBeUndefined();
  });

  it("records a Mastodon Follow and accepts it", async () => {
    const response = await mastodon.send("follow.json", inbox, {
      ACTIVITY_ID: "a1b2c3d4-follow",
      TARGET: actorUri,
    });
    expect(response.status).toBe(202);
    const follower = await until(() => followerByActor(db, mastodon.actorUri));
    expect(follower.status).toBe("accepted");
    expect(follower.shared_inbox_uri).toBe(`${mastodon.origin}/inbox`);
    expect(follower.name).toBe("Marguerite at the Pictures");
    expect(follower.handle).toBe(`@marguerite@${new URL(mastodon.origin).host}`);
    const accept = await until(() => mastodon.received.find((a) => a.type === "Accept"));
    expect(accept.actor).toBe(actorUri);
    expect(JSON.stringify(accept.object)).toContain(`${mastodon.origin}/a1b2c3d4-follow`);
    expect(await followerCounts(db)).toEqual({ accepted: 1, pending: 0 });
  });

  it("removes the follower on Undo(Follow)", async () => {
    const response = await mastodon.send("undo-follow.json", inbox, {
      ACTIVITY_ID: "a1b2c3d4-follow",
      UNDO_ID: "99",
      TARGET: actorUri,
    });
    expect(response.status).toBe(202);
    await until(async () => (await followerByActor(db, mastodon.actorUri)) === undefined);
    expect(await followerCounts(db)).toEqual({ accepted: 0, pending: 0 });
  });

  it("holds a Follow for the owner when approval is asked for", async () => {
    await saveSetting(db, "federationApproveFollows", true);
    const before = mastodon.received.length;
    await mastodon.send("follow.json", inbox, { ACTIVITY_ID: "held-follow", TARGET: actorUri });
    const follower = await until(() => followerByActor(db, mastodon.actorUri));
    expect(follower.status).toBe("pending");
    expect(await followerCounts(db)).toEqual({ accepted: 0, pending: 1 });
    await new Promise((r) => setTimeout(r, 300));
    expect(mastodon.received.slice(before).filter((a) => a.type === "Accept")).toEqual([]);
    await saveSetting(db, "federationApproveFollows", false);
  });

  it("drops a blocked server's follows and refuses new ones", async () => {
    await addBlock(db, "server", new URL(mastodon.origin).hostname);
    expect(await followerByActor(db, mastodon.actorUri)).toBeUndefined();
    await mastodon.send("follow.json", inbox, { ACTIVITY_ID: "after-block", TARGET: actorUri });
    const reject = await until(() => mastodon.received.find((a) => a.type === "Reject"));
    expect(JSON.stringify(reject.object)).toContain("after-block");
    expect(await followerByActor(db, mastodon.actorUri)).toBeUndefined();
  });
  it("answers 429 to a server past 300 inbox posts a minute, and only to that server", async () => {
    // Signatures naming keys on one server: counted against that server before Fedify checks
    // them (so a flood costs no signature work), whatever the signatures are worth.
    const post = (server: string) =>
      fetch(inbox, {
        method: "POST",
        headers: {
          "content-type": "application/activity+json",
          signature: `keyId="https://${server}/users/flood#main-key",headers="(request-target)",signature="AAAA"`,
        },
        body: "{}",
      });
    const flooder = `flood-${dialect}.example`;
    const statuses: number[] = [];
    for (let batch = 0; batch < 6; batch++) {
      const answers = await Promise.all(Array.from({ length: 50 }, () => post(flooder)));
      statuses.push(...answers.map((answer) => answer.status));
    }
    expect(statuses).toHaveLength(300);
    expect(statuses).not.toContain(429);
    const over = await post(flooder);
    expect(over.status).toBe(429);
    expect(over.headers.get("retry-after")).toBe("60");
    // Another server is not held back by the first one's flood.
    expect((await post(`other-${dialect}.example`)).status).not.toBe(429);
  });
});
