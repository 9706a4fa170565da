// Finds a free slug in a table by adding -2, -3… to the base when it is taken.
import type { Db } from "../db/connect.ts";
import { slugify } from "../content/slug.ts";

type SluggedTable = "films" | "people" | "reviews" | "tags" | "series";

export async function uniqueSlug(db: Db, table: SluggedTable, text: string): Promise<string> {
  const base = slugify(text);
  const taken = await db.kysely
    .selectFrom(table)
    .select("slug")
    .where((eb) => eb.or([eb("slug", "=", base), eb("slug", "like", `${base}-%`)]))
    .execute();
  const used = new Set(taken.map((r) => r.slug));
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) if (!used.has(`${base}-${n}`)) return `${base}-${n}`;
}
