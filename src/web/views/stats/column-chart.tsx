// A column chart drawn on the server: d3-scale works out the geometry, JSX draws it. The SVG
// is hidden from screen readers, which read the table beside it instead; colours come from the
// page's CSS variables, so it reads in light and dark, and it scales with its box to a phone.
import { scaleBand, scaleLinear } from "d3-scale";

export interface Column {
  label: string;
  value: number;
  /** A second, narrower column over the first (reviews written over films watched). */
  inner?: number;
}

const width = 640;
const height = 220;
const margin = { top: 18, right: 8, bottom: 28, left: 8 };

export function ColumnChart(props: {
  columns: Column[];
  /** The table's caption, which names the chart. */
  caption: string;
  valueHeading: string;
  innerHeading?: string;
}) {
  const { columns } = props;
  const x = scaleBand<number>()
    .domain(columns.map((_, i) => i))
    .range([margin.left, width - margin.right])
    .padding(0.2);
  const max = Math.max(1, ...columns.map((c) => c.value));
  const y = scaleLinear()
    .domain([0, max])
    .range([height - margin.bottom, margin.top]);
  const base = y(0);
  // Few columns keep every label; many show every other one, so they never overlap.
  const labelEvery = columns.length > 16 ? Math.ceil(columns.length / 12) : 1;
  return (
    <figure class="stats-chart">
      <svg
        class="column-chart"
        viewBox={`0 0 ${width} ${height}`}
        aria-hidden="true"
        focusable="false"
      >
        <line class="chart-axis" x1={margin.left} x2={width - margin.right} y1={base} y2={base} />
        {columns.map((c, i) => {
          const left = x(i) ?? 0;
          const band = x.bandwidth();
          return (
            <g>
              <rect
                class="chart-bar"
                x={left}
                y={y(c.value)}
                width={band}
                height={base - y(c.value)}
              />
              {c.inner !== undefined && c.inner > 0 && (
                <rect
                  class="chart-bar-inner"
                  x={left + band / 4}
                  y={y(c.inner)}
                  width={band / 2}
                  height={base - y(c.inner)}
                />
              )}
              {c.value > 0 && (
                <text
                  class="chart-value"
                  x={left + band / 2}
                  y={y(c.value) - 4}
                  text-anchor="middle"
                >
                  {c.value}
                </text>
              )}
              {i % labelEvery === 0 && (
                <text class="chart-label" x={left + band / 2} y={height - 8} text-anchor="middle">
                  {c.label}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <div class="visually-hidden">
        <table>
          <caption>{props.caption}</caption>
          <thead>
            <tr>
              <th scope="col">Period</th>
              <th scope="col">{props.valueHeading}</th>
              {props.innerHeading && <th scope="col">{props.innerHeading}</th>}
            </tr>
          </thead>
          <tbody>
            {columns.map((c) => (
              <tr>
                <th scope="row">{c.label}</th>
                <td>{c.value}</td>
                {props.innerHeading && <td>{c.inner ?? 0}</td>}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
