// A series: progress ("N of M reviewed") and the ordered list, reviewed or still queued.
import type { Series } from "../../db/schema.ts";
import type { SeriesOverview } from "../../domain/series.ts";
import { CardStill } from "./card-still.tsx";
import { CommentCountLink } from "./index-pages/comment-count.tsx";
import { filmLabel } from "./names.tsx";

export function SeriesPage(props: { overview: SeriesOverview }) {
  const { series, items, reviewed, total } = props.overview;
  return (
    <article class="series" aria-labelledby="series-title">
      <h1 id="series-title">{series.title}</h1>
      {series.description ? <p class="lede">{series.description}</p> : null}
      <p class="progress-text">
        {reviewed} of {total} reviewed
      </p>
      <progress max={total} value={reviewed} aria-label="Series progress">
        {reviewed} of {total}
      </progress>
      <ol class="series-entries">
        {items.map((item) => (
          <li
            class={`${item.reviewSlug ? "reviewed" : "queued"}${item.leadStill ? " has-still" : ""}`}
          >
            <div class="row-with-still">
              {item.leadStill ? <CardStill still={item.leadStill} thumb /> : null}
              <div>
                {item.reviewSlug ? (
                  <a href={`/review/${item.reviewSlug}`}>{filmLabel(item.film)}</a>
                ) : (
                  <span>{filmLabel(item.film)}</span>
                )}{" "}
                <span class="status">{item.reviewSlug ? "Reviewed" : "Queued"}</span>
                {item.reviewSlug && item.commentCount > 0 ? (
                  <>
                    {" · "}
                    <CommentCountLink
                      count={item.commentCount}
                      reviewSlug={item.reviewSlug}
                      label={filmLabel(item.film)}
                    />
                  </>
                ) : null}
              </div>
            </div>
          </li>
        ))}
      </ol>
    </article>
  );
}

export function SeriesIndexPage(props: {
  series: (Series & { reviewed: number; total: number })[];
}) {
  return (
    <section aria-labelledby="series-index-title">
      <h1 id="series-index-title">Series</h1>
      {props.series.length === 0 ? <p>No series yet.</p> : null}
      <ul class="series-index">
        {props.series.map((s) => (
          <li>
            <a href={`/series/${s.slug}`}>{s.title}</a>{" "}
            <span class="status">
              {s.reviewed} of {s.total} reviewed
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
