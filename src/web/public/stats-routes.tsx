// The stats pages: /stats (all time), /stats/YEAR (the year in review and its numbers) and
// /stats/YEAR/card.png (its share card). Pages are cached like any other (page-tags.ts); the
// card is an image, which the page cache does not keep, so it is kept here by its own content.
import { createHash } from "node:crypto";
import type { Context, Hono } from "hono";
import { z } from "zod";
import { hiddenPartsOf } from "../../domain/stats/stats-settings.ts";
import { leadStillsOf } from "../../domain/indexes/listing-stills.ts";
import { statsReport } from "../../domain/stats/stats-report.ts";
import type { SiteSettings } from "../../domain/settings.ts";
import { nowIso } from "../../domain/time.ts";
import { renderPage } from "../render.ts";
import type { Services } from "../services.ts";
import { SocialTags } from "../views/seo.tsx";
import { pageTags } from "../cache/page-tags.ts";
import { publicPage } from "../route-facts.ts";

const fourDigitYear = z
  .string()
  .regex(/^[1-9][0-9]{3}$/)
  .transform(Number);

// The stats views draw their charts with d3 (d3-scale, d3-shape, d3-array: about 0.8 MB of
// heap once loaded): imported on the first stats request, so a process that never serves one
// never keeps them.
let statsPageView: Promise<typeof import("../views/stats/stats-page.tsx")> | undefined;
let yearCardView: Promise<typeof import("../views/stats/year-card.ts")> | undefined;
const loadStatsPage = () => (statsPageView ??= import("../views/stats/stats-page.tsx"));
const loadYearCard = () => (yearCardView ??= import("../views/stats/year-card.ts"));

/** Rendered cards by the hash of their SVG: a card is drawn again only when its data changed. */
const cards = new Map<string, Buffer>();
const keptCards = 32;

function reportOptions(settings: SiteSettings, year: number | null) {
  return {
    now: nowIso(),
    year,
    scale: settings.ratingScale,
    yearlyGoal: settings.statsYearlyGoal,
  };
}

export function registerStatsRoutes(app: Hono, services: Services): void {
  const { db } = services;

  /** The year asked for, if stats are on and it has anything to show; else undefined. */
  const yearReport = async (c: Context) => {
    const year = fourDigitYear.safeParse(c.req.param("year") ?? "");
    const { site, settings } = c.var;
    if (!year.success || !settings.statsEnabled) return undefined;
    const report = await statsReport(db, reportOptions(settings, year.data));
    if (!report.years.includes(year.data)) return undefined;
    return { report, site, settings, year: year.data };
  };

  app.get("/stats", publicPage(pageTags.stats), async (c) => {
    const { site, settings } = c.var;
    if (!settings.statsEnabled) return c.notFound();
    const report = await statsReport(db, reportOptions(settings, null));
    const { StatsPage } = await loadStatsPage();
    return renderPage(
      c,
      site,
      { title: "The journal in numbers", styles: ["stats"] },
      <StatsPage
        report={report}
        scale={settings.ratingScale}
        hidden={hiddenPartsOf(settings.statsHidden)}
        stills={new Map()}
      />,
    );
  });

  app.get("/stats/:year{[0-9]+}", publicPage(pageTags.stats), async (c) => {
    const found = await yearReport(c);
    if (!found) return c.notFound();
    const { report, site, settings, year } = found;
    const stills = await leadStillsOf(
      db,
      report.topRated.map((r) => r.id),
    );
    const [{ StatsPage }, { cardHeight, cardWidth }] = await Promise.all([
      loadStatsPage(),
      loadYearCard(),
    ]);
    const image = {
      url: `${site.url}/stats/${year}/card.png`,
      type: "image/png",
      width: cardWidth,
      height: cardHeight,
      alt: `${year} in review: ${report.watched} films watched, ${report.reviewed} reviews written.`,
    };
    return renderPage(
      c,
      site,
      {
        title: `${year} in review`,
        styles: ["stats"],
        description: `${report.watched} films watched and ${report.reviewed} reviews written in ${year}.`,
        head: <SocialTags type="website" image={image} />,
      },
      <StatsPage
        report={report}
        scale={settings.ratingScale}
        hidden={hiddenPartsOf(settings.statsHidden)}
        stills={stills}
      />,
    );
  });

  app.get("/stats/:year{[0-9]+}/card.png", publicPage(pageTags.stats), async (c) => {
    const found = await yearReport(c);
    if (!found) return c.notFound();
    const { yearCardPng, yearCardSvg } = await loadYearCard();
    const svg = yearCardSvg(found.report, found.settings.siteTitle);
    const key = createHash("sha256").update(svg).digest("base64url");
    let png = cards.get(key);
    if (!png) {
      png = await yearCardPng(svg);
      cards.set(key, png);
      for (const oldest of cards.keys()) {
        if (cards.size <= keptCards) break;
        cards.delete(oldest);
      }
    }
    const etag = `"${key.slice(0, 27)}"`;
    c.header("Cache-Control", "public, max-age=300");
    c.header("ETag", etag);
    if (c.req.header("if-none-match") === etag) return c.body(null, 304);
    return c.body(new Uint8Array(png), 200, { "Content-Type": "image/png" });
  });
}
