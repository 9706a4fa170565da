// Migration 036 on a site that already has followers: SQLite cannot change the table's unique
// constraint in place, so federation_followers is rebuilt; every row keeps its id and values
// and now follows the blog (writer_id 0), new ids follow the old ones, and the same account
// may then follow a writer as well.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { Migrator } from "kysely";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connect, type Db } from "../../src/db/connect.ts";
import { migrateToLatest, migrationsFor } from "../../src/db/migrate.ts";
import { followerByActor, saveFollower } from "../../src/domain/federation/followers.ts";
import { createUser } from "../../src/domain/users.ts";
import { dialects, postgresUrl } from "../support/databases.ts";

async function openAt035(dialect: "sqlite" | "postgres") {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cinelog-036-"));
  let db: Db;
  let drop = async () => {};
  if (dialect === "sqlite") {
    db = connect(`sqlite:${path.join(dir, "test.db")}`);
  } else {
    const schema = `m_${randomBytes(6).toString("hex")}`;
    const admin = new pg.Client({ connectionString: postgresUrl });
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    await admin.end();
    db = connect(postgresUrl, { schema, maxConnections: 2 });
    drop = async () => {
      const cleaner = new pg.Client({ connectionString: postgresUrl });
      await cleaner.connect();
      await cleaner.query(`drop schema ${schema} cascade`);
      await cleaner.end();
    };
  }
  const migrator = new Migrator({
    db: db.kysely,
    provider: { getMigrations: () => Promise.resolve(migrationsFor(db)) },
    ...(db.schema ? { migrationTableSchema: db.schema } : {}),
  });
  const result = await migrator.migrateTo("035-listing-indexes");
  if (result.error) throw new Error("migrating to 035 failed", { cause: result.error });
  return {
    db,
    dispose: async () => {
      await db.close();
      await drop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

describe.each(dialects)("migration 036 on existing followers, %s", (dialect) => {
  let site: Awaited<ReturnType<typeof openAt035>>;

  beforeAll(async () => {
    site = await openAt035(dialect);
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
