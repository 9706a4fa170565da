// A small line of one series' progress through a year: reviews written, added up day by
// day. The sentence beside it says the same, so the line itself is hidden from screen readers.
import { scaleLinear } from "d3-scale";
import { line } from "d3-shape";

const width = 200;
const height = 40;

export function ProgressLine(props: { year: number; days: string[]; total: number }) {
  const start = Date.UTC(props.year, 0, 1);
  const length = (Date.UTC(props.year + 1, 0, 1) - start) / 86_400_000;
  const inYear = props.days.filter((d) => d.startsWith(`${props.year}-`));
  const before =
    props.days.length - inYear.length - props.days.filter((d) => d > `${props.year}-12-31`).length;
  const x = scaleLinear()
    .domain([0, length])
    .range([2, width - 2]);
  const y = scaleLinear()
    .domain([0, Math.max(1, props.total)])
    .range([height - 2, 2]);
  const points: [number, number][] = [[0, before]];
  inYear.forEach((d, i) => {
    const at = (Date.parse(`${d}T00:00:00Z`) - start) / 86_400_000;
    points.push([at, before + i], [at, before + i + 1]);
  });
  points.push([length, before + inYear.length]);
  const path = line<[number, number]>()
    .x((p) => x(p[0]))
    .y((p) => y(p[1]))(points);
  return (
    <svg
      class="progress-line"
      viewBox={`0 0 ${width} ${height}`}
      aria-hidden="true"
      focusable="false"
    >
      <line class="chart-axis" x1={2} x2={width - 2} y1={y(props.total)} y2={y(props.total)} />
      <path class="chart-line" d={path ?? ""} />
    </svg>
  );
}
