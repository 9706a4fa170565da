// The stills page's operations without HTTP, on both databases: an upload stored as files and a
// row (a bad file refused with its reason and nothing kept; a row that cannot be written takes
// its files with it), what the page sends saved with a move in one go, and a still removed with
// its files.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createReview } from "../../src/domain/reviews.ts";
import {
  addUploadedStill,
  numberedStill,
  removeStillWithFiles,
  saveStillsPage,
} from "../../src/domain/still-operations.ts";
import { stillsOfReview, variantsOf } from "../../src/domain/stills.ts";
import { dialects, openTestDb, type TestDb } from "../support/databases.ts";
import { buildFixture } from "../support/fixture.ts";
import { jpegImage, pngBomb, truncated } from "../admin/stills-upload.ts";

describe.each(dialects)("still operations on %s", (dialect) => {
  let db: TestDb;
  let f: Awaited<ReturnType<typeof buildFixture>>;
  let reviewId: number;

  beforeAll(async () => {
    db = await openTestDb(dialect);
    f = await buildFixture(db);
  });
  afterAll(async () => {
    await db.dispose();
  });
  beforeEach(async () => {
    const review = await createReview(db, {
      filmId: f.films.friday.id,
      authorId: f.author.id,
      body: "A draft with pictures.",
      status: "draft",
    });
    reviewId = review.id;
  });

  /** Every file below the media directory's folder for stills of this review. */
  const filesOf = (id: number) => {
    const folder = path.join(db.mediaDir, "stills", String(id));
    return fs.existsSync(folder) ? fs.readdirSync(folder) : [];
  };
  const upload = async (data: Buffer) => {
    const stored = await addUploadedStill(db, db.mediaDir, reviewId, data);
    if (!stored.ok) throw new Error(stored.message);
    return stored.still;
  };

  it("stores an upload as files and the review's last still, without alt text", async () => {
    const first = await upload(await jpegImage(800, 500));
    const second = await upload(await jpegImage(640, 400, 90));
    expect(second).toMatchObject({ review_id: reviewId, alt: "", width: 640, height: 400 });
    expect((await stillsOfReview(db, reviewId)).map((s) => s.id)).toEqual([first.id, second.id]);
    const named = variantsOf(second).map((v) => path.basename(v.path));
    expect(named.length).toBeGreaterThan(0);
    for (const name of named) expect(filesOf(reviewId)).toContain(name);
  });

  it("refuses a file that is no usable image with its reason, keeping nothing of it", async () => {
    for (const bad of [Buffer.from("not a picture at all"), pngBomb()]) {
      const refused = await addUploadedStill(db, db.mediaDir, reviewId, bad);
      expect(refused.ok).toBe(false);
      if (!refused.ok) expect(refused.message.length).toBeGreaterThan(10);
    }
    const cut = await addUploadedStill(db, db.mediaDir, reviewId, truncated(await jpegImage()));
    expect(cut.ok).toBe(false);
    expect(await stillsOfReview(db, reviewId)).toEqual([]);
    expect(filesOf(reviewId)).toEqual([]);
  });

  it("deletes the files it wrote when the still's row cannot be written", async () => {
    const missingReview = 987654;
    await expect(
      addUploadedStill(db, db.mediaDir, missingReview, await jpegImage(600, 400)),
    ).rejects.toThrow();
    expect(filesOf(missingReview)).toEqual([]);
    expect(await stillsOfReview(db, missingReview)).toEqual([]);
  });

  it("saves alt text, captions and order, then a move, ignoring other reviews' stills", async () => {
    const a = await upload(await jpegImage(600, 400, 10));
    const b = await upload(await jpegImage(600, 400, 20));
    const c = await upload(await jpegImage(600, 400, 30));
    const other = await createReview(db, {
      filmId: f.films.bob.id,
      authorId: f.author.id,
      body: "Another review.",
      status: "draft",
    });
    const othersStill = await addUploadedStill(db, db.mediaDir, other.id, await jpegImage());
    if (!othersStill.ok) throw new Error(othersStill.message);
    await saveStillsPage(db, reviewId, {
      details: [
        { id: a.id, alt: "  The bar at night ", caption: "" },
        { id: b.id, alt: "A car in the desert", caption: "Act two" },
        { id: othersStill.still.id, alt: "Not this one", caption: "" },
      ],
      order: [c.id, a.id, b.id],
      move: { stillId: b.id, direction: "up" },
    });
    const saved = await stillsOfReview(db, reviewId);
    expect(saved.map((s) => [s.id, s.alt, s.caption])).toEqual([
      [c.id, "", null],
      [b.id, "A car in the desert", "Act two"],
      [a.id, "The bar at night", null],
    ]);
    expect((await stillsOfReview(db, other.id))[0]?.alt).toBe("");
    expect(await numberedStill(db, reviewId, a.id)).toMatchObject({ number: 3 });
    expect(await numberedStill(db, reviewId, othersStill.still.id)).toBeUndefined();
  });

  it("removes a still with its files, and refuses another review's still", async () => {
    const kept = await upload(await jpegImage(600, 400, 40));
    const gone = await upload(await jpegImage(600, 400, 50));
    const goneFiles = variantsOf(gone).map((v) => path.basename(v.path));
    expect(await removeStillWithFiles(db, db.mediaDir, reviewId + 1000, kept.id)).toBe(false);
    expect(await removeStillWithFiles(db, db.mediaDir, reviewId, gone.id)).toBe(true);
    expect((await stillsOfReview(db, reviewId)).map((s) => s.id)).toEqual([kept.id]);
    for (const name of goneFiles) expect(filesOf(reviewId)).not.toContain(name);
    expect(filesOf(reviewId).length).toBeGreaterThan(0);
    expect(await removeStillWithFiles(db, db.mediaDir, reviewId, gone.id)).toBe(false);
  });
});
