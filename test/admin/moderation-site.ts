// The site behind the comment moderation tests: accounts of every role, a review by the
// author, comments added at distinct times, and the owner signed in with a form token.
// Each test starts from an empty queue, with the page cache emptied.
import { afterAll, beforeAll, beforeEach } from "vitest";
import type { Dialect } from "../../src/db/connect.ts";
import type { CommentStatus } from "../../src/db/schema.ts";
import { recordChange } from "../../src/domain/changes.ts";
import { commentById, createComment } from "../../src/domain/comments.ts";
import { createReview } from "../../src/domain/reviews.ts";
import { appFor, getPage } from "../support/app.ts";
import { openTestDb, type TestDb } from "../support/databases.ts";
import { buildFixture } from "../support/fixture.ts";
import { addAccount, csrfToken, postForm, signIn, type App } from "./admin-client.ts";

export interface ModerationSite {
  db: TestDb;
  app: App;
  /** The owner's session cookie and form token. */
  owner: string;
  token: string;
  /** A review by the site's first owner, and one by the "author" account. */
  vegas: { id: number; slug: string };
  authorReview: { id: number; slug: string };
  add: (
    review: { id: number },
    status: CommentStatus,
    fields?: { name?: string; email?: string; body?: string; parentId?: number },
  ) => ReturnType<typeof createComment>;
  statusOf: (id: number) => Promise<CommentStatus | undefined>;
  /** Ids of the comments the public review page shows (served through the page cache). */
  publicIds: (slug: string) => Promise<string[]>;
  /** Posts a form as the owner, with the token and a way back to the queue. */
  act: (path: string, fields?: Record<string, string>) => Response | Promise<Response>;
}

export function moderationSite(dialect: Dialect): ModerationSite {
  const site = {} as ModerationSite;
  let seq = 0;
  site.add = (review, status, fields = {}) => {
    const n = ++seq;
    return createComment(site.db, {
      reviewId: review.id,
      parentId: fields.parentId,
      name: fields.name ?? "Reader",
      email: fields.email ?? "reader@example.com",
      body: fields.body ?? `Comment number ${n}.`,
      status,
      ip: "203.0.113.7",
      // Distinct times, so "newest first" has one answer.
      createdAt: new Date(Date.UTC(2026, 4, 1, 0, 0, n)).toISOString(),
    });
  };
  site.statusOf = async (id) => (await commentById(site.db, id))?.status;
  site.publicIds = async (slug) => {
    const { document } = await getPage(site.app, `/review/${slug}`);
    return [...document.querySelectorAll(".comment-body")].map((a) => a.id);
  };
  site.act = (path, fields = {}) =>
    postForm(
      site.app,
      path,
      { _csrf: site.token, back: "/admin/comments", ...fields },
      { cookie: site.owner },
    );

  beforeAll(async () => {
    site.db = await openTestDb(dialect);
    const f = await buildFixture(site.db);
    site.vegas = f.reviews.vegasReview;
    await addAccount(site.db, "owner", "boss");
    await addAccount(site.db, "editor");
    const author = await addAccount(site.db, "author");
    await addAccount(site.db, "contributor");
    site.authorReview = await createReview(site.db, {
      filmId: f.films.friday.id,
      authorId: author.id,
      body: "The fastest talk in pictures.",
      status: "published",
      publishedAt: "2026-01-01T00:00:00.000Z",
    });
    site.app = appFor(site.db);
    site.owner = await signIn(site.app, "boss@example.com");
    site.token = await csrfToken(site.app, site.owner);
  });
  afterAll(async () => {
    await site.db.dispose();
  });
  beforeEach(async () => {
    await site.db.kysely.deleteFrom("comments").execute();
    // Comments were removed behind the domain's back: drop every cached page too.
    await recordChange(site.db, ["site"]);
  });
  return site;
}
