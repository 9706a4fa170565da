// The blog actor's avatar and header uploaded in the fediverse settings, over a served site and
// both databases: real pictures made with sharp are cropped to Mastodon's shapes, stored in the
// site's media and named by the actor document, which a follower is sent at once as
// Update(Person); a file that is not a picture, or a header claiming huge dimensions, is
// refused with a message next to its field, the rest of the form as typed, nothing saved.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { crc32, deflateSync } from "node:zlib";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { profileDigest, sentProfileDigest } from "../../src/domain/federation/actor-profile.ts";
import { followerByActor } from "../../src/domain/federation/followers.ts";
import { publishProfileUpdate } from "../../src/federation/profile-update.ts";
import { loadSettings } from "../../src/domain/settings.ts";
import { addAccount, csrfToken, signIn, type App } from "../admin/admin-client.ts";
import { dialects, openTestDb, type TestDb } from "../support/databases.ts";
import { serveFederatedSite, type FederatedSite } from "../support/federated-site.ts";
import { startMastodonActor, type MastodonActor } from "../support/mastodon-actor.ts";
import { until } from "../support/until.ts";

/** A PNG whose header claims `width` × `height` pixels, with almost no pixel data behind it. */
function claimedHugePng(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const typed = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(typed));
    return Buffer.concat([length, typed, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // truecolour
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(Buffer.alloc(64))),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

describe.each(dialects)("uploading the blog actor's avatar and header on %s", (dialect) => {
  let db: TestDb;
  let site: FederatedSite;
  let follower: MastodonActor;
  let app: App;
  let cookie: string;
  let actorUri: string;

  beforeAll(async () => {
    db = await openTestDb(dialect);
    site = await serveFederatedSite(db, "127.0.0.2");
    follower = await startMastodonActor("127.0.0.3");
    site.startQueue();
    actorUri = `${site.origin}/@blog`;
    app = {
      request: (path: string, init?: RequestInit) =>
        fetch(`${site.origin}${path}`, { ...init, redirect: "manual" }),
    } as unknown as App;
    await addAccount(db, "owner", "boss");
    cookie = await signIn(app, "boss@example.com");
    await follower.send("follow.json", `${site.origin}/ap/inbox`, {
      ACTIVITY_ID: "f-images",
      TARGET: actorUri,
    });
    await until(async () => (await followerByActor(db, follower.actorUri))?.status === "accepted");
  });
  afterAll(async () => {
    await site?.close();
    await follower?.close();
    await db?.dispose();
  });

  const actorDoc = async () =>
    (await (
      await fetch(actorUri, { headers: { accept: "application/activity+json" } })
    ).json()) as Record<string, { url?: string; mediaType?: string } | undefined>;

  /** Posts the settings form as a browser does with files chosen. */
  async function postSettings(
    fields: Record<string, string>,
    files: Record<string, { bytes: Buffer; name: string; type: string }>,
  ) {
    const form = new FormData();
    form.append("_csrf", await csrfToken(app, cookie, "/admin/fediverse"));
    form.append("federationEnabled", "on");
    form.append("federationSlug", "blog");
    for (const [name, value] of Object.entries(fields)) form.append(name, value);
    for (const [name, file] of Object.entries(files)) {
      form.append(name, new File([new Uint8Array(file.bytes)], file.name, { type: file.type }));
    }
    return app.request("/admin/fediverse", {
      method: "POST",
      body: form,
      headers: { cookie, "sec-fetch-site": "same-origin" },
    });
  }
  const picture = (width: number, height: number, format: "png" | "jpeg") =>
    sharp({
      create: { width, height, channels: 3, background: { r: 30, g: 60, b: 200 } },
    })
      .toFormat(format)
      .toBuffer();
  const personUpdates = () =>
    follower.received.filter(
      (a) => a.type === "Update" && (a.object as { type?: string } | undefined)?.type === "Person",
    ) as { object: Record<string, { url?: string } | undefined> }[];

  let avatarUrl: string;

  it("tells the followers nothing on a round that finds no profile recorded yet", async () => {
    // A site just upgraded, or just federated: its followers fetched the profile as it is now,
    // so the first round records it as told instead of sending every follower an Update.
    expect(await sentProfileDigest(db)).toBe("");
    expect(await publishProfileUpdate(site.blog, site.origin)).toBe(false);
    expect(await sentProfileDigest(db)).toBe(profileDigest(await loadSettings(db)));
    expect(await publishProfileUpdate(site.blog, site.origin)).toBe(false);
  });

  it("crops uploads, serves them, names them in the profile and tells the followers", async () => {
    const saved = await postSettings(
      {},
      {
        federationAvatarUpload: {
          bytes: await picture(800, 600, "png"),
          name: "me.png",
          type: "image/png",
        },
        federationHeaderUpload: {
          bytes: await picture(2000, 1000, "jpeg"),
          name: "wide.jpg",
          type: "image/jpeg",
        },
      },
    );
    expect(saved.status).toBe(303);
    const settings = await loadSettings(db);
    expect(settings.federationAvatar).toMatch(/^fediverse\/avatar-[\w-]{12}\.jpg$/);
    expect(settings.federationHeader).toMatch(/^fediverse\/header-[\w-]{12}\.jpg$/);

    const doc = await actorDoc();
    avatarUrl = `${site.origin}/media/${settings.federationAvatar}`;
    expect(doc.icon).toMatchObject({ url: avatarUrl, mediaType: "image/jpeg" });
    expect(doc.image).toMatchObject({ url: `${site.origin}/media/${settings.federationHeader}` });
    for (const [url, width, height] of [
      [avatarUrl, 400, 400],
      [doc.image!.url!, 1500, 500],
    ] as const) {
      const served = await fetch(url);
      expect(served.status).toBe(200);
      expect(served.headers.get("content-type")).toBe("image/jpeg");
      const meta = await sharp(Buffer.from(await served.arrayBuffer())).metadata();
      expect([meta.width, meta.height]).toEqual([width, height]);
    }
    const update = await until(() => personUpdates()[0]);
    expect(update.object.icon?.url).toBe(avatarUrl);

    // Saved again without a new file, the upload stays, and no second Update goes out.
    const again = await postSettings(
      {
        federationAvatar: settings.federationAvatar,
        federationHeader: settings.federationHeader,
      },
      {},
    );
    expect(again.status).toBe(303);
    expect((await loadSettings(db)).federationAvatar).toBe(settings.federationAvatar);
    expect(personUpdates()).toHaveLength(1);
  });

  it("refuses a file that is not a picture, keeping what was typed and saving nothing", async () => {
    const before = await loadSettings(db);
    const refused = await postSettings(
      {
        federationAvatar: before.federationAvatar,
        federationAlsoKnownAs: "https://old.example/users/films",
      },
      {
        federationAvatarUpload: {
          bytes: Buffer.from("<svg onload=alert(1)>not a picture</svg>"),
          name: "avatar.png",
          type: "image/png",
        },
      },
    );
    expect(refused.status).toBe(400);
    const html = await refused.text();
    expect(html).toContain("This is not an image file Cinelog can read");
    expect(html).toContain("https://old.example/users/films");
    expect(await loadSettings(db)).toMatchObject({
      federationAvatar: before.federationAvatar,
      federationAlsoKnownAs: "",
    });
  });

  it("refuses a header claiming huge dimensions before decoding it", async () => {
    const before = await loadSettings(db);
    const refused = await postSettings(
      { federationHeader: before.federationHeader },
      {
        federationHeaderUpload: {
          bytes: claimedHugePng(60_000, 60_000),
          name: "bomb.png",
          type: "image/png",
        },
        federationAvatarUpload: {
          bytes: await picture(300, 300, "png"),
          name: "fine.png",
          type: "image/png",
        },
      },
    );
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("60000 × 60000 pixels");
    // The avatar that was fine is not kept either: nothing of a refused form is.
    expect(await loadSettings(db)).toMatchObject({
      federationAvatar: before.federationAvatar,
      federationHeader: before.federationHeader,
    });
    const { readdir } = await import("node:fs/promises");
    expect(await readdir(join(db.mediaDir, "fediverse"))).toHaveLength(2);
  });

  it("removes a replaced upload from the media", async () => {
    const before = await loadSettings(db);
    const saved = await postSettings(
      { federationHeader: before.federationHeader },
      {
        federationAvatarUpload: {
          bytes: await picture(500, 500, "jpeg"),
          name: "new.jpg",
          type: "image/jpeg",
        },
      },
    );
    expect(saved.status).toBe(303);
    const after = await loadSettings(db);
    expect(after.federationAvatar).not.toBe(before.federationAvatar);
    expect(existsSync(join(db.mediaDir, after.federationAvatar))).toBe(true);
    expect(existsSync(join(db.mediaDir, before.federationAvatar))).toBe(false);
    expect((await fetch(avatarUrl)).status).toBe(404);
    await until(() => personUpdates().length === 2);
  });
});
