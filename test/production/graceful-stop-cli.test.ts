// `cinelog serve` stopped with SIGTERM while readers are posting comments (as systemd stops it
// on every upgrade): every comment the server acknowledged is in the database afterwards, and the
// process says it stopped and exits cleanly. A comment answered 303 and then lost would be a
// reader's words dropped without a word to them.
import autocannon from "autocannon";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connect, type Db } from "../../src/db/connect.ts";
import { migrateToLatest } from "../../src/db/migrate.ts";
import { minimumFillMs } from "../../src/domain/moderation/rules.ts";
import { createFilm } from "../../src/domain/films.ts";
import { createReview } from "../../src/domain/reviews.ts";
import { createUser } from "../../src/domain/users.ts";
import { freePort, startServer } from "../support/cli.ts";
import { dialects, openTestDb, type TestDb } from "../support/databases.ts";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cinelog-graceful-"));
const databaseUrl = `sqlite:${path.join(dir, "site.db")}`;
let slug = "";

/** The owner and one published review of `film`. */
async function publishOneReview(
  db: Db,
  film: { title: string; year: number },
  body: string,
  publishedAt: string,
): Promise<{ id: number; slug: string }> {
  const author = await createUser(db, {
    email: "owner@example.com",
    displayName: "Owner",
    role: "owner",
    password: null,
  });
  const { id: filmId } = await createFilm(db, film);
  const review = await createReview(db, {
    filmId,
    authorId: author.id,
    status: "published",
    body,
    publishedAt,
  });
  return { id: review.id, slug: review.slug };
}

