// Index pages: archive by date, directors A–Z, years and decades, ratings, tags. Each list
// has one stable address for its first page and `…/page/N` for the rest; any parameter that
// does not name something with public reviews is a 404, never an error.
import type { Context, Hono } from "hono";
import type { Child } from "hono/jsx";
import { z } from "zod";
import { archiveIndex, reviewsOfMonth, reviewsOfYear } from "../../domain/indexes/archive.ts";
import { directorIndex } from "../../domain/indexes/directors.ts";
import {
  isRatingStep,
  ratingSpread,
  reviewsWithRating,
  unratedReviews,
} from "../../domain/indexes/ratings.ts";
import { tagIndex } from "../../domain/indexes/tag-list.ts";
import { decadesIndex, reviewsOfDecade, reviewsOfFilmYear } from "../../domain/indexes/years.ts";
import type { Page } from "../../domain/reviews.ts";
import type { SiteSettings } from "../../domain/settings.ts";
import { nowIso } from "../../domain/time.ts";
import { renderPage } from "../render.ts";
import type { Services } from "../services.ts";
import {
  ArchiveIndexPage,
  ArchiveMonthPage,
  ArchiveYearPage,
  monthLabel,
} from "../views/index-pages/archive-pages.tsx";
import { DirectorsPage } from "../views/index-pages/directors-page.tsx";
import {
  RatingPage,
  RatingsIndexPage,
  ratingPageTitle,
} from "../views/index-pages/ratings-pages.tsx";
import { TagsPage } from "../views/index-pages/tags-page.tsx";
import { DecadePage, FilmYearPage, YearsIndexPage } from "../views/index-pages/years-pages.tsx";
import { PageRelLinks } from "../views/page-links.tsx";
import { firstPageRedirect, parsePage } from "./params.ts";
import { pageTags } from "../cache/page-tags.ts";
import { publicPage } from "../route-facts.ts";

// Four digits, no leading zero: one spelling per year, so one URL per page.
const fourDigitYear = z
  .string()
  .regex(/^[1-9][0-9]{3}$/)
  .transform(Number);
const twoDigitMonth = z
  .string()
  .regex(/^(0[1-9]|1[0-2])$/)
  .transform(Number);
const decade = z
  .string()
  .regex(/^[1-9][0-9]{2}0s$/)
  .transform((s) => Number(s.slice(0, 4)));
const ratingValue = z.union([
  z.literal("unrated"),
  z
    .string()
    .regex(/^(0|[1-9][0-9]?|100)$/)
    .transform(Number),
]);

function parseWith<T>(schema: z.ZodType<T, string>, raw: string | undefined): T | undefined {
  if (raw === undefined) return undefined;
  const parsed = schema.safeParse(raw);
  return parsed.success ? parsed.data : undefined;
}

/** "Title" on page 1, "Title, page 3" after. */
function pagedTitle(title: string, page: Page<unknown>): string {
  return page.page === 1 ? title : `${title}, page ${page.page}`;
}

/** An empty list, or a page past its end, does not exist. */
function isMissing(page: Page<unknown>): boolean {
  return page.total === 0 || page.page > page.pageCount;
}

