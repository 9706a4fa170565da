// `cinelog export wxr`: the site as a WordPress export (WXR 1.2) that WordPress imports
// (Tools > Import > WordPress) and Cinelog imports back as it was. Written as it is read:
// reviews a page at a time with their stills and comments, then posts and pages, then the
// series, each page
// written out before the next is read, so a large site never sits in memory whole.
//
// Comments: approved, pending and trashed ones go out (as WordPress's own exporter does);
// spam does not. A reply to a comment left out becomes a comment of its own.
import { once } from "node:events";
import type { Writable } from "node:stream";
import type { Db } from "../../db/connect.ts";
import { filmLabel } from "../../domain/films.ts";
import { ownUpNextFilmIds } from "../../domain/review-up-next.ts";
import { upNext } from "../../domain/series.ts";
import { loadSettings } from "../../domain/settings.ts";
import { nowIso } from "../../domain/time.ts";
import { reviewUrl } from "../../feeds/site-urls.ts";
import { channelHead, channelTail, loadLogins, tagTerms, type Logins } from "./wxr-channel.ts";
import { filmRecords } from "./film-records.ts";
import { postItem } from "./post-item.ts";
import { reviewItem, type ReviewBundle } from "./review-item.ts";
import { seriesItem } from "./series-item.ts";

interface WxrExportProgress {
  done: number;
  total: number;
}

interface WxrExportOptions {
  /** The site's public address, for links and media addresses (no trailing slash). */
  siteUrl: string;
  now?: string;
  onProgress?: (progress: WxrExportProgress) => void;
}

export interface WxrExportCounts {
  reviews: number;
  stills: number;
  comments: number;
  /** Posts and pages that are not reviews. */
  posts: number;
  series: number;
}

const reviewsPerPage = 100;
const seriesPerPage = 20;

/** Writes the export to `out` (a file or stdout), waiting whenever it asks to. */
export async function exportWxr(
  db: Db,
  out: Writable,
  options: WxrExportOptions,
): Promise<WxrExportCounts> {
  const siteUrl = options.siteUrl.replace(/\/+$/, "");
  const now = options.now ?? nowIso();
  const write = async (chunk: string) => {
    if (!out.write(chunk)) await once(out, "drain");
  };
  const counts: WxrExportCounts = { reviews: 0, stills: 0, comments: 0, posts: 0, series: 0 };
  const [settings, { logins, authors }, total] = await Promise.all([
    loadSettings(db),
    loadLogins(db),
    totalItems(db),
  ]);
  await write(
    channelHead(
      { title: settings.siteTitle, description: settings.siteDescription, siteUrl },
      authors,
      now,
    ),
  );
  await write(await tagTerms(db));

  let done = 0;
  let after = 0;
  for (;;) {
    const bundles = await reviewPage(db, after, logins, now);
    if (bundles.length === 0) break;
    for (const bundle of bundles) {
      await write(reviewItem(bundle, siteUrl));
      counts.reviews += 1;
      counts.stills += bundle.stills.length;
      counts.comments += bundle.comments.length;
    }
    after = bundles.at(-1)!.review.id;
    done += bundles.length;
    options.onProgress?.({ done, total });
  }

  let afterPost = 0;
  for (;;) {
    const posts = await db.kysely
      .selectFrom("posts")
      .selectAll()
      .where("id", ">", afterPost)
      .orderBy("id")
      .limit(reviewsPerPage)
      .execute();
    if (posts.length === 0) break;
    const tags = await db.kysely
      .selectFrom("post_tags")
      .innerJoin("tags", "tags.id", "post_tags.tag_id")
      .select(["post_tags.post_id", "tags.slug", "tags.name"])
      .where(
        "post_tags.post_id",
        "in",
        posts.map((p) => p.id),
      )
      .orderBy("tags.name")
      .execute();
    // Comments on posts and pages travel with them, spam left out as for reviews.
    const postComments = await db.kysely
      .selectFrom("comments")
      .selectAll()
      .where(
        "post_id",
        "in",
        posts.map((p) => p.id),
      )
      .where("status", "!=", "spam")
      .orderBy("id")
      .execute();
    for (const post of posts) {
      const own = tags.filter((t) => t.post_id === post.id);
      const comments = postComments.filter((c) => c.post_id === post.id);
      await write(postItem(post, own, logins.get(post.author_id) ?? "", siteUrl, comments));
      counts.posts += 1;
      counts.comments += comments.length;
    }
    afterPost = posts.at(-1)!.id;
    done += posts.length;
    options.onProgress?.({ done, total });
  }

  const owner = await ownerLogin(db, logins);
  let afterSeries = 0;
  for (;;) {
    const page = await db.kysely
      .selectFrom("series")
      .selectAll()
      .where("id", ">", afterSeries)
      .orderBy("id")
      .limit(seriesPerPage)
      .execute();
    if (page.length === 0) break;
    for (const series of page) {
      await write(
        seriesItem(series, await seriesEntries(db, series.id, now, siteUrl), owner, siteUrl),
      );
      counts.series += 1;
    }
    afterSeries = page.at(-1)!.id;
    done += page.length;
    options.onProgress?.({ done, total });
  }
  await write(channelTail);
  return counts;
}

