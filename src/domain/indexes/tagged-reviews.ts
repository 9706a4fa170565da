// A tag's page: the tag and one page of its public reviews, newest first, counted and cut in
// SQL so a tag with hundreds of reviews costs the same as one with ten, all in one statement
// (summary-page-read.ts).
import type { Db } from "../../db/connect.ts";
import { lookupJoin } from "../../db/lookup-join.ts";
import { jsonObject, readJson } from "../../db/nested-json.ts";
import type { Tag } from "../../db/schema.ts";
import type { Page, ReviewSummary } from "../reviews.ts";
import { reviewsPerPage } from "./paged-reviews.ts";
import { isPublicAt1, summaryPageRead } from "./summary-page-read.ts";

const tagColumns = ["id", "slug", "name"] as const satisfies readonly (keyof Tag)[];
// A column added to tags must be read here too: this fails to compile until it is.
const everyTagColumnRead: Exclude<keyof Tag, (typeof tagColumns)[number]> extends never
  ? true
  : never = true;
void everyTagColumnRead;

// The tag's reviews are found from review_tags, each looked up by its id.
const statement = summaryPageRead({
  few: true,
  matching: (dialect) =>
    `review_tags rt ${lookupJoin(dialect, {
      table: "reviews",
      alias: "r",
      columns: ["id", "published_at"],
      on: `r.id = rt.review_id and ${isPublicAt1("r")}`,
    })} where rt.tag_id = (select t.id from tags t where t.slug = $3)`,
  head: (dialect) =>
    `(select ${jsonObject(dialect, Object.fromEntries(tagColumns.map((c) => [c, `t.${c}`])))}
      from tags t where t.slug = $3) as tag`,
});

/** The tag at `slug` and one page of its public reviews; undefined when there is no such tag. */
export async function tagPageRead(
  db: Db,
  now: string,
  slug: string,
  page: number,
  perPage = reviewsPerPage,
): Promise<{ tag: Tag; page: Page<ReviewSummary> } | undefined> {
  const read = await statement.run(db, now, page, perPage, [slug]);
  const tag = readJson<Tag | null>(read.head.tag ?? null);
  return tag ? { tag, page: read.page } : undefined;
}
