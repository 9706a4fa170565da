// PostgreSQL's plans for the listings' named statements, on a site the size of the bench's
// (2,000 public reviews, written here in a few statements, then ANALYZEd). A named statement
// runs on one generic plan made without its values (src/db/postgres.ts, planModes). Left to
// PostgreSQL, the home page's statement never got one (its LIMIT, a parameter, was guessed
// as 67 rows), so it was planned again on every run; and the generic plans of a year's and a
// tag's page walked every public review instead of starting from the year's films or the
// tag's reviews (bench/README.md, "The listings on PostgreSQL").
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../src/db/connect.ts";
import { personFilmsPage } from "../../src/domain/indexes/person-films.ts";
import { tagPageRead } from "../../src/domain/indexes/tagged-reviews.ts";
import { reviewsOfFilmYear } from "../../src/domain/indexes/years.ts";
import { latestReviews } from "../../src/domain/reviews.ts";
import { dialects, openTestDb, type TestDb } from "../support/databases.ts";

const reviews = 2000;

/** 2,000 films (years 1930–2024) with a director and a cast member each of 300, a public review, a still and two tags of 40. */
async function buildLargeSite(db: Db): Promise<void> {
  const at = "2025-01-01T00:00:00.000Z";
  for (const statement of [
    sql`insert into users (email, display_name, role, created_at)
        values ('plans@example.invalid', 'Plans', 'author', ${at})`,
    sql`insert into people (slug, name, created_at)
        select 'director-' || i, 'Director ' || i, ${at} from generate_series(1, 300) i`,
    sql`insert into tags (slug, name) select 'tag-' || i, 'Tag ' || i from generate_series(1, 40) i`,
    sql`insert into films (slug, title, year, created_at, updated_at)
        select 'film-' || i, 'Film ' || i, 1930 + (i * 37) % 95, ${at}, ${at}
        from generate_series(1, ${reviews}) i`,
    sql`insert into credits (film_id, person_id, role, position)
        select f.id, p.id, 'director', 0 from films f
        inner join people p on p.slug = 'director-' || (1 + (f.id * 7) % 300)`,
    sql`insert into credits (film_id, person_id, role, character, position)
        select f.id, p.id, 'cast', 'Someone', 1 from films f
        inner join people p on p.slug = 'director-' || (1 + (f.id * 11) % 300)`,
    sql`insert into reviews (film_id, author_id, slug, excerpt, status, published_at, created_at,
          updated_at, body_md, body_html)
        select f.id, u.id, 'review-' || f.id, 'An excerpt.', 'published',
          to_char(timestamp '2015-01-01' + f.id * interval '1 day', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
          ${at}, ${at}, 'Words.', '<p>Words.</p>'
        from films f cross join users u`,
    sql`insert into review_tags (review_id, tag_id)
        select r.id, t.id from reviews r inner join tags t
          on t.slug in ('tag-' || (1 + r.id % 40), 'tag-' || (1 + (r.id * 3 + 1) % 40))`,
    sql`insert into stills (review_id, path, width, height, position)
        select r.id, 'stills/' || r.id || '.webp', 1600, 900, 0 from reviews r`,
    sql`analyze`,
  ]) {
    await statement.execute(db.kysely);
  }
}

describe.each(dialects.filter((d) => d === "postgres"))("the listings' plans on %s", (dialect) => {
  let db: TestDb;

  beforeAll(async () => {
    db = await openTestDb(dialect);
    await buildLargeSite(db);
  }, 60_000);
  afterAll(async () => {
    await db.dispose();
  });

  const now = new Date().toISOString();
  const year = 1930 + ((1000 * 37) % 95);
  // Each page's read, and its statement's parameters written as SQL for EXPLAIN EXECUTE.
  const listings = [
    {
      page: "home",
      read: (db: Db) => latestReviews(db, now, 1, 10),
      values: `'${now}', 0`,
      fromFew: false,
    },
    {
      page: "year",
      read: (db: Db) => reviewsOfFilmYear(db, now, year, 1),
      values: `'${now}', 0, ${year}`,
      fromFew: true,
    },
    {
      page: "tag",
      read: (db: Db) => tagPageRead(db, now, "tag-7", 1),
      values: `'${now}', 0, 'tag-7'`,
      fromFew: true,
    },
    {
      page: "person",
      read: (db: Db) => personFilmsPage(db, "director-8", now, 1, 10),
      values: `'${now}', 'director-8', 10, 0`,
      fromFew: true,
    },
  ];

  it.each(listings)("keeps one plan for the $page page", async ({ read, values, fromFew }) => {
    // One connection, so that its prepared statements are the ones looked at.
    await db.kysely.connection().execute(async (connection) => {
      const pinned: Db = { ...db, kysely: connection };
      const prepared = async () =>
        (
          await sql<{ name: string; generic_plans: string; custom_plans: string }>`
            select name, generic_plans, custom_plans from pg_prepared_statements`.execute(
            connection,
          )
        ).rows;
      const before = new Set((await prepared()).map((p) => p.name));
      for (let run = 0; run < 10; run++) await read(pinned);
      const ours = (await prepared()).filter((p) => !before.has(p.name));
      expect(ours).toHaveLength(1);
      const { name, generic_plans, custom_plans } = ours[0]!;
      // Every run on the generic plan (src/db/postgres.ts, planModes), none planned anew.
      expect([Number(generic_plans), Number(custom_plans)]).toEqual([10, 0]);
      if (!fromFew) return;
      // The generic plan starts from the few rows, not from a walk of every public review
      // (reviews_published and reviews_stats_facts both lead with published_at). EXPLAIN is
      // unnamed, which the connection runs in PostgreSQL's own mode: asked for the generic
      // plan here, and the mode put back after.
      await sql`set plan_cache_mode = force_generic_plan`.execute(connection);
      const plan = await sql<{ "QUERY PLAN": string }>`explain (costs off)
        ${sql.raw(`execute ${name}(${values})`)}`.execute(connection);
      await sql`reset plan_cache_mode`.execute(connection);
      const text = plan.rows.map((r) => r["QUERY PLAN"]).join("\n");
      expect(text).not.toMatch(/reviews_(published|stats_facts)/);
    });
  });
});