async function totalItems(db: Db): Promise<number> {
  const [reviews, posts, series] = await Promise.all([
    db.kysely
      .selectFrom("posts")
      .select((eb) => eb.fn.countAll().as("n"))
      .executeTakeFirstOrThrow(),
    db.kysely
      .selectFrom("reviews")
      .select((eb) => eb.fn.countAll().as("n"))
      .executeTakeFirstOrThrow(),
    db.kysely
      .selectFrom("series")
      .select((eb) => eb.fn.countAll().as("n"))
      .executeTakeFirstOrThrow(),
  ]);
  return Number(reviews.n) + Number(posts.n) + Number(series.n);
}

/** The next page of reviews, with everything their posts carry. */
async function reviewPage(
  db: Db,
  after: number,
  logins: Logins,
  now: string,
): Promise<ReviewBundle[]> {
  const reviews = await db.kysely
    .selectFrom("reviews")
    .selectAll()
    .where("id", ">", after)
    .orderBy("id")
    .limit(reviewsPerPage)
    .execute();
  if (reviews.length === 0) return [];
  const ids = reviews.map((r) => r.id);
  const ownLists = await ownUpNextFilmIds(db, ids);
  const [films, tags, stills, comments] = await Promise.all([
    filmRecords(db, [...reviews.map((r) => r.film_id), ...[...ownLists.values()].flat()]),
    db.kysely
      .selectFrom("review_tags")
      .innerJoin("tags", "tags.id", "review_tags.tag_id")
      .select(["review_tags.review_id", "tags.slug", "tags.name"])
      .where("review_tags.review_id", "in", ids)
      .orderBy("tags.name")
      .execute(),
    db.kysely
      .selectFrom("stills")
      .selectAll()
      .where("review_id", "in", ids)
      .orderBy("position")
      .orderBy("id")
      .execute(),
    db.kysely
      .selectFrom("comments")
      .selectAll()
      .where("review_id", "in", ids)
      .where("status", "!=", "spam")
      .orderBy("id")
      .execute(),
  ]);
  const bundles: ReviewBundle[] = [];
  for (const review of reviews) {
    const film = films.get(review.film_id);
    if (!film) continue;
    // The review's own list when it has one (as its page shows it), else the series' next.
    const ownUpNext = (ownLists.get(review.id) ?? []).flatMap((id) => films.get(id) ?? []);
    const next = ownUpNext.length > 0 ? undefined : await upNext(db, review, now, 3);
    bundles.push({
      review,
      film,
      tags: tags.filter((t) => t.review_id === review.id),
      stills: stills.filter((s) => s.review_id === review.id),
      comments: comments.filter((c) => c.review_id === review.id),
      upNext: (ownUpNext.length > 0 ? ownUpNext : (next?.items ?? []).map((i) => i.film)).map(
        filmLabel,
      ),
      ownUpNext,
      authorLogin: logins.get(review.author_id) ?? "",
    });
  }
  return bundles;
}

async function seriesEntries(db: Db, seriesId: number, now: string, siteUrl: string) {
  const entries = await db.kysely
    .selectFrom("series_entries")
    .leftJoin("reviews", "reviews.id", "series_entries.review_id")
    .select([
      "series_entries.film_id",
      "series_entries.review_id",
      "reviews.slug",
      "reviews.status",
      "reviews.published_at",
    ])
    .where("series_entries.series_id", "=", seriesId)
    .orderBy("series_entries.position")
    .orderBy("series_entries.id")
    .execute();
  const films = await filmRecords(
    db,
    entries.map((e) => e.film_id),
  );
  return entries.flatMap((e) => {
    const film = films.get(e.film_id);
    if (!film) return [];
    const isPublic =
      e.slug != null && e.status !== "draft" && e.published_at != null && e.published_at <= now;
    return [
      {
        film,
        reviewId: e.review_id,
        reviewUrl: isPublic && e.slug ? reviewUrl(siteUrl, e.slug) : null,
      },
    ];
  });
}

async function ownerLogin(db: Db, logins: Logins): Promise<string> {
  const owner = await db.kysely
    .selectFrom("users")
    .select("id")
    .orderBy((eb) => eb.case().when("role", "=", "owner").then(0).else(1).end())
    .orderBy("id")
    .executeTakeFirst();
  return owner ? (logins.get(owner.id) ?? "") : "";
}
