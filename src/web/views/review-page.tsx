// The review page, top to bottom: title, credit line, still, body, Up Next, tags,
// likes and boosts from the fediverse, previous/next, and the comments section.
import { type RatingScale, displayRating } from "../../content/rating.ts";
import type { Child } from "hono/jsx";
import type { ReviewPageData } from "../../domain/review-page.ts";
import { DateTime, filmLabel, formatDay, PeopleLinks, Rating } from "./names.tsx";
import { StillFigure } from "./still-figure.tsx";

/** "14 likes and 5 boosts from the fediverse"; empty when there are none. */
function reactionSentence(counts: { likes: number; boosts: number }): string {
  const parts = [
    counts.likes > 0 ? `${counts.likes} ${counts.likes === 1 ? "like" : "likes"}` : "",
    counts.boosts > 0 ? `${counts.boosts} ${counts.boosts === 1 ? "boost" : "boosts"}` : "",
  ].filter((p) => p !== "");
  return parts.length === 0 ? "" : `${parts.join(" and ")} from the fediverse`;
}

interface ReviewPageProps {
  data: ReviewPageData;
  bodyHtml: string;
  scale: RatingScale;
  mediaBase: string;
  /** The comments section (views/comments/comments-section.tsx), built by the route. */
  comments?: Child;
}

export function ReviewPage(props: ReviewPageProps) {
  const { review, film, credits, stills, tags, upNext, previous, next } = props.data;
  const directors = credits.filter((c) => c.role === "director").map((c) => c.person);
  const [leadStill, ...moreStills] = stills;
  const rating = displayRating(review.rating, props.scale);
  const reactions = reactionSentence(props.data.reactions);
  return (
    <article class="review" aria-labelledby="review-title">
      <header class="review-header">
        <h1 id="review-title">{filmLabel(film)}</h1>
        {directors.length > 0 && (
          <p class="credit">
            Directed by <PeopleLinks people={directors} />
          </p>
        )}
        {film.original_title && film.original_title !== film.title ? (
          <p class="original-title">
            Original title: <span lang="und">{film.original_title}</span>
          </p>
        ) : null}
        <p class="meta">
          <span>
            By {props.data.authorName}, <DateTime iso={review.published_at ?? ""} />
          </span>
          {review.watched_on ? <span>Watched {formatDay(review.watched_on)}</span> : null}
          {review.is_rewatch ? <span class="badge">Rewatch</span> : null}
          <Rating rating={rating} />
          <a href={`/film/${film.slug}`}>About the film</a>
        </p>
      </header>
      {leadStill ? <StillFigure still={leadStill} mediaBase={props.mediaBase} lead /> : null}
      {review.has_spoilers ? (
        <p class="spoiler-warning" role="note">
          This review discusses the whole plot, ending included.
        </p>
      ) : null}
      <div class="review-body" dangerouslySetInnerHTML={{ __html: props.bodyHtml }} />
      {moreStills.map((s) => (
        <StillFigure still={s} mediaBase={props.mediaBase} />
      ))}
      {upNext && upNext.items.length > 0 ? (
        <p class="up-next">
          <strong>Up Next:</strong>{" "}
          {upNext.items.map((item, i) => (
            <>
              {i > 0 ? ", " : ""}
              {item.reviewSlug ? (
                <a href={`/review/${item.reviewSlug}`}>{filmLabel(item.film)}</a>
              ) : (
                <span class="not-yet">{filmLabel(item.film)}</span>
              )}
            </>
          ))}
          {/* The author's own list reads as they wrote it; the series' next films say whence. */}
          {upNext.source === "series" ? (
            <span class="up-next-series">
              {" "}
              — from <a href={`/series/${upNext.series.slug}`}>{upNext.series.title}</a>
            </span>
          ) : null}
        </p>
      ) : null}
      {tags.length > 0 && (
        <p class="tags">
          Tags:{" "}
          {tags.map((t, i) => (
            <>
              {i > 0 ? ", " : ""}
              <a rel="tag" href={`/tag/${t.slug}`}>
                {t.name}
              </a>
            </>
          ))}
        </p>
      )}
      {reactions ? <p class="reactions">{reactions}</p> : null}
      <nav class="review-nav" aria-label="More reviews">
        {previous ? (
          <a rel="prev" href={`/review/${previous.slug}`}>
            <span>Previous review</span> {filmLabel(previous)}
          </a>
        ) : (
          <span />
        )}
        {next ? (
          <a rel="next" href={`/review/${next.slug}`}>
            <span>Next review</span> {filmLabel(next)}
          </a>
        ) : null}
      </nav>
      {props.comments}
    </article>
  );
}
