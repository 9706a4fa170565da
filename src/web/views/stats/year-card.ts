// The year in review as a 1200×630 share card: the same figures as the page, drawn as SVG and
// turned into a PNG by sharp. Plain strings, not JSX: sharp reads the SVG with no page around
// it, so every text is escaped here.
import { scaleBand, scaleLinear } from "d3-scale";
import type { StatsReport } from "../../../domain/stats/stats-report.ts";
import { monthShort } from "../month-names.ts";

export const cardWidth = 1200;
export const cardHeight = 630;

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function yearCardSvg(report: StatsReport, siteTitle: string): string {
  const year = report.calendarYear;
  const figures: [string, number][] = [
    ["films watched", report.watched],
    ["reviews", report.reviewed],
    ["rewatches", report.share.rewatches],
  ];
  const chart = { left: 80, right: 1120, top: 330, bottom: 560 };
  const x = scaleBand<number>()
    .domain(report.perMonth.map((m) => m.month))
    .range([chart.left, chart.right])
    .padding(0.25);
  const max = Math.max(1, ...report.perMonth.map((m) => m.watched));
  const y = scaleLinear().domain([0, max]).range([chart.bottom, chart.top]);
  const bars = report.perMonth
    .map((m) => {
      const left = x(m.month) ?? 0;
      const top = y(m.watched);
      return (
        `<rect x="${left}" y="${top}" width="${x.bandwidth()}" height="${chart.bottom - top}" fill="#9b2c1f"/>` +
        `<text x="${left + x.bandwidth() / 2}" y="${chart.bottom + 34}" text-anchor="middle" font-size="22" fill="#5e5850">${monthShort[m.month - 1]}</text>`
      );
    })
    .join("");
  const figureText = figures
    .map(
      ([label, n], i) =>
        `<text x="${80 + i * 360}" y="250" font-size="96" font-weight="700" fill="#1d1b19">${n}</text>` +
        `<text x="${80 + i * 360}" y="290" font-size="28" fill="#5e5850">${escapeXml(label)}</text>`,
    )
    .join("");
  const director = report.directors[0];
  const directorLine = director
    ? `<text x="1120" y="110" text-anchor="end" font-size="26" fill="#5e5850">Most watched: ${escapeXml(director.name)}</text>`
    : "";
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${cardWidth}" height="${cardHeight}" viewBox="0 0 ${cardWidth} ${cardHeight}" font-family="Georgia, 'DejaVu Serif', serif">` +
    `<rect width="100%" height="100%" fill="#fbf9f5"/>` +
    `<text x="80" y="110" font-size="56" font-weight="700" fill="#1d1b19">${year} in review</text>` +
    `<text x="80" y="150" font-size="28" fill="#9b2c1f">${escapeXml(siteTitle)}</text>` +
    directorLine +
    figureText +
    bars +
    `</svg>`
  );
}

/** The card as PNG; sharp is loaded with the first card, not when the server starts. */
export async function yearCardPng(svg: string): Promise<Buffer> {
  const { default: sharp } = await import("sharp");
  return sharp(Buffer.from(svg)).png({ compressionLevel: 9 }).toBuffer();
}
