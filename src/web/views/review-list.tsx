// A list of review cards with pagination, shared by home, tag and other listings.
import { type RatingScale, displayRating } from "../../content/rating.ts";
import type { Page, ReviewSummary } from "../../domain/reviews.ts";
import { CardStill } from "./card-still.tsx";
import { CommentCountLink } from "./index-pages/comment-count.tsx";
import { DateTime, filmLabel, PeopleLinks, Rating } from "./names.tsx";

function ReviewCard(props: { review: ReviewSummary; scale: RatingScale }) {
  const { review } = props;
  return (
    <article class={review.leadStill ? "review-card has-still" : "review-card"}>
      {review.leadStill ? <CardStill still={review.leadStill} /> : null}
      <div class="card-text">
        <h2>
          <a href={`/review/${review.slug}`}>{filmLabel(review.film)}</a>
        </h2>
        {review.directors.length > 0 && (
          <p class="credit">
            Directed by <PeopleLinks people={review.directors} />
          </p>
        )}
        <p class="meta">
          <DateTime iso={review.publishedAt} />
          {review.isRewatch ? <span class="badge">Rewatch</span> : null}
          <Rating rating={displayRating(review.rating, props.scale)} />
          <CommentCountLink
            count={review.commentCount}
            reviewSlug={review.slug}
            label={filmLabel(review.film)}
          />
        </p>
        <p class="excerpt">{review.excerpt}</p>
      </div>
    </article>
  );
}

export function ReviewList(props: { reviews: ReviewSummary[]; scale: RatingScale }) {
  return (
    <div class="review-list">
      {props.reviews.map((r) => (
        <ReviewCard review={r} scale={props.scale} />
      ))}
    </div>
  );
}

/** Page 1 lives at the listing's own address, page N at `base/page/N` (`/page/N` for home). */
export function pageHref(basePath: string, n: number): string {
  const base = basePath.replace(/\/$/, "");
  return n === 1 ? base || "/" : `${base}/page/${n}`;
}

/** Older/newer links; page 1 lives at the base path, page N at `base/page/N`. */
export function Pagination(props: {
  page: Page<unknown>;
  basePath: string;
  /** Link texts; by default a listing of reviews, newest first. */
  labels?: { previous: string; next: string };
}) {
  const labels = props.labels ?? { previous: "← Newer reviews", next: "Older reviews →" };
  const { page, pageCount } = props.page;
  if (pageCount <= 1) return null;
  const href = (n: number) => pageHref(props.basePath, n);
  return (
    <nav class="pagination" aria-label="Pages">
      {page > 1 ? (
        <a rel="prev" href={href(page - 1)}>
          {labels.previous}
        </a>
      ) : null}
      <span>
        Page {page} of {pageCount}
      </span>
      {page < pageCount ? (
        <a rel="next" href={href(page + 1)}>
          {labels.next}
        </a>
      ) : null}
    </nav>
  );
}
