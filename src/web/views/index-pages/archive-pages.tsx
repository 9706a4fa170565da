// The archive by publication date: the index of years and months, a year, a month.
import type { ArchiveMonth, ArchiveYear } from "../../../domain/indexes/archive.ts";
import type { Page, ReviewSummary } from "../../../domain/reviews.ts";
import type { RatingScale } from "../../../content/rating.ts";
import { countOf, ReviewListing } from "./listing.tsx";
import { monthLong } from "../month-names.ts";

/** "March" for 3; English whatever the server's locale. */
function monthName(month: number): string {
  return monthLong[month - 1] ?? String(month);
}

/** "03" for 3: months are two digits in archive URLs and in stored times. */
function twoDigits(month: number): string {
  return String(month).padStart(2, "0");
}

function monthPath(m: { year: number; month: number }): string {
  return `/archive/${m.year}/${twoDigits(m.month)}`;
}

export function monthLabel(m: { year: number; month: number }): string {
  return `${monthName(m.month)} ${m.year}`;
}

function MonthList(props: { months: ArchiveMonth[] }) {
  return (
    <ul class="archive-months">
      {props.months.map((m) => (
        <li>
          <a href={monthPath(m)}>{monthLabel(m)}</a>{" "}
          <span class="count">{countOf(m.count, "review")}</span>
        </li>
      ))}
    </ul>
  );
}

export function ArchiveIndexPage(props: { years: ArchiveYear[]; hasStats?: boolean }) {
  const total = props.years.reduce((sum, y) => sum + y.count, 0);
  return (
    <section aria-labelledby="archive-title">
      <h1 id="archive-title">Archive</h1>
      <p class="lede">
        {total === 0
          ? "No reviews published yet."
          : `${countOf(total, "review")}, by the month they were published.`}
        {props.hasStats && total > 0 && (
          <>
            {" "}
            <a href="/stats">The journal in numbers</a>.
          </>
        )}
      </p>
      {props.years.map((y) => (
        <section aria-labelledby={`year-${y.year}`}>
          <h2 id={`year-${y.year}`}>
            <a href={`/archive/${y.year}`}>{y.year}</a>{" "}
            <span class="count">{countOf(y.count, "review")}</span>
          </h2>
          <MonthList months={y.months} />
        </section>
      ))}
    </section>
  );
}

export function ArchiveYearPage(props: {
  year: ArchiveYear;
  page: Page<ReviewSummary>;
  scale: RatingScale;
}) {
  const { year } = props;
  return (
    <ReviewListing
      headingId="archive-year-title"
      heading={`Reviews from ${year.year}`}
      trail={[{ href: "/archive", label: "Archive" }]}
      current={String(year.year)}
      page={props.page}
      scale={props.scale}
      basePath={`/archive/${year.year}`}
    >
      <nav aria-label={`Months of ${year.year}`}>
        <MonthList months={year.months} />
      </nav>
    </ReviewListing>
  );
}

export function ArchiveMonthPage(props: {
  month: { year: number; month: number };
  page: Page<ReviewSummary>;
  scale: RatingScale;
}) {
  const { month } = props;
  return (
    <ReviewListing
      headingId="archive-month-title"
      heading={monthLabel(month)}
      trail={[
        { href: "/archive", label: "Archive" },
        { href: `/archive/${month.year}`, label: String(month.year) },
      ]}
      current={monthName(month.month)}
      page={props.page}
      scale={props.scale}
      basePath={monthPath(month)}
    />
  );
}
