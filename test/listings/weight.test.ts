// The weight budget of a listing's first page: HTML plus the stylesheets it links, gzipped as a
// server would send them, with ten reviews that each have a still. Size, never time.
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appFor } from "../support/app.ts";
import { openTestDb, type TestDb } from "../support/databases.ts";
import { buildListingSite, listingTag } from "./listing-site.ts";

/**
 * README, "Page weight": a listing's first page, HTML + CSS gzipped, is at most 16 KB (about
 * 13.3 KB when this was written, most of it the ten ThumbHash placeholders).
 */
const listingBudget = 16 * 1024;
/** The review page's budget, from the same README section. */
const reviewBudget = 14 * 1024;

describe("listing page weight", () => {
  let db: TestDb;
  let app: ReturnType<typeof appFor>;
  beforeAll(async () => {
    // The page is the same on either database: SQLite alone measures it.
    db = await openTestDb("sqlite");
    await buildListingSite(db, { count: 10, ownStills: true });
    app = appFor(db);
  });
  afterAll(async () => {
    await db.dispose();
  });

  async function gzippedBytes(path: string): Promise<number> {
    const response = await app.request(path);
    expect(response.status, path).toBe(200);
    return gzipSync(Buffer.from(await response.arrayBuffer()), { level: 6 }).length;
  }

  async function pageAndStylesheet(path: string): Promise<number> {
    const html = await (await app.request(path)).text();
    // Every sheet the page links: the base one and its families' (web/assets/assets.ts).
    const sheets = [...html.matchAll(/<link rel="stylesheet" href="([^"]+)"/g)].map((m) => m[1]!);
    expect(sheets.length).toBeGreaterThanOrEqual(1);
    let bytes = await gzippedBytes(path);
    for (const sheet of sheets) bytes += await gzippedBytes(sheet);
    return bytes;
  }

  it("keeps a review page with its still within 14 KB of gzipped HTML and CSS", async () => {
    const review = await db.kysely.selectFrom("reviews").select("slug").executeTakeFirstOrThrow();
    const bytes = await pageAndStylesheet(`/review/${review.slug}`);
    expect(bytes, `${bytes} bytes gzipped`).toBeLessThanOrEqual(reviewBudget);
  });

  it.each(["/", `/tag/${listingTag.slug}`])(
    "keeps %s with ten stills within 16 KB of gzipped HTML and CSS",
    async (path) => {
      const page = await app.request(path);
      const html = await page.text();
      expect(html.match(/<img /g)).toHaveLength(10);
      const bytes = await pageAndStylesheet(path);
      expect(bytes, `${path}: ${bytes} bytes gzipped`).toBeLessThanOrEqual(listingBudget);
    },
  );
});