export function registerIndexRoutes(app: Hono, services: Services): void {
  const { db } = services;

  /**
   * Registers a handler at `path` and at `path/page/:n`, with the page number parsed and the
   * site's page size; `/page/1` is sent to the listing's own address.
   */
  const paged = (
    path: string,
    tags: readonly string[],
    handler: (c: Context, page: number, perPage: number) => Promise<Response>,
  ) => {
    const withPage = async (c: Context) => {
      const first = firstPageRedirect(c.req.path, c.req.param("n"));
      if (first) return c.redirect(first, 301);
      const page = parsePage(c.req.param("n"));
      if (page === undefined) return c.notFound();
      const { settings } = c.var;
      return handler(c, page, settings.reviewsPerPage);
    };
    app.get(path, publicPage(tags), withPage);
    app.get(`${path}/page/:n`, publicPage(tags), withPage);
  };

  /**
   * Renders a page whose body may depend on the settings (the rating scale); a paged listing
   * gets its rel=prev/next links.
   */
  const render = async (
    c: Context,
    title: string,
    body: (settings: SiteSettings) => Child,
    listing?: Page<unknown>,
  ) => {
    const { site, settings } = c.var;
    const basePath = c.req.path.replace(/\/page\/[^/]+$/, "");
    const head = listing ? <PageRelLinks page={listing} basePath={basePath} /> : undefined;
    return renderPage(
      c,
      site,
      { title, styles: ["listings"], ...(head ? { head } : {}) },
      body(settings),
    );
  };

  app.get("/archive", publicPage(pageTags.withoutComments), async (c) => {
    const years = await archiveIndex(db, nowIso());
    return render(c, "Archive", (s) => (
      <ArchiveIndexPage years={years} hasStats={s.statsEnabled} />
    ));
  });

  paged("/archive/:year", pageTags.listing, async (c, n, perPage) => {
    const year = parseWith(fourDigitYear, c.req.param("year"));
    if (year === undefined) return c.notFound();
    const now = nowIso();
    const entry = (await archiveIndex(db, now)).find((y) => y.year === year);
    const page = entry && (await reviewsOfYear(db, now, year, n, perPage));
    if (!entry || !page || isMissing(page)) return c.notFound();
    return render(
      c,
      pagedTitle(`Reviews from ${year}`, page),
      (s) => <ArchiveYearPage year={entry} page={page} scale={s.ratingScale} />,
      page,
    );
  });

  paged("/archive/:year/:month", pageTags.listing, async (c, n, perPage) => {
    const year = parseWith(fourDigitYear, c.req.param("year"));
    const month = parseWith(twoDigitMonth, c.req.param("month"));
    if (year === undefined || month === undefined) return c.notFound();
    const page = await reviewsOfMonth(db, nowIso(), year, month, n, perPage);
    if (isMissing(page)) return c.notFound();
    return render(
      c,
      pagedTitle(`Reviews from ${monthLabel({ year, month })}`, page),
      (s) => <ArchiveMonthPage month={{ year, month }} page={page} scale={s.ratingScale} />,
      page,
    );
  });

  paged("/directors", pageTags.withoutComments, async (c, n) => {
    const index = await directorIndex(db, nowIso(), n);
    // The first page exists even on an empty site; later pages only when there are names.
    if (n > index.page.pageCount) return c.notFound();
    return render(
      c,
      pagedTitle("Directors", index.page),
      () => <DirectorsPage index={index} />,
      index.page,
    );
  });

  app.get("/years", publicPage(pageTags.withoutComments), async (c) => {
    const decades = await decadesIndex(db, nowIso());
    return render(c, "Years", () => <YearsIndexPage decades={decades} />);
  });

  paged("/years/:year", pageTags.listing, async (c, n, perPage) => {
    const year = parseWith(fourDigitYear, c.req.param("year"));
    if (year === undefined) return c.notFound();
    const page = await reviewsOfFilmYear(db, nowIso(), year, n, perPage);
    if (isMissing(page)) return c.notFound();
    return render(
      c,
      pagedTitle(`Films from ${year}`, page),
      (s) => <FilmYearPage year={year} page={page} scale={s.ratingScale} />,
      page,
    );
  });

  // Decades live under /years; a reader trimming a decade's URL lands there.
  app.get("/decades", publicPage(pageTags.listing), (c) => c.redirect("/years", 301));

  paged("/decades/:decade", pageTags.listing, async (c, n, perPage) => {
    const start = parseWith(decade, c.req.param("decade"));
    if (start === undefined) return c.notFound();
    const now = nowIso();
    const entry = (await decadesIndex(db, now)).find((d) => d.start === start);
    const page = entry && (await reviewsOfDecade(db, now, start, n, perPage));
    if (!entry || !page || isMissing(page)) return c.notFound();
    return render(
      c,
      pagedTitle(`Films from the ${start}s`, page),
      (s) => <DecadePage decade={entry} page={page} scale={s.ratingScale} />,
      page,
    );
  });

  app.get("/ratings", publicPage(pageTags.withoutComments), async (c) => {
    const { site, settings } = c.var;
    // A site that does not rate has no ratings to browse.
    if (settings.ratingScale === "none") return c.notFound();
    const spread = await ratingSpread(db, nowIso(), settings.ratingScale);
    return renderPage(
      c,
      site,
      { title: "Ratings", styles: ["listings"] },
      <RatingsIndexPage spread={spread} scale={settings.ratingScale} />,
    );
  });

  paged("/ratings/:value", pageTags.listing, async (c, n, perPage) => {
    const value = parseWith(ratingValue, c.req.param("value"));
    const { site, settings } = c.var;
    const scale = settings.ratingScale;
    if (value === undefined || scale === "none") return c.notFound();
    // Only a step of the site's scale has a page: on five stars, /ratings/90 but not /ratings/87.
    if (value !== "unrated" && !isRatingStep(value, scale)) return c.notFound();
    const now = nowIso();
    const page =
      value === "unrated"
        ? await unratedReviews(db, now, n, perPage)
        : await reviewsWithRating(db, now, value, scale, n, perPage);
    if (isMissing(page)) return c.notFound();
    return renderPage(
      c,
      site,
      {
        title: pagedTitle(ratingPageTitle(value, scale), page),
        styles: ["listings"],
        head: <PageRelLinks page={page} basePath={`/ratings/${c.req.param("value")}`} />,
      },
      <RatingPage value={value} page={page} scale={scale} />,
    );
  });

  paged("/tags", pageTags.withoutComments, async (c, n) => {
    const page = await tagIndex(db, nowIso(), n);
    if (n > page.pageCount) return c.notFound();
    return render(c, pagedTitle("Tags", page), () => <TagsPage page={page} />, page);
  });
}
