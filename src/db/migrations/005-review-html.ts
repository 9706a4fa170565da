// Reviews keep their body rendered to sanitised HTML, written when the Markdown is saved,
// so that no page or feed renders Markdown while a reader waits.
import type { Kysely } from "kysely";
import { renderReviewBody } from "../../content/markdown.ts";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("reviews")
    .addColumn("body_html", "text", (c) => c.notNull().defaultTo(""))
    .execute();
  const rows = (await db.selectFrom("reviews").select(["id", "body_md"]).execute()) as {
    id: number;
    body_md: string;
  }[];
  for (const row of rows) {
    await db
      .updateTable("reviews")
      .set({ body_html: renderReviewBody(row.body_md) })
      .where("id", "=", row.id)
      .execute();
  }
}
