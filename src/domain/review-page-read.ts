// The whole review page but its comments' text in ONE statement: the review and its author,
// film, credits, tags, stills, likes and boosts, the reviews before and after it, its own Up
// Next list, its series' next films and the ids and parents of its approved comments (what
// the comment pages are cut from), nested as JSON (src/db/nested-json.ts). It was thirteen
// statements: on PostgreSQL each a round trip, on SQLite each a Kysely build and compile
// that cost more than the query. The rules are those of films.ts, tags.ts, stills.ts,
// reviews.ts (neighbours), review-up-next.ts and series.ts (upNext), written here in SQL.
import type { Dialect } from "../db/connect.ts";
import { jsonArray, jsonArrayOf, jsonObject, readJson } from "../db/nested-json.ts";
import { preparedRead } from "../db/prepared.ts";
import type { Comment, Film, Review, Still, Tag } from "../db/schema.ts";
import type { CommentThreadRow } from "./comment-pages.ts";
import { columnsOf, stillColumns } from "./read-columns.ts";
import { isPublicSql } from "./visibility.ts";
import type { FilmCredit } from "./films.ts";
import type { Neighbour } from "./reviews.ts";
import type { UpNextFilm } from "./review-up-next.ts";

const filmColumns = [
  "id",
  "slug",
  "title",
  "original_title",
  "year",
  "runtime_minutes",
  "countries",
  "imdb_id",
  "tmdb_id",
  "wikidata_id",
  "letterboxd_slug",
  "created_at",
  "updated_at",
] as const satisfies readonly (keyof Film)[];
const tagColumns = ["id", "slug", "name"] as const satisfies readonly (keyof Tag)[];
// All but the Markdown source, which the page never shows: on PostgreSQL a long review's
// body_md is stored compressed, and unpacking and sending it was a quarter of the statement.
const reviewColumns = [
  "id",
  "film_id",
  "author_id",
  "slug",
  "excerpt",
  "rating",
  "watched_on",
  "is_rewatch",
  "has_spoilers",
  "status",
  "published_at",
  "created_at",
  "updated_at",
  "body_html",
] as const satisfies readonly (keyof Review)[];
/** The review as its page shows it. */
export type ShownReview = Pick<Review, (typeof reviewColumns)[number]>;

// A column added to films, tags or reviews must be read here too (or left out on purpose,
// as body_md is): these fail to compile until it is (stills: read-columns.ts).
type Unread<T, Listed extends readonly string[]> = Exclude<keyof T, Listed[number]>;
const everyColumnRead: [
  Unread<Film, typeof filmColumns>,
  Unread<Tag, typeof tagColumns>,
  Exclude<Unread<Review, typeof reviewColumns>, "body_md">,
] extends [never, never, never]
  ? true
  : never = true;
void everyColumnRead;

/** What the statement answers; the JSON columns are text on SQLite, parsed on PostgreSQL. */
type ReadRow = ShownReview & {
  authorDisplayName: string | null;
  film: unknown;
  credits: unknown;
  tags: unknown;
  stills: unknown;
  previous: unknown;
  next: unknown;
  ownUpNext: unknown;
  seriesUpNext: unknown;
  commentThread: unknown;
  likes: number | string;
  boosts: number | string;
};

interface ReviewPageRead {
  review: ShownReview;
  authorName: string;
  film: Film | undefined;
  credits: FilmCredit[];
  tags: Tag[];
  stills: Still[];
  previous: Neighbour | undefined;
  next: Neighbour | undefined;
  /** The review's own list, empty when it has none. */
  ownUpNext: UpNextFilm[];
  /** The next films of its series (its own entry's, else its film's), or none. */
  seriesUpNext: { series: { slug: string; title: string }; items: UpNextFilm[] } | undefined;
  reactions: { likes: number; boosts: number };
  /** Its approved comments of every kind (likes and reposts are counted from them), oldest first. */
  approvedComments: CommentThreadRow[];
}

/** `alias` is a public review at $2 (src/domain/visibility.ts). */
const isPublic = (alias: string) => isPublicSql(alias, "$2");

/** A film of an Up Next list, with the review its name links to. */
function upNextFilm(dialect: Dialect, reviewSlug: string): string {
  return jsonObject(dialect, {
    film: jsonObject(dialect, { id: "f.id", slug: "f.slug", title: "f.title", year: "f.year" }),
    reviewSlug,
  });
}

