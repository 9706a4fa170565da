// A year of watch days as a calendar heat-map: one square per day, weeks as columns, Monday
// at the top; darker for more films. A sentence carries the same facts for screen readers.
import { scaleQuantize } from "d3-scale";
import { dayNumber } from "../../../domain/stats/figures.ts";
import { monthShort } from "../month-names.ts";

const cell = 12;
const gap = 2;
const top = 16;

export function CalendarHeatMap(props: { year: number; days: Map<string, number> }) {
  const { year, days } = props;
  const max = Math.max(1, ...days.values());
  const level = scaleQuantize<number>()
    .domain([1, Math.max(2, max)])
    .range([1, 2, 3, 4]);
  const squares: { x: number; y: number; level: number; day: string }[] = [];
  const months: { x: number; label: string }[] = [];
  let week = 0;
  const first = dayNumber(`${year}-01-01`);
  const last = dayNumber(`${year}-12-31`);
  // Day numbers, not Dates, step through the year: 1970-01-01 (day 0) was a Thursday.
  for (let number = first; number <= last; number++) {
    const day = new Date(number * 86_400_000).toISOString().slice(0, 10);
    const row = (((number + 3) % 7) + 7) % 7;
    if (row === 0 && day !== `${year}-01-01`) week++;
    if (day.endsWith("-01"))
      months.push({ x: week * (cell + gap), label: monthShort[Number(day.slice(5, 7)) - 1]! });
    const n = days.get(day) ?? 0;
    squares.push({
      x: week * (cell + gap),
      y: top + row * (cell + gap),
      level: n === 0 ? 0 : level(n),
      day,
    });
  }
  const width = (week + 1) * (cell + gap);
  const height = top + 7 * (cell + gap);
  const watchDays = [...days.values()].filter((n) => n > 0).length;
  const busiest = [...days].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0];
  return (
    <figure class="stats-chart heat-map">
      <svg viewBox={`0 0 ${width} ${height}`} aria-hidden="true" focusable="false">
        {months.map((m) => (
          <text class="chart-label" x={m.x} y={11}>
            {m.label}
          </text>
        ))}
        {squares.map((s) => (
          <rect class={`heat heat-${s.level}`} x={s.x} y={s.y} width={cell} height={cell} rx={2} />
        ))}
      </svg>
      <figcaption>
        {watchDays === 0
          ? `No films were watched in ${year}.`
          : `Films were watched on ${watchDays} ${watchDays === 1 ? "day" : "days"} of ${year}; the busiest was ${longDay(busiest![0])}, with ${busiest![1]}.`}
      </figcaption>
    </figure>
  );
}

export function longDay(day: string): string {
  return new Date(`${day}T00:00:00Z`).toLocaleDateString("en-GB", {
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  });
}
