// The rating spread on the site's scale, and the reviews at one step of it.
import { type RatingDisplay, type RatingScale, displayRating } from "../../../content/rating.ts";
import type { RatingSpread } from "../../../domain/indexes/ratings.ts";
import type { Page, ReviewSummary } from "../../../domain/reviews.ts";
import { countOf, ReviewListing } from "./listing.tsx";

/** Stars for the eye, words for a screen reader (which would otherwise read "black star"). */
function RatingWords(props: { rating: RatingDisplay }) {
  return (
    <>
      <span aria-hidden="true" class="rating">
        {props.rating.text}
      </span>
      <span class="visually-hidden">{props.rating.label}</span>
    </>
  );
}

export function RatingsIndexPage(props: { spread: RatingSpread; scale: RatingScale }) {
  const { steps, unrated } = props.spread;
  const most = Math.max(1, ...steps.map((s) => s.count));
  return (
    <section aria-labelledby="ratings-title">
      <h1 id="ratings-title">Ratings</h1>
      <p class="lede">
        {steps.length === 0 && unrated === 0
          ? "No reviews published yet."
          : "How many reviews gave each rating, highest first."}
      </p>
      {steps.length > 0 ? (
        <ul class="rating-spread">
          {steps.map((s) => {
            const rating = displayRating(s.value, props.scale);
            if (!rating) return null;
            return (
              <li>
                <a href={`/ratings/${s.value}`}>
                  <RatingWords rating={rating} />
                </a>{" "}
                <span class="count">{countOf(s.count, "review")}</span>{" "}
                {/* A bar for the eye; the count beside it already says it in words. */}
                <meter aria-hidden="true" min={0} max={most} value={s.count}></meter>
              </li>
            );
          })}
        </ul>
      ) : null}
      {unrated > 0 ? (
        <p>
          <a href="/ratings/unrated">Unrated</a>{" "}
          <span class="count">{countOf(unrated, "review")}</span>
        </p>
      ) : null}
    </section>
  );
}

export function RatingPage(props: {
  /** The step's stored value, or "unrated". */
  value: number | "unrated";
  page: Page<ReviewSummary>;
  scale: RatingScale;
}) {
  const rating = props.value === "unrated" ? null : displayRating(props.value, props.scale);
  return (
    <ReviewListing
      headingId="rating-title"
      heading={
        rating ? (
          <>
            Rated <RatingWords rating={rating} />
          </>
        ) : (
          "Unrated reviews"
        )
      }
      trail={[{ href: "/ratings", label: "Ratings" }]}
      current={rating ? rating.label : "Unrated"}
      page={props.page}
      scale={props.scale}
      basePath={`/ratings/${props.value}`}
    />
  );
}

/** The document title for a rating page: words, since tabs and bookmarks are read aloud too. */
export function ratingPageTitle(value: number | "unrated", scale: RatingScale): string {
  const rating = value === "unrated" ? null : displayRating(value, scale);
  return rating ? `Reviews rated ${rating.label}` : "Unrated reviews";
}