function write(dialect: Dialect): string {
  // The earlier one is bounded by this review's own time, not by now (the same rows, as it is
  // public), or SQLite walks down from now through every later review to reach it.
  const neighbour = (bound: string, where: string, order: string) =>
    `(select ${jsonObject(dialect, { slug: "x.slug", title: "xf.title", year: "xf.year" })}
      from reviews x inner join films xf on xf.id = x.film_id
      where x.status in ('published', 'scheduled') and x.published_at is not null
      and x.published_at <= ${bound} and x.id <> r.id and ${where}
      order by ${order} limit 1)`;
  // Own list: the first public review of the film at or after this one, else its latest.
  const ownLink = `coalesce(
      (select x.slug from reviews x where x.film_id = f.id and x.id <> r.id and ${isPublic("x")}
        and x.published_at >= r.published_at order by x.published_at, x.id limit 1),
      (select x.slug from reviews x where x.film_id = f.id and x.id <> r.id and ${isPublic("x")}
        order by x.published_at desc, x.id desc limit 1))`;
  // Series: the entry's own review when public, else the film's latest public review.
  const seriesLink = `coalesce(
      (select x.slug from reviews x where x.id = n.review_id and ${isPublic("x")}),
      (select x.slug from reviews x where x.film_id = n.film_id and ${isPublic("x")}
        order by x.published_at desc, x.id desc limit 1))`;
  return `select ${reviewColumns.map((c) => `r.${c}`).join(", ")}, u.display_name as "authorDisplayName",
    (select ${jsonObject(dialect, columnsOf("f", filmColumns))} from films f where f.id = r.film_id) as film,
    (select ${jsonArrayOf(
      dialect,
      jsonObject(dialect, {
        role: "c.role",
        character: "c.character",
        person: jsonObject(dialect, { id: "p.id", slug: "p.slug", name: "p.name" }),
      }),
      "c.role, c.position",
    )}
      from credits c inner join people p on p.id = c.person_id where c.film_id = r.film_id) as credits,
    (select ${jsonArrayOf(dialect, jsonObject(dialect, columnsOf("t", tagColumns)), "t.name")}
      from tags t inner join review_tags rt on rt.tag_id = t.id where rt.review_id = r.id) as tags,
    (select ${jsonArrayOf(dialect, jsonObject(dialect, columnsOf("s", stillColumns)), "s.position, s.id")}
      from stills s where s.review_id = r.id) as stills,
    ${neighbour("r.published_at", "(x.published_at, x.id) < (r.published_at, r.id)", "x.published_at desc, x.id desc")} as previous,
    ${neighbour("$2", "(x.published_at, x.id) > (r.published_at, r.id)", "x.published_at, x.id")} as next,
    (select ${jsonArrayOf(dialect, upNextFilm(dialect, ownLink), "o.position")}
      from review_up_next o inner join films f on f.id = o.film_id where o.review_id = r.id) as "ownUpNext",
    (select ${jsonObject(dialect, {
      series: jsonObject(dialect, { slug: "se.slug", title: "se.title" }),
      items: `(select ${jsonArrayOf(dialect, upNextFilm(dialect, seriesLink), "n.position, n.id")}
          from (select * from series_entries w where w.series_id = e.series_id
                and w.position > e.position order by w.position, w.id limit 3) n
          inner join films f on f.id = n.film_id)`,
    })}
      from series_entries e inner join series se on se.id = e.series_id
      where e.id = coalesce(
        (select id from series_entries where review_id = r.id order by id limit 1),
        (select id from series_entries where film_id = r.film_id order by id limit 1))) as "seriesUpNext",
    (select ${jsonArrayOf(dialect, jsonArray(dialect, ["c.id", "c.parent_id", "c.kind"]), "c.created_at, c.id")}
      from comments c where c.review_id = r.id and c.status = 'approved') as "commentThread",
    (select count(*) from federation_reactions fr where fr.review_id = r.id and fr.kind = 'like') as likes,
    (select count(*) from federation_reactions fr where fr.review_id = r.id and fr.kind = 'boost') as boosts
  from reviews r left join users u on u.id = r.author_id
  where r.slug = $1 and ${isPublic("r")}`;
}

const reviewPageStatement = preparedRead<ReadRow>(write);

/** The public review at `slug` with all its page shows but comments; undefined if none. */
export async function readReviewPage(
  db: Parameters<typeof reviewPageStatement.run>[0],
  slug: string,
  now: string,
): Promise<ReviewPageRead | undefined> {
  const [row] = await reviewPageStatement.run(db, [slug, now]);
  if (!row) return undefined;
  const {
    authorDisplayName,
    film,
    credits,
    tags,
    stills,
    previous,
    next,
    ownUpNext,
    seriesUpNext,
    commentThread,
    likes,
    boosts,
    ...review
  } = row;
  return {
    review,
    authorName: authorDisplayName ?? "",
    film: readJson<Film | null>(film) ?? undefined,
    credits: readJson(credits),
    tags: readJson(tags),
    stills: readJson(stills),
    previous: readJson<Neighbour | null>(previous) ?? undefined,
    next: readJson<Neighbour | null>(next) ?? undefined,
    ownUpNext: readJson(ownUpNext),
    seriesUpNext: readJson<ReviewPageRead["seriesUpNext"] | null>(seriesUpNext) ?? undefined,
    reactions: { likes: Number(likes), boosts: Number(boosts) },
    approvedComments: readJson<[number, number | null, Comment["kind"]][]>(commentThread).map(
      ([id, parentId, kind]) => ({ id, parentId, approved: true, kind }),
    ),
  };
}
