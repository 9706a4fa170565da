// `cinelog serve` stopped with SIGTERM while readers are posting comments (as systemd stops it
// on every upgrade): every comment the server acknowledged is in the database afterwards, and the
// process says it stopped and exits cleanly. A comment answered 303 and then lost would be a
// reader's words dropped without a word to them.
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connect } from "../../src/db/connect.ts";
import { migrateToLatest } from "../../src/db/migrate.ts";
import { minimumFillMs } from "../../src/domain/moderation/rules.ts";
import { createFilm } from "../../src/domain/films.ts";
import { createReview } from "../../src/domain/reviews.ts";
import { createUser } from "../../src/domain/users.ts";
import { freePort, startServer } from "../support/cli.ts";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cinelog-graceful-"));
const databaseUrl = `sqlite:${path.join(dir, "site.db")}`;
let slug = "";

beforeAll(async () => {
  const db = connect(databaseUrl);
  await migrateToLatest(db);
  const author = await createUser(db, {
    email: "owner@example.com",
    displayName: "Owner",
    role: "owner",
    password: null,
  });
  const film = await createFilm(db, { title: "Night Moves", year: 1975 });
  const review = await createReview(db, {
    filmId: film.id,
    authorId: author.id,
    status: "published",
    body: "A detective who cannot see the case for the marriage.",
    publishedAt: "2026-01-02T10:00:00.000Z",
  });
  slug = review.slug;
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
