// The reviews of one batch of a WordPress import, written together: the run notes each
// review post as it reads it, and at the end of the batch this writes them all — films and
// their people, reviews with their tags and search documents, redirects, Up Next lists and
// comments — with a few statements for the whole batch rather than thirty-odd a post, which
// on PostgreSQL (a round trip each) was most of the import's time. The result is what
// writing them one at a time in file order gives.
import type { Db } from "../../db/connect.ts";
import type { ReviewStatus } from "../../db/schema.ts";
import { importedIds, recordImported } from "../../domain/import-items.ts";
import { addRedirectsTo, redirectKey, redirectKeyOfLink } from "../../domain/redirects.ts";
import { insertOwnUpNextOfReviews } from "../../domain/review-up-next.ts";
import type { ReviewInput } from "../../domain/reviews.ts";
import { createReviews } from "../../domain/reviews-in-batch.ts";
import type { FilmCatalogue, FilmWanted } from "../film-catalogue.ts";
import type { ImportSummary } from "../import-summary.ts";
import { commentDateOf } from "./comment-date.ts";
import { importCommentsOfPosts } from "./import-comments.ts";
import { postDateOf, sourceDateOf } from "./post-date.ts";
import type { ReviewPost } from "./review-post.ts";
import type { WxrItem } from "./wxr-types.ts";

/** A review post read in this batch, waiting to be written. */
export interface PendingReview {
  item: WxrItem;
  review: ReviewPost;
  status: ReviewStatus;
  authorId: number;
}

/** What the run does with each review once its batch is written (in file order). */
export interface WrittenReview {
  pending: PendingReview;
  reviewId: number;
  isNew: boolean;
  filmId: number;
  next: number[];
}

export async function writeReviewBatch(
  trx: Db,
  run: { source: string; summary: ImportSummary; films: FilmCatalogue },
  batch: PendingReview[],
): Promise<{ reviews: WrittenReview[]; comments: Map<string, number> }> {
  if (batch.length === 0) return { reviews: [], comments: new Map() };
  const { source, summary } = run;
  const known = await importedIds(
    trx,
    source,
    "review",
    batch.map((p) => p.item.postId),
  );
  // A post met twice in one batch is new only the first time.
  const claimed = new Set(known.keys());
  const isNew = batch.map(({ item }) => !claimed.has(item.postId) && !!claimed.add(item.postId));
  const wanted: FilmWanted[] = batch.flatMap(({ review }, i) => [
    isNew[i]
      ? { film: review.film, directors: review.directors, writers: review.writers }
      : { film: review.film },
    ...review.upNext.map((film) => ({ film })),
  ]);
  const filmIds = await run.films.ensureAll(wanted, trx);
  let at = 0;
  const films = batch.map(({ review }) => {
    const filmId = filmIds[at]!;
    const next = filmIds.slice(at + 1, at + 1 + review.upNext.length);
    at += 1 + review.upNext.length;
    return { filmId, next };
  });
  const fresh = batch.flatMap((pending, i) => (isNew[i] ? [{ pending, i }] : []));
  const created = await createReviews(
    trx,
    fresh.map(({ pending, i }) => reviewInput(pending, films[i]!.filmId, summary)),
  );
  await recordImported(
    trx,
    source,
    "review",
    created.map((review, n) => ({ externalId: fresh[n]!.pending.item.postId, localId: review.id })),
  );
  const added = await addRedirectsTo(
    trx,
    created.map((review, n) => ({
      fromPaths: oldAddresses(fresh[n]!.pending.item),
      toPath: `/review/${review.slug}`,
    })),
  );
  if (created.length > 0) summary.count("old addresses redirected", added);
  const idOf = new Map([
    ...known,
    ...created.map((r, n) => [fresh[n]!.pending.item.postId, r.id] as const),
  ]);
  // The review shows the list as its author wrote it; the series order is rebuilt from all
  // the lines together (the run does that once the batch is in).
  await insertOwnUpNextOfReviews(
    trx,
    fresh.map(({ i }, n) => ({ reviewId: created[n]!.id, filmIds: films[i]!.next })),
  );
  const comments = await importCommentsOfPosts(
    trx,
    source,
    batch.map(({ item }) => {
      const dates = { on: `post ${item.postId}`, postDate: sourceDateOf(item), summary };
      return {
        on: idOf.get(item.postId)!,
        comments: item.comments,
        dateOf: (c) => commentDateOf(c, dates),
      };
    }),
  );
  const written = batch.map((pending, i) => ({
    pending,
    reviewId: idOf.get(pending.item.postId)!,
    isNew: isNew[i]!,
    ...films[i]!,
  }));
  return { reviews: written, comments };
}

function reviewInput(pending: PendingReview, filmId: number, summary: ImportSummary): ReviewInput {
  const { item, review, status, authorId } = pending;
  const label = `${item.postType} ${item.postId} "${item.title}"`;
  const publishedAt = postDateOf(item, label, summary);
  return {
    filmId,
    authorId,
    slug: item.postName || undefined,
    body: review.body,
    excerpt: item.excerpt.trim() || undefined,
    status: status === "scheduled" && !publishedAt ? "draft" : status,
    publishedAt: status === "draft" ? null : publishedAt,
    tags: item.terms
      .filter(
        (t) => t.domain === "post_tag" || (t.domain === "category" && t.slug !== "uncategorized"),
      )
      .map((t) => t.name),
    ...review.extra,
  };
}

/** Where WordPress answered for the post: `?p=ID`, its link, and `/%year%/%monthnum%/%postname%/`. */
function oldAddresses(item: WxrItem): string[] {
  const addresses = [redirectKey("/", new URLSearchParams({ p: item.postId }))];
  const linked = redirectKeyOfLink(item.link);
  if (linked) addresses.push(linked);
  const local = /^(\d{4})-(\d{2})/.exec(item.postDate);
  if (local && item.postName) {
    addresses.push(redirectKey(`/${local[1]}/${local[2]}/${item.postName}/`));
  }
  return addresses;
}
