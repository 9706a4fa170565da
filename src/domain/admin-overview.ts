// What the admin lists show: reviews with their film and status, counts for the dashboard,
// films to pick from, and the accounts. Plain reads; the routes decide who may see what.
import type { Db } from "../db/connect.ts";
import type { Film, ReviewStatus, Role } from "../db/schema.ts";

export interface AdminReviewRow {
  id: number;
  slug: string;
  status: ReviewStatus;
  authorId: number;
  authorName: string;
  publishedAt: string | null;
  updatedAt: string;
  film: { title: string; year: number | null };
}

/** Reviews for the admin list: everyone's, or only those written by `authorId`. */
export async function adminReviews(db: Db, authorId?: number): Promise<AdminReviewRow[]> {
  let query = db.kysely
    .selectFrom("reviews")
    .innerJoin("films", "films.id", "reviews.film_id")
    .innerJoin("users", "users.id", "reviews.author_id")
    .select([
      "reviews.id as id",
      "reviews.slug as slug",
      "reviews.status as status",
      "reviews.author_id as authorId",
      "users.display_name as authorName",
      "reviews.published_at as publishedAt",
      "reviews.updated_at as updatedAt",
      "films.title as filmTitle",
      "films.year as filmYear",
    ])
    .orderBy("reviews.updated_at", "desc")
    .orderBy("reviews.id", "desc");
  if (authorId !== undefined) query = query.where("reviews.author_id", "=", authorId);
  const rows = await query.execute();
  return rows.map(({ filmTitle, filmYear, ...r }) => ({
    ...r,
    film: { title: filmTitle, year: filmYear },
  }));
}

export interface ReviewCounts {
  draft: number;
  scheduled: number;
  published: number;
  films: number;
}

export async function reviewCounts(db: Db, authorId?: number): Promise<ReviewCounts> {
  let query = db.kysely
    .selectFrom("reviews")
    .select(["status", (eb) => eb.fn.countAll().as("n")])
    .groupBy("status");
  if (authorId !== undefined) query = query.where("author_id", "=", authorId);
  const rows = await query.execute();
  const films = await db.kysely
    .selectFrom("films")
    .select((eb) => eb.fn.countAll().as("n"))
    .executeTakeFirstOrThrow();
  const counts: ReviewCounts = { draft: 0, scheduled: 0, published: 0, films: Number(films.n) };
  // PostgreSQL returns count() as a string.
  for (const row of rows) counts[row.status] = Number(row.n);
  return counts;
}

export type FilmChoice = Pick<Film, "id" | "title" | "year">;

/** Films to choose from in the editor, filtered by a few letters of the title. */
export async function filmChoices(db: Db, search: string, limit = 200): Promise<FilmChoice[]> {
  let query = db.kysely
    .selectFrom("films")
    .select(["id", "title", "year"])
    .orderBy("title")
    .orderBy("year")
    .limit(limit);
  const words = search.trim().toLowerCase();
  if (words) {
    // LIKE's wildcards are dropped rather than escaped: SQLite has no default escape.
    const pattern = `%${words.replace(/[\\%_]/g, "")}%`;
    query = query.where((eb) =>
      eb(eb.fn("lower", ["title"]), "like", eb.val(pattern)).$castTo<boolean>(),
    );
  }
  return query.execute();
}

export interface AccountRow {
  id: number;
  email: string;
  displayName: string;
  role: Role;
  createdAt: string;
}

export async function accounts(db: Db): Promise<AccountRow[]> {
  const rows = await db.kysely
    .selectFrom("users")
    .select(["id", "email", "display_name", "role", "created_at"])
    .orderBy("id")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    email: r.email,
    displayName: r.display_name,
    role: r.role,
    createdAt: r.created_at,
  }));
}
