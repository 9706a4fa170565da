// Tags A–Z with the number of public reviews each is on.
import type { Db } from "../../db/connect.ts";
import type { Page } from "../reviews.ts";
import { publishedReviews } from "../visibility.ts";
import { slicePage } from "./paged-reviews.ts";

const tagsPerPage = 200;

export interface TagEntry {
  slug: string;
  name: string;
  count: number;
}

// Accent- and case-insensitive, so "Éclair" sits with E and "noir" with "Noir".
const collator = new Intl.Collator("en", { sensitivity: "base", numeric: true });

/** Tags with at least one public review; tags only on drafts or future reviews are left out. */
export async function tagIndex(
  db: Db,
  now: string,
  page: number,
  perPage = tagsPerPage,
): Promise<Page<TagEntry>> {
  const rows = await publishedReviews(db, now)
    .innerJoin("review_tags", "review_tags.review_id", "reviews.id")
    .innerJoin("tags", "tags.id", "review_tags.tag_id")
    .select((eb) => ["tags.slug as slug", "tags.name as name", eb.fn.countAll().as("n")])
    .groupBy(["tags.id", "tags.slug", "tags.name"])
    .execute();
  const all = rows
    .map((r) => ({ slug: r.slug, name: r.name, count: Number(r.n) }))
    .sort((a, b) => collator.compare(a.name, b.name) || a.slug.localeCompare(b.slug));
  return slicePage(all, page, perPage);
}
