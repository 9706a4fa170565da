// The JSON backup keeps comments on posts and pages (migration 019's post_id): after a restore
// into an empty site the rows are the same, threads and statuses included, and the post's
// page shows the same comments. Both databases.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exportBackup } from "../../src/backup/export-backup.ts";
import { importBackup } from "../../src/backup/import-backup.ts";
import { postSubject, reviewSubject } from "../../src/domain/comment-subjects.ts";
import { createComment } from "../../src/domain/comments.ts";
import { createPost } from "../../src/domain/posts.ts";
import { appFor, getPage } from "../support/app.ts";
import { dialects, openTestDb, type TestDb } from "../support/databases.ts";
import { buildFixture } from "../support/fixture.ts";

const commentRows = (db: TestDb) =>
  db.kysely
    .selectFrom("comments")
    .select(["id", "review_id", "post_id", "parent_id", "author_name", "body_md", "status"])
    .orderBy("id")
    .execute();

describe.each(dialects)("backup of comments on posts on %s", (dialect) => {
  let source: TestDb;
  let target: TestDb;
  let dir: string;

  beforeAll(async () => {
    source = await openTestDb(dialect);
    target = await openTestDb(dialect);
    const f = await buildFixture(source);
    const note = await createPost(source, {
      kind: "post",
      title: "Notes from a festival",
      body: "Four films in a day is too many.",
      status: "published",
      publishedAt: "2026-02-01T09:00:00.000Z",
      authorId: f.author.id,
    });
    const first = await createComment(source, {
      subject: postSubject(note.id),
      name: "Festival Goer",
      email: "goer@example.net",
      body: "Three is the limit.",
      status: "approved",
      createdAt: "2026-02-02T09:00:00.000Z",
    });
    await createComment(source, {
      subject: postSubject(note.id),
      parentId: first.id,
      name: "Second Goer",
      email: "second@example.net",
      body: "Two, and a long walk between.",
      status: "approved",
      createdAt: "2026-02-02T10:00:00.000Z",
    });
    await createComment(source, {
      subject: postSubject(note.id),
      name: "Quiet One",
      email: "quiet@example.net",
      body: "Held for now.",
      status: "pending",
      createdAt: "2026-02-02T11:00:00.000Z",
    });
    await createComment(source, {
      subject: reviewSubject(f.reviews.vegasReview.id),
      name: "Review Reader",
      email: "rr@example.net",
      body: "On the review, for contrast.",
      status: "approved",
      createdAt: "2026-02-03T09:00:00.000Z",
    });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "cinelog-post-comments-"));
    const file = path.join(dir, "site.zip");
    await exportBackup(source, { out: file, mediaDir: source.mediaDir });
    await importBackup(target, { file, mediaDir: target.mediaDir });
  }, 60_000);
  afterAll(async () => {
    await source.dispose();
    await target.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("restores every comment with its subject, thread and status", async () => {
    const before = await commentRows(source);
    expect(before.filter((r) => r.post_id !== null)).toHaveLength(3);
    expect(await commentRows(target)).toEqual(before);
  });

  it("shows the same comments on the restored post's page", async () => {
    const path = "/post/notes-from-a-festival";
    const [a, b] = await Promise.all([
      getPage(appFor(source), path),
      getPage(appFor(target), path),
    ]);
    // Text and structure; avatars are drawn from a per-site secret.
    const comments = (d: typeof a.document) =>
      [...d.querySelectorAll(".comment-list li")].map((li) => [
        li.className,
        li.querySelector(".comment-content")?.textContent,
      ]);
    expect(JSON.stringify(comments(a.document))).toContain("Two, and a long walk between.");
    expect(comments(b.document)).toEqual(comments(a.document));
    expect(b.html).not.toContain("Held for now.");
  });
});
