// The site the WXR export tests export: the shared fixture, plus threaded comments of every
// status and kind, real still files (one of them beside the lead still), an image in a
// review's text, and text that tests the escaping (a "]]>" and a control character).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { createComment } from "../../src/domain/comments.ts";
import { createPost } from "../../src/domain/posts.ts";
import { exportWxr, type WxrExportCounts } from "../../src/exporters/wxr/export-wxr.ts";
import { addStill, stillOf } from "../../src/domain/stills.ts";
import { renderReviewBody } from "../../src/content/markdown.ts";
import { storeUploadedStill } from "../../src/media/still-storage.ts";
import { processStill, largestJpeg } from "../../src/media/still-variants.ts";
import { buildFixture } from "../support/fixture.ts";
import type { TestDb } from "../support/databases.ts";

export const siteUrl = "https://cinelog.example.net";

async function picture(width: number, height: number, r: number): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r, g: 90, b: 120 } } })
    .jpeg()
    .toBuffer();
}

export async function buildExportSite(db: TestDb) {
  const fixture = await buildFixture(db);
  const { reviews } = fixture;
  // The fixture's still names a file; here it exists.
  fs.mkdirSync(path.join(db.mediaDir, "stills"), { recursive: true });
  fs.writeFileSync(path.join(db.mediaDir, "stills/vegas.jpg"), await picture(1600, 900, 10));
  const second = await storeUploadedStill(
    await picture(640, 360, 200),
    db.mediaDir,
    reviews.vegasReview.id,
  );
  await addStill(
    db,
    stillOf(reviews.vegasReview.id, second, { alt: "A motel room at noon", caption: "Later" }),
  );

  // An image in the text, as the review editor would leave it.
  const inline = await processStill(
    await picture(900, 500, 60),
    db.mediaDir,
    `inline/${reviews.bobReview.id}`,
    "frame",
  );
  const body = `Melville's gambler walks Montmartre at dawn.\n\n![Dawn over Pigalle](/media/${largestJpeg(inline.variants)})\n\nA ]]> in the text, and a stray \u0001 control character.`;
  await db.kysely
    .updateTable("reviews")
    .set({ body_md: body, body_html: renderReviewBody(body) })
    .where("id", "=", reviews.bobReview.id)
    .execute();

  const on = reviews.vegasReview.id;
  const first = await createComment(db, {
    reviewId: on,
    name: "Ines",
    email: "ines@example.net",
    url: "https://ines.example.net/",
    body: "The *motel* scenes still hurt.\nEvery time.",
    status: "approved",
    createdAt: "2026-01-13T10:00:00.000Z",
  });
  const reply = await createComment(db, {
    reviewId: on,
    parentId: first.id,
    name: "Vera",
    email: "vera@example.org",
    body: "They do. See [this essay](https://essays.example.org/vegas).",
    status: "approved",
    createdAt: "2026-01-13T11:00:00.000Z",
  });
  await createComment(db, {
    reviewId: on,
    parentId: reply.id,
    name: "Ines",
    email: "ines@example.net",
    body: "Thanks.",
    status: "pending",
    createdAt: "2026-01-13T12:00:00.000Z",
  });
  const spam = await createComment(db, {
    reviewId: on,
    name: "Cheap Watches",
    email: "spam@example.com",
    body: "Buy now.",
    status: "spam",
    createdAt: "2026-01-13T13:00:00.000Z",
  });
  await createComment(db, {
    reviewId: on,
    parentId: spam.id,
    name: "Sam",
    email: "sam@example.org",
    body: "Answering the spam, sadly.",
    status: "approved",
    createdAt: "2026-01-13T14:00:00.000Z",
  });
  await createComment(db, {
    reviewId: on,
    name: "Removed",
    email: "removed@example.org",
    body: "Taken down by the owner.",
    status: "trash",
    createdAt: "2026-01-13T15:00:00.000Z",
  });
  await createComment(db, {
    reviewId: reviews.bobReview.id,
    name: "Another Blog",
    email: "",
    url: "https://another.example.com/post",
    body: "[…] a write-up of Bob le Flambeur […]",
    status: "approved",
    kind: "pingback",
    createdAt: "2026-02-02T09:00:00.000Z",
  });
  // Posts and pages that are not reviews; one with a title that reads like a review's.
  await createPost(db, {
    kind: "post",
    title: "The best of (2025)",
    body: "A list, not a review.",
    status: "published",
    publishedAt: "2026-01-01T09:00:00.000Z",
    authorId: fixture.author.id,
    tags: ["Lists"],
  });
  const about = await createPost(db, {
    kind: "page",
    title: "About",
    body: "Who writes here.",
    status: "published",
    publishedAt: "2025-12-01T09:00:00.000Z",
    authorId: fixture.author.id,
  });
  await createPost(db, {
    kind: "page",
    title: "Contact",
    body: "Write to me.",
    status: "draft",
    authorId: fixture.author.id,
    parentId: about.id,
  });
  return fixture;
}

/** Exports the site to a temporary file, as it stood on 1 June 2026. */
export async function exportToFile(db: TestDb): Promise<{ file: string; counts: WxrExportCounts }> {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "cinelog-wxr-out-")), "site.xml");
  const out = fs.createWriteStream(file);
  const counts = await exportWxr(db, out, { siteUrl, now: "2026-06-01T00:00:00.000Z" });
  await new Promise<void>((resolve, reject) =>
    out.end((e?: Error | null) => (e ? reject(e) : resolve())),
  );
  return { file, counts };
}
