// A post with hundreds of comments: they go in many to a statement, a thread level at a
// time, and every reply must still hang under the comment it answered.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importWordPress } from "../../src/importers/wordpress/import-wordpress.ts";
import { dialects, openTestDb, type TestDb } from "../support/databases.ts";
import type { WxrCommentSpec } from "../support/wxr-writer.ts";
import { writeWxrFile } from "./wordpress-fixture.ts";

function manyComments(count: number): WxrCommentSpec[] {
  // Listed newest first, so the file order is not the thread order either.
  return Array.from({ length: count }, (_, i) => count - i).map((n) => ({
    id: n,
    // Every other comment answers the one before it; some replies answer a reply.
    ...(n % 2 === 0 ? { parent: n - 1 } : n % 5 === 0 ? { parent: n - 2 } : {}),
    author: `Reader ${n}`,
    email: `reader${n}@example.net`,
    date: "2013-01-01 10:00:00",
    content: `Comment number ${n}.`,
  }));
}

describe.each(dialects)("a long thread from WordPress on %s", (dialect) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await openTestDb(dialect);
    const file = writeWxrFile({}, [
      {
        id: 1,
        title: "Heat (1995)",
        slug: "heat-1995",
        date: "2013-01-01 09:00:00",
        content: "Directed by Michael Mann\n\nTwo men, one city, no rest.",
        comments: manyComments(250),
      },
    ]);
    await importWordPress(db, { file, mediaDir: db.mediaDir });
  });
  afterAll(() => db.dispose());

  it("keeps every reply under the comment it answered", async () => {
    const rows = await db.kysely
      .selectFrom("comments")
      .select(["id", "parent_id", "author_name"])
      .execute();
    expect(rows).toHaveLength(250);
    const nameOf = new Map(rows.map((r) => [r.id, r.author_name]));
    for (const row of rows) {
      const n = Number(row.author_name.replace("Reader ", ""));
      const expected =
        n % 2 === 0 ? `Reader ${n - 1}` : n % 5 === 0 ? `Reader ${n - 2}` : undefined;
      expect(row.parent_id === null ? undefined : nameOf.get(row.parent_id), row.author_name).toBe(
        expected,
      );
    }
  });
});
