// The demo site that the accessibility files (test/browser/accessibility*.test.ts) check, with
// one reader's comment added so that listings show a count and the review page an avatar. The
// checks were one 70-second file; as four they spread over the workers, each on a copy of the
// same site.
import fs from "node:fs";
import path from "node:path";
import { beforeAll } from "vitest";
import { createComment } from "../../src/domain/comments.ts";
import { browserSite } from "./browser-site.ts";

export const screenshotDir = path.resolve("test-output/screenshots");

export function accessibilitySite() {
  const site = browserSite({
    demo: true,
    prepare: async (db) => {
      // A reader's comment: listings show its count, and the review page its avatar.
      await createComment(db, {
        reviewId: (
          await db.kysely
            .selectFrom("reviews")
            .select("id")
            .where("slug", "=", "leaving-las-vegas-1995")
            .executeTakeFirstOrThrow()
        ).id,
        name: "Axe Reader",
        email: "axe.reader@example.com",
        body: "A *comment* to count.",
        status: "approved",
      });
    },
  });
  beforeAll(() => {
    fs.mkdirSync(screenshotDir, { recursive: true });
  });

  /** Opens `url` in a new context with the given scheme, script setting and width. */
  async function open(
    url: string,
    options: { colorScheme?: "light" | "dark"; javaScriptEnabled?: boolean; width?: number } = {},
  ) {
    const { context, page } = await site.newPage({
      colorScheme: options.colorScheme ?? "light",
      javaScriptEnabled: options.javaScriptEnabled ?? true,
      viewport: { width: options.width ?? 1280, height: 900 },
    });
    const response = await page.goto(`${site.base}${url}`, { waitUntil: "load" });
    return { page, context, status: response?.status() };
  }

  return { site, open };
}
