// /stats (all time) and /stats/YEAR (a year in review, then the year's numbers). The owner's
// hidden parts are left out here; everything shown arrives worked out.
import type { Still } from "../../../db/schema.ts";
import type { RatingScale } from "../../../content/rating.ts";
import type { StatsPart } from "../../../domain/stats/stats-settings.ts";
import type { StatsReport } from "../../../domain/stats/stats-report.ts";
import { displayRating } from "../../../content/rating.ts";
import { StillFigure } from "../still-figure.tsx";
import {
  CalendarSection,
  DecadesSection,
  DiscussedSection,
  HabitsSection,
  MonthsSection,
  PeopleSection,
  RatingsSection,
  SeriesSection,
  WritingSection,
} from "./stats-sections.tsx";
import { plural } from "./stats-labels.ts";

interface StatsPageProps {
  report: StatsReport;
  scale: RatingScale;
  hidden: Set<StatsPart>;
  /** First stills of the year's top-rated reviews, by review id. */
  stills: Map<number, Still>;
}

function YearLinks(props: { years: number[]; current: number | null }) {
  return (
    <nav aria-label="Years in review" class="stats-years">
      <ul>
        <li>
          {props.current === null ? (
            <span aria-current="page">All time</span>
          ) : (
            <a href="/stats">All time</a>
          )}
        </li>
        {props.years.map((y) => (
          <li>
            {y === props.current ? (
              <span aria-current="page">{y}</span>
            ) : (
              <a href={`/stats/${y}`}>{y}</a>
            )}
          </li>
        ))}
      </ul>
    </nav>
  );
}

function BigFigures(props: { report: StatsReport }) {
  const r = props.report;
  return (
    <dl class="big-figures">
      <div>
        <dt>films watched</dt>
        <dd>{r.watched}</dd>
      </div>
      <div>
        <dt>different films</dt>
        <dd>{r.films}</dd>
      </div>
      <div>
        <dt>reviews written</dt>
        <dd>{r.reviewed}</dd>
      </div>
      <div>
        <dt>rewatches</dt>
        <dd>{r.share.rewatches}</dd>
      </div>
    </dl>
  );
}

function YearRecap(props: StatsPageProps & { year: number }) {
  const { report: r, hidden, scale } = props;
  return (
    <section class="year-recap" aria-labelledby="recap-title">
      <h2 id="recap-title" class="visually-hidden">
        {props.year} at a glance
      </h2>
      <BigFigures report={r} />
      {!hidden.has("ratings") && scale !== "none" && r.topRated.length > 0 && (
        <>
          <h3>Top rated of {props.year}</h3>
          <ol class="top-rated">
            {r.topRated.map((review) => {
              const still = props.stills.get(review.id);
              const rating = displayRating(review.rating, scale);
              return (
                <li>
                  {still && <StillFigure still={still} mediaBase="/media" />}
                  <a href={`/review/${review.slug}`}>
                    {review.filmTitle}
                    {review.filmYear ? ` (${review.filmYear})` : ""}
                  </a>
                  {rating && (
                    <span class="rating" aria-label={rating.label} role="img">
                      {rating.text}
                    </span>
                  )}
                </li>
              );
            })}
          </ol>
        </>
      )}
      {!hidden.has("people") && r.directors.length > 0 && (
        <>
          <h3>Directors of the year</h3>
          <ol class="stats-list">
            {r.directors.slice(0, 5).map((p) => (
              <li>
                <a href={`/person/${p.slug}`}>{p.name}</a>: {plural(p.count, "film")}
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}

export function StatsPage(props: StatsPageProps) {
  const { report: r, hidden, scale } = props;
  const show = (part: StatsPart) => !hidden.has(part);
  return (
    <article class="stats-page">
      <h1>{r.year === null ? "The journal in numbers" : `${r.year} in review`}</h1>
      <p class="stats-intro">
        {r.year === null
          ? `${plural(r.watched, "film")} watched and ${plural(r.reviewed, "review")} written so far.`
          : `${plural(r.watched, "film")} watched and ${plural(r.reviewed, "review")} written in ${r.year}.`}{" "}
        Cinelog tracks no visitors: these numbers count films and words, never readers.
      </p>
      <YearLinks years={r.years} current={r.year} />
      {r.year === null ? <BigFigures report={r} /> : <YearRecap {...props} year={r.year} />}
      {show("months") && <MonthsSection report={r} />}
      {show("calendar") && <CalendarSection report={r} />}
      {show("decades") && <DecadesSection report={r} />}
      {show("ratings") && <RatingsSection report={r} scale={scale} />}
      {show("people") && <PeopleSection report={r} />}
      {show("habits") && <HabitsSection report={r} />}
      {show("writing") && <WritingSection report={r} />}
      {show("discussed") && <DiscussedSection report={r} />}
      {show("series") && <SeriesSection report={r} />}
    </article>
  );
}
