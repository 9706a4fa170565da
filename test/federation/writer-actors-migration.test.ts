// Migration 036 on a site that already has followers: SQLite cannot change the table's unique
// constraint in place, so federation_followers is rebuilt; every row keeps its id and values
// and now follows the blog (writer_id 0), new ids follow the old ones, and the same account
// may then follow a writer as well.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrateToLatest } from "../../src/db/migrate.ts";
import { followerByActor, saveFollower } from "../../src/domain/federation/followers.ts";
import { createUser } from "../../src/domain/users.ts";
import { openDatabaseAt, type DatabaseAtMigration } from "../support/database-at-migration.ts";
import { dialects } from "../support/databases.ts";

describe.each(dialects)("migration 036 on existing followers, %s", (dialect) => {
  let site: DatabaseAtMigration;

  beforeAll(async () => {
    site = await openDatabaseAt(dialect, "035-listing-indexes");
    for (const [id, name] of [
      [7, "rosa"],
      [12, "ines"],
    ] as const) {
      await site.db.kysely
        .insertInto("federation_followers")
        .values({
          id,
          actor_uri: `https://films.example/users/${name}`,
          host: "films.example",
          handle: `@${name}@films.example`,
          name,
          inbox_uri: `https://films.example/users/${name}/inbox`,
          shared_inbox_uri: "https://films.example/inbox",
          follow_id: `https://films.example/follows/${name}`,
          status: "accepted",
          created_at: "2026-01-01T00:00:00.000Z",
        })
        .execute();
    }
    await migrateToLatest(site.db);
  });
  afterAll(async () => {
    await site?.dispose();
  });

  it("keeps every follower, as a follower of the blog", async () => {
    const rosa = await followerByActor(site.db, "https://films.example/users/rosa");
    expect(rosa).toMatchObject({
      id: 7,
      handle: "@rosa@films.example",
      shared_inbox_uri: "https://films.example/inbox",
      follow_id: "https://films.example/follows/rosa",
      status: "accepted",
      writer_id: 0,
    });
    expect((await followerByActor(site.db, "https://films.example/users/ines"))?.id).toBe(12);
  });

  it("gives new followers later ids, and lets one account follow a writer too", async () => {
    const writer = await createUser(site.db, {
      email: "ada@example.com",
      displayName: "Ada",
      role: "author",
      password: null,
    });
    const rosaFollowsAda = {
      actorUri: "https://films.example/users/rosa",
      handle: null,
      name: "rosa",
      inboxUri: "https://films.example/users/rosa/inbox",
      sharedInboxUri: null,
      followId: null,
      status: "accepted" as const,
      writerId: writer.id,
    };
    await saveFollower(site.db, rosaFollowsAda);
    const row = await followerByActor(site.db, rosaFollowsAda.actorUri, writer.id);
    expect(row?.id).toBeGreaterThan(12);
    expect((await followerByActor(site.db, rosaFollowsAda.actorUri))?.id).toBe(7);
  });
});
