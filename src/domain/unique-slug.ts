// Finds a free slug in a table by adding -2, -3… to the base when it is taken; for many
// texts at once (an import's batch) with one query, each slug given also counting as taken.
import type { Db } from "../db/connect.ts";
import { slugify } from "../content/slug.ts";

type SluggedTable = "films" | "people" | "reviews" | "tags" | "series";

export async function uniqueSlug(db: Db, table: SluggedTable, text: string): Promise<string> {
  const [slug] = await uniqueSlugs(db, table, [text]);
  return slug!;
}

/** A free slug for each text, in order; two texts with the same base get -2 and so on. */
export async function uniqueSlugs(db: Db, table: SluggedTable, texts: string[]): Promise<string[]> {
  const bases = texts.map(slugify);
  const distinct = [...new Set(bases)];
  const used = new Set<string>();
  // Chunks keep every statement under SQLite's and pg's bound-parameter limits.
  for (let i = 0; i < distinct.length; i += 200) {
    const chunk = distinct.slice(i, i + 200);
    const taken = await db.kysely
      .selectFrom(table)
      .select("slug")
      .where((eb) =>
        eb.or(chunk.flatMap((base) => [eb("slug", "=", base), eb("slug", "like", `${base}-%`)])),
      )
      .execute();
    for (const row of taken) used.add(row.slug);
  }
  return bases.map((base) => {
    let slug = base;
    for (let n = 2; used.has(slug); n++) slug = `${base}-${n}`;
    used.add(slug);
    return slug;
  });
}
