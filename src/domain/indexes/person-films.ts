// A person's page in ONE prepared statement: the person, the count of their reviewed films by
// role and in all, and one page of their films (ordered by year and title, as the page shows
// them) with each film's credits of theirs, its newest public review, that review's approved
// comments and lead still. It was seven statements through Kysely, each a round trip on
// PostgreSQL. The rules are those of people.ts (reviewedFilmography), comment-counts.ts and
// listing-stills.ts, written here in SQL (src/db/prepared.ts, src/db/nested-json.ts).
import type { Db, Dialect } from "../../db/connect.ts";
import { lookupJoin } from "../../db/lookup-join.ts";
import { jsonArrayOf, jsonObject, readJson } from "../../db/nested-json.ts";
import { preparedRead } from "../../db/prepared.ts";
import type { CreditRole, Person, Still } from "../../db/schema.ts";
import type { FilmographyItem } from "../people.ts";
import type { Page } from "../reviews.ts";
import { approvedCommentCount, isPublicAt1, leadStillJson } from "./summary-page-read.ts";

export interface PersonFilmsPage extends Page<FilmographyItem> {
  /** Films per role over all the pages ("Director (12) · Writer (3)"). */
  roleCounts: Map<CreditRole, number>;
}

/** Public reviews `r` of films `f` that credit the person `person` (an id) as `c`. */
function credited(r: string, f: string, c: string, person = "pe.id"): string {
  return `reviews ${r} inner join films ${f} on ${f}.id = ${r}.film_id
    inner join credits ${c} on ${c}.film_id = ${f}.id
    where ${isPublicAt1(r)} and ${c}.person_id = ${person}`;
}

// $1 now, $2 the person's slug, $3 films per page, $4 films before this page.
function write(dialect: Dialect): string {
  const roleCount = jsonObject(dialect, { role: "rc.role", n: "rc.n" });
  const item = jsonObject(dialect, {
    role: "c.role",
    character: "c.character",
    filmSlug: "f.slug",
    title: "f.title",
    year: "f.year",
    reviewId: "r.id",
    reviewSlug: "r.slug",
    publishedAt: "r.published_at",
    commentCount: approvedCommentCount("r.id"),
    leadStill: leadStillJson(dialect, "r.id"),
  });
  return `select pe.*,
    (select ${jsonArrayOf(dialect, roleCount, "rc.role")} from
      (select c.role as role, count(distinct f.id) as n from ${credited("r", "f", "c")}
       group by c.role) rc) as "roleCounts",
    (select count(distinct f.id) from ${credited("r", "f", "c")}) as total,
    (select ${jsonArrayOf(dialect, item, "f.year, f.title, r.published_at desc, f.id, r.id, c.role")}
      from ${credited("r", "f", "c")} and f.id in (
        -- The page's films, found from the slug and not from pe: a list that named the outer
        -- row would be read again for every credit on SQLite. From the person's credits, each
        -- film's reviews looked up (src/db/lookup-join.ts).
        select f2.id from credits c2
        ${lookupJoin(dialect, {
          table: "films",
          alias: "f2",
          columns: ["id", "year", "title"],
          on: "f2.id = c2.film_id",
        })}
        ${lookupJoin(dialect, {
          table: "reviews",
          alias: "r2",
          columns: ["id"],
          on: `r2.film_id = f2.id and ${isPublicAt1("r2")}`,
        })}
        where c2.person_id = (select p2.id from people p2 where p2.slug = $2)
        group by f2.id, f2.year, f2.title order by f2.year, f2.title, f2.id
        limit $3 offset $4)) as items
  from people pe where pe.slug = $2`;
}

type ReadRow = Person & { roleCounts: unknown; total: number | string; items: unknown };

type ReadItem = Omit<FilmographyItem, "leadStill"> & {
  reviewId: number;
  /** SQLite nests it as text (the JSON subtype does not survive its subquery's LIMIT). */
  leadStill: Still | string | null;
};

const statement = preparedRead<ReadRow>(write);

/** The person at `slug` and one page of their reviewed films; undefined when there is none. */
export async function personFilmsPage(
  db: Db,
  slug: string,
  now: string,
  page: number,
  perPage: number,
): Promise<{ person: Person; films: PersonFilmsPage } | undefined> {
  const [row] = await statement.run(db, [now, slug, perPage, (page - 1) * perPage]);
  if (!row) return undefined;
  const { roleCounts, total: totalValue, items, ...person } = row;
  const total = Number(totalValue); // PostgreSQL returns count() as a string
  const pageCount = Math.max(1, Math.ceil(total / perPage));
  const counts = new Map(
    readJson<{ role: CreditRole; n: number }[]>(roleCounts).map((r) => [r.role, Number(r.n)]),
  );
  const films: PersonFilmsPage = { items: [], page, pageCount, total, roleCounts: counts };
  if (total === 0 || page > pageCount) return { person, films };
  // One line per film and role: the newest review of a film stands for its rewatches.
  const seen = new Set<string>();
  for (const { reviewId, leadStill: stillValue, ...item } of readJson<ReadItem[]>(items)) {
    const key = `${item.role}:${item.filmSlug}`;
    if (seen.has(key)) continue;
    seen.add(key);
    void reviewId;
    const leadStill = readJson<Still | null>(stillValue);
    films.items.push({
      ...item,
      publishedAt: item.publishedAt ?? "",
      commentCount: Number(item.commentCount),
      ...(leadStill ? { leadStill } : {}),
    });
  }
  return { person, films };
}
