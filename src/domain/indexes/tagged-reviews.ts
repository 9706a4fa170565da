// A tag's page: the tag and one page of its public reviews, newest first, counted and cut in
// SQL so a tag with hundreds of reviews costs the same as one with ten, all in one statement
// (summary-page-read.ts).
import type { Db } from "../../db/connect.ts";
import { jsonObject, readJson } from "../../db/nested-json.ts";
import type { Tag } from "../../db/schema.ts";
import type { Page, ReviewSummary } from "../reviews.ts";
import { reviewsPerPage } from "./paged-reviews.ts";
import { summaryPageRead } from "./summary-page-read.ts";

const tagColumns = ["id", "slug", "name"] as const satisfies readonly (keyof Tag)[];
// A column added to tags must be read here too: this fails to compile until it is.
const everyTagColumnRead: Exclude<keyof Tag, (typeof tagColumns)[number]> extends never
  ? true
  : never = true;
void everyTagColumnRead;

const statement = summaryPageRead({
  countFrom: "reviews r inner join films f on f.id = r.film_id",
  where: `r.id in (select rt.review_id from review_tags rt
    where rt.tag_id = (select t.id from tags t where t.slug = $4))`,
  head: (dialect) =>
    `(select ${jsonObject(dialect, Object.fromEntries(tagColumns.map((c) => [c, `t.${c}`])))}
      from tags t where t.slug = $4) as tag`,
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
