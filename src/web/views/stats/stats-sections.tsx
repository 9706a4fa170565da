// The sections of a stats page, one component per part the owner can hide. Each receives its
// figures already worked out (src/domain/stats) and only lays them out.
import type { RatingScale } from "../../../content/rating.ts";
import { weekdayNames } from "../../../domain/stats/figures.ts";
import type { StatsReport } from "../../../domain/stats/stats-report.ts";
import { CalendarHeatMap, longDay } from "./calendar-heat-map.tsx";
import { ColumnChart } from "./column-chart.tsx";
import { ProgressLine } from "./progress-line.tsx";
import { monthShort } from "../month-names.ts";
import { plural, ratingScaleName, ratingStepLabel } from "./stats-labels.ts";

function Section(props: { id: string; title: string; children?: unknown }) {
  return (
    <section class="stats-section" aria-labelledby={`stats-${props.id}`}>
      <h2 id={`stats-${props.id}`}>{props.title}</h2>
      {props.children}
    </section>
  );
}

export function MonthsSection(props: { report: StatsReport }) {
  const r = props.report;
  return (
    <Section id="months" title={`Month by month, ${r.calendarYear}`}>
      <p class="chart-key">
        <span class="key-watched">Films watched</span>{" "}
        <span class="key-reviewed">reviews written</span>
      </p>
      <ColumnChart
        caption={`Films watched and reviews written each month of ${r.calendarYear}`}
        valueHeading="Watched"
        innerHeading="Reviewed"
        columns={r.perMonth.map((m) => ({
          label: monthShort[m.month - 1]!,
          value: m.watched,
          inner: m.reviewed,
        }))}
      />
      {r.year === null && r.perYear.length > 1 && (
        <>
          <h3>Year by year</h3>
          <ColumnChart
            caption="Films watched and reviews written each year"
            valueHeading="Watched"
            innerHeading="Reviewed"
            columns={r.perYear.map((y) => ({
              label: String(y.year),
              value: y.watched,
              inner: y.reviewed,
            }))}
          />
        </>
      )}
    </Section>
  );
}

export function CalendarSection(props: { report: StatsReport }) {
  return (
    <Section id="calendar" title={`Watch days in ${props.report.calendarYear}`}>
      <CalendarHeatMap year={props.report.calendarYear} days={props.report.days} />
    </Section>
  );
}

export function DecadesSection(props: { report: StatsReport }) {
  const r = props.report;
  return (
    <Section id="decades" title="By year of release">
      {r.decades.length === 0 ? (
        <p>No dated films yet.</p>
      ) : (
        <ColumnChart
          caption="Films watched by the decade of their release"
          valueHeading="Watched"
          columns={r.decades.map((d) => ({ label: `${d.key}s`, value: d.count }))}
        />
      )}
      {r.releaseYears.length > 0 && (
        <>
          <h3>Release years watched most</h3>
          <ol class="stats-list">
            {r.releaseYears.map((y) => (
              <li>
                <a href={`/years/${y.key}`}>{y.key}</a>: {plural(y.count, "film")}
              </li>
            ))}
          </ol>
        </>
      )}
    </Section>
  );
}

export function RatingsSection(props: { report: StatsReport; scale: RatingScale }) {
  const { report: r, scale } = props;
  if (scale === "none") return null;
  const rated = r.ratings.reduce((sum, s) => sum + s.count, 0);
  return (
    <Section id="ratings" title="Ratings">
      <p>
        {plural(rated, "rated viewing")}, in {ratingScaleName(scale)}.
      </p>
      <ColumnChart
        caption={`Viewings by rating, in ${ratingScaleName(scale)}`}
        valueHeading="Viewings"
        columns={r.ratings.map((s) => ({ label: ratingStepLabel(s.key, scale), value: s.count }))}
      />
    </Section>
  );
}