beforeAll(async () => {
  const db = connect(databaseUrl);
  await migrateToLatest(db);
  ({ slug } = await publishOneReview(
    db,
    { title: "Night Moves", year: 1975 },
    "A detective who cannot see the case for the marriage.",
    "2026-01-02T10:00:00.000Z",
  ));
  await db.close();
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function waitFor(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++) {
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  if (!condition()) throw new Error("waited 5 s in vain");
}

/** Posts comments one after another until the server stops answering; returns those it took. */
async function poster(base: string, token: string, who: number, stopped: () => boolean) {
  const acknowledged: string[] = [];
  for (let i = 0; !stopped(); i++) {
    const marker = `graceful-${who}-${i}`;
    const body = new URLSearchParams({
      comment: `Comment ${marker}: the boat at the end, and what it does not say.`,
      name: `Reader ${who}`,
      email: `reader${who}@example.com`,
      url: "",
      token,
    });
    try {
      const answer = await fetch(`${base}/review/${slug}/comments`, {
        method: "POST",
        body,
        redirect: "manual",
      });
      await answer.arrayBuffer();
      if (answer.status === 303) acknowledged.push(marker);
      else if (answer.status >= 500) throw new Error(`a ${answer.status} while stopping`);
    } catch (error) {
      if (error instanceof Error && error.message.startsWith("a ")) throw error;
      return acknowledged; // refused or reset: the server has stopped listening
    }
  }
  return acknowledged;
}

/**
 * A comment whose body is still arriving: half is sent now, the rest when `finish` is called.
 * A server that stops by dropping connections resets it; a graceful one answers it.
 */
function slowComment(base: string, token: string) {
  const body = new URLSearchParams({
    comment: "Comment graceful-slow: typed on a slow connection, sent as the server stops.",
    name: "Slow Reader",
    email: "slow@example.com",
    url: "",
    token,
  }).toString();
  const request = http.request(`${base}/review/${slug}/comments`, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      "content-length": Buffer.byteLength(body),
    },
  });
  const status = new Promise<number>((resolve, reject) => {
    request.on("response", (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.on("error", reject);
  });
  request.write(body.slice(0, 40));
  return { status, finish: () => request.end(body.slice(40)) };
}

describe("SIGTERM under comment load", () => {
  it("keeps every acknowledged comment and exits saying so", async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const server = startServer({
      DATABASE_URL: databaseUrl,
      CINELOG_DATA_DIR: dir,
      CINELOG_DEMO: "false",
      PORT: String(port),
      SITE_URL: base,
      // Every reader here comes from 127.0.0.1; the per-address limit would refuse most.
      CINELOG_COMMENT_RATE_LIMITS: "off",
    });
    await server.ready;
    const answer = await fetch(`${base}/review/${slug}/comments/token`);
    const { token } = (await answer.json()) as { token: string };
    // A reader's token counts from when it was minted: posts sooner are filed as spam (still
    // stored, but this test wants ordinary comments).
    await new Promise((resolve) => setTimeout(resolve, minimumFillMs + 200));

    let stopping = false;
    const posters = [1, 2, 3, 4, 5, 6].map((who) => poster(base, token, who, () => stopping));
    // Let the load build, then stop the server in the middle of it.
    const slow = slowComment(base, token);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const stopped = server.stop();
    // The stop has begun (the server said so) while the slow comment is still arriving.
    await waitFor(() => /Stopping \(SIGTERM\)/.test(server.output()));
    await new Promise((resolve) => setTimeout(resolve, 300));
    slow.finish();
    expect(await slow.status).toBe(303);
    await stopped;
    stopping = true;
    const acknowledged = [...(await Promise.all(posters)).flat(), "graceful-slow"];

    expect(acknowledged.length).toBeGreaterThan(5);
    expect(server.output()).toMatch(/Stopping \(SIGTERM\)…[\s\S]*Cinelog stopped\./);

    const db = connect(databaseUrl);
    try {
      const stored = await db.kysely.selectFrom("comments").select("body_md").execute();
      const storedMarkers = new Set(
        stored.map((row) => /graceful-(\d+-\d+|slow)/.exec(row.body_md)?.[0]).filter(Boolean),
      );
      expect(acknowledged.filter((marker) => !storedMarkers.has(marker))).toEqual([]);
    } finally {
      await db.close();
    }
  }, 200_000);
});

/**
 * Readers on 32 kept-alive connections asking for `path` for `ms`, then all gone at
 * once (autocannon closes every connection at its end, whatever it was waiting for).
 */
async function loadThenHangUp(base: string, path: string, ms: number): Promise<void> {
  const result = await autocannon({
    url: `${base}${path}`,
    connections: 32,
    duration: ms / 1000,
  });
  expect(result.non2xx).toBe(0);
}

describe.each(dialects)("SIGTERM just after readers hung up, on %s", (dialect) => {
  let site: TestDb;
  let reviewSlug = "";

  beforeAll(async () => {
    site = await openTestDb(dialect);
    const review = await publishOneReview(
      site,
      { title: "The Conversation", year: 1974 },
      "A man who records everyone, and cannot bear to be heard.",
      "2026-01-03T10:00:00.000Z",
    );
    reviewSlug = review.slug;
    // A long thread, so that each request takes a while to answer.
    await site.kysely
      .insertInto("comments")
      .values(
        Array.from({ length: 150 }, (_, i) => ({
          review_id: review.id,
          author_name: `Reader ${i}`,
          author_email: `reader${i}@example.com`,
          body_md: `The wall of the hotel room, and the toilet, comment ${i}.`,
          body_html: `<p>The wall of the hotel room, and the toilet, comment ${i}.</p>`,
          status: "approved",
          created_at: new Date(Date.UTC(2026, 0, 4, 0, i)).toISOString(),
        })),
      )
      .execute();
  });
  afterAll(async () => {
    await site.dispose();
  });

  it("finishes the requests still in hand before closing the database", async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const server = startServer({
      DATABASE_URL: site.url,
      CINELOG_DATA_DIR: path.dirname(site.mediaDir),
      CINELOG_DEMO: "false",
      // Every request reaches the app and the database, as an uncached page does.
      CINELOG_PAGE_CACHE: "off",
      PORT: String(port),
      SITE_URL: base,
    });
    await server.ready;
    // Their connections are gone, but the server read them and is working on them: the
    // database must stay open until each is done, or each ends in an error of its own.
    await loadThenHangUp(base, `/review/${reviewSlug}`, 1500);
    await server.stop();

    expect(server.output()).toMatch(/Stopping \(SIGTERM\)…[\s\S]*Cinelog stopped\./);
    expect(server.output()).not.toMatch(/request failed|destroyed|"level":50/);
    expect(server.exitCode()).toBe(0);
  }, 200_000);
});
