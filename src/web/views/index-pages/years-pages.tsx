// Films by release year: decades with their years, a year's reviews, a decade's reviews.
import type { Decade } from "../../../domain/indexes/years.ts";
import { decadeLabel } from "../../../domain/indexes/years.ts";
import type { Page, ReviewSummary } from "../../../domain/reviews.ts";
import type { RatingScale } from "../../../content/rating.ts";
import { countOf, ReviewListing } from "./listing.tsx";

function decadePath(start: number): string {
  return `/decades/${decadeLabel(start)}`;
}

export function YearsIndexPage(props: { decades: Decade[] }) {
  return (
    <section aria-labelledby="years-title">
      <h1 id="years-title">Years</h1>
      <p class="lede">
        {props.decades.length === 0
          ? "No reviews published yet."
          : "Reviewed films by the year they were released."}
      </p>
      {props.decades.map((d) => (
        <section aria-labelledby={`decade-${d.start}`}>
          <h2 id={`decade-${d.start}`}>
            <a href={decadePath(d.start)}>{decadeLabel(d.start)}</a>{" "}
            <span class="count">{countOf(d.count, "review")}</span>
          </h2>
          <ul class="years">
            {d.years.map((y) => (
              <li>
                <a href={`/years/${y.year}`}>{y.year}</a>{" "}
                <span class="count">{countOf(y.count, "review")}</span>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </section>
  );
}

export function FilmYearPage(props: {
  year: number;
  page: Page<ReviewSummary>;
  scale: RatingScale;
}) {
  const start = Math.floor(props.year / 10) * 10;
  return (
    <ReviewListing
      headingId="film-year-title"
      heading={`Films from ${props.year}`}
      trail={[
        { href: "/years", label: "Years" },
        { href: decadePath(start), label: decadeLabel(start) },
      ]}
      current={String(props.year)}
      page={props.page}
      scale={props.scale}
      basePath={`/years/${props.year}`}
    />
  );
}

export function DecadePage(props: {
  decade: Decade;
  page: Page<ReviewSummary>;
  scale: RatingScale;
}) {
  const { decade } = props;
  return (
    <ReviewListing
      headingId="decade-title"
      heading={`Films from the ${decadeLabel(decade.start)}`}
      trail={[{ href: "/years", label: "Years" }]}
      current={decadeLabel(decade.start)}
      page={props.page}
      scale={props.scale}
      basePath={decadePath(decade.start)}
    >
      <nav aria-label={`Years of the ${decadeLabel(decade.start)}`}>
        <ul class="years">
          {decade.years.map((y) => (
            <li>
              <a href={`/years/${y.year}`}>{y.year}</a>{" "}
              <span class="count">{countOf(y.count, "review")}</span>
            </li>
          ))}
        </ul>
      </nav>
    </ReviewListing>
  );
}