function PeopleList(props: { people: StatsReport["directors"] }) {
  if (props.people.length === 0) return <p>Nobody yet.</p>;
  return (
    <ol class="stats-list">
      {props.people.map((p) => (
        <li>
          <a href={`/person/${p.slug}`}>{p.name}</a>: {plural(p.count, "film")}
        </li>
      ))}
    </ol>
  );
}

export function PeopleSection(props: { report: StatsReport }) {
  return (
    <Section id="people" title="Most watched">
      <div class="stats-columns">
        <div>
          <h3>Directors</h3>
          <PeopleList people={props.report.directors} />
        </div>
        <div>
          <h3>Actors</h3>
          <PeopleList people={props.report.actors} />
        </div>
      </div>
    </Section>
  );
}

export function HabitsSection(props: { report: StatsReport }) {
  const r = props.report;
  const { share, streak, busiest } = r;
  return (
    <Section id="habits" title="Habits">
      <dl class="stats-figures">
        <div>
          <dt>Longest streak</dt>
          <dd>
            {streak
              ? `${plural(streak.days, "day")} in a row${streak.days > 1 ? `, ${longDay(streak.from)} to ${longDay(streak.to)}` : ""}`
              : "None yet"}
          </dd>
        </div>
        <div>
          <dt>Rewatches</dt>
          <dd>{share.rewatches}</dd>
        </div>
        <div>
          <dt>First-time viewings</dt>
          <dd>
            {share.firstTimePercent}% ({share.firstTimes} of {share.total})
          </dd>
        </div>
        <div>
          <dt>Busiest day of the week</dt>
          <dd>
            {busiest
              ? `${weekdayNames[busiest.key]} (${plural(busiest.count, "film")})`
              : "None yet"}
          </dd>
        </div>
      </dl>
      <ColumnChart
        caption="Films watched by day of the week"
        valueHeading="Watched"
        columns={r.weekdays.map((d) => ({
          label: weekdayNames[d.key]!.slice(0, 3),
          value: d.count,
        }))}
      />
    </Section>
  );
}

export function WritingSection(props: { report: StatsReport }) {
  const r = props.report;
  return (
    <Section id="writing" title="Writing">
      <p>
        {r.averageWords === null
          ? "No reviews yet."
          : `${plural(r.reviewed, "review")}, ${plural(r.averageWords, "word")} long on average.`}
      </p>
    </Section>
  );
}

export function DiscussedSection(props: { report: StatsReport }) {
  const list = props.report.discussed;
  return (
    <Section id="discussed" title="Most discussed">
      {list.length === 0 ? (
        <p>No comments yet.</p>
      ) : (
        <ol class="stats-list">
          {list.map((r) => (
            <li>
              <a href={`/review/${r.slug}`}>
                {r.filmTitle}
                {r.filmYear ? ` (${r.filmYear})` : ""}
              </a>
              : {plural(r.comments, "comment")}
            </li>
          ))}
        </ol>
      )}
    </Section>
  );
}

export function SeriesSection(props: { report: StatsReport }) {
  const r = props.report;
  const year = r.calendarYear;
  return (
    <Section id="series" title="Series">
      {r.goal && (
        <p class="stats-goal">
          Goal for {year}: {plural(r.goal.target, "film")}. {r.goal.pace.thisYear} watched so far,{" "}
          {r.goal.pace.projected === r.goal.pace.thisYear
            ? "for the year"
            : `on pace for ${r.goal.pace.projected}`}
          {r.goal.pace.projected >= r.goal.target ? " (on track)." : " (behind)."}
        </p>
      )}
      {r.series.length === 0 ? (
        <p>No series yet.</p>
      ) : (
        <ul class="stats-series">
          {r.series.map((s) => (
            <li>
              <a href={`/series/${s.slug}`}>{s.title}</a>
              <ProgressLine year={year} days={s.reviewedOn} total={s.entries} />
              <span class="series-pace">
                {s.reviewed} of {s.entries} reviewed; {s.pace.thisYear} in {year}
                {s.pace.projected !== s.pace.thisYear
                  ? `, on pace for ${s.pace.projected} this year`
                  : ""}
                .
              </span>
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}
