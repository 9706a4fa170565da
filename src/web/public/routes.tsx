// Reader routes: home, review, film, person, series, tag. Each parses its input, asks the
// domain for data and hands it to a view.
import type { Context, Hono } from "hono";
import { filmLogLine } from "../../domain/film-log.ts";
import { filmBySlug, filmCredits, filmLabel } from "../../domain/films.ts";
import { leadStillOfFilm } from "../../domain/lead-still.ts";
import { personBySlug, reviewedFilmography } from "../../domain/people.ts";
import { parseCommentPageSegment } from "../../domain/comment-pages.ts";
import { latestReviews, reviewsOfFilm, reviewSummariesByIds } from "../../domain/reviews.ts";
import { allSeriesWithProgress, seriesBySlug, seriesOverview } from "../../domain/series.ts";
import { publicReviewIdsWithTag, tagBySlug } from "../../domain/tags.ts";
import { nowIso } from "../../domain/time.ts";
import { renderPage } from "../render.ts";
import type { Services } from "../services.ts";
import { FilmPage } from "../views/film-page.tsx";
import { PersonPage } from "../views/person-page.tsx";
import { SeriesIndexPage, SeriesPage } from "../views/series-page.tsx";
import { FilmHead, PersonHead, SeriesHead, TagHead } from "../views/seo.tsx";
import { HomePage, NotFoundPage, TagPage } from "../views/simple-pages.tsx";
import { parsePage, parseSlug } from "./params.ts";
import { renderSubjectPage } from "./subject-pages.tsx";
import { siteContext } from "./site.ts";

export function registerPublicRoutes(app: Hono, services: Services): void {
  const { db } = services;

  const home = async (c: Context) => {
    const page = parsePage(c.req.param("n"));
    if (page === undefined) return notFound(c, services);
    const { site, settings } = await siteContext(services);
    const reviews = await latestReviews(db, nowIso(), page);
    if (page > reviews.pageCount) return notFound(c, services);
    return renderPage(
      c,
      site,
      { title: page === 1 ? undefined : `Page ${page}` },
      <HomePage page={reviews} scale={settings.ratingScale} title={settings.siteTitle} />,
    );
  };
  app.get("/", home);
  app.get("/page/:n", home);

  // A review, or one page of its comments (/review/SLUG/comment-page-N, as WordPress).
  const review = async (c: Context) => {
    const slug = parseSlug(c.req.param("slug") ?? "");
    const segment = c.req.param("page");
    const commentPage = segment === undefined ? undefined : parseCommentPageSegment(segment);
    if (!slug || (segment !== undefined && commentPage === undefined)) {
      return notFound(c, services);
    }
    const response = await renderSubjectPage(c, services, { kind: "review", slug }, nowIso(), {
      commentPage,
    });
    return response ?? notFound(c, services);
  };
  app.get("/review/:slug", review);
  app.get("/review/:slug/:page{comment-page-[^/]*}", review);

  app.get("/film/:slug", async (c) => {
    const slug = parseSlug(c.req.param("slug"));
    const film = slug && (await filmBySlug(db, slug));
    if (!film) return notFound(c, services);
    const now = nowIso();
    const [credits, reviews, { site, settings }, leadStill, log] = await Promise.all([
      filmCredits(db, film.id),
      reviewsOfFilm(db, film.id, now),
      siteContext(services),
      leadStillOfFilm(db, film.id, now),
      filmLogLine(db, film.id, now),
    ]);
    return renderPage(
      c,
      site,
      { title: filmLabel(film), head: <FilmHead still={leadStill} /> },
      <FilmPage
        film={film}
        credits={credits}
        reviews={reviews}
        scale={settings.ratingScale}
        log={log}
      />,
    );
  });

  app.get("/person/:slug", async (c) => {
    const slug = parseSlug(c.req.param("slug"));
    const person = slug && (await personBySlug(db, slug));
    if (!person) return notFound(c, services);
    const [filmography, { site }] = await Promise.all([
      reviewedFilmography(db, person.id, nowIso()),
      siteContext(services),
    ]);
    return renderPage(
      c,
      site,
      { title: person.name, head: <PersonHead person={person} /> },
      <PersonPage person={person} filmography={filmography} />,
    );
  });

  app.get("/series", async (c) => {
    const [series, { site }] = await Promise.all([
      allSeriesWithProgress(db, nowIso()),
      siteContext(services),
    ]);
    return renderPage(c, site, { title: "Series" }, <SeriesIndexPage series={series} />);
  });

  app.get("/series/:slug", async (c) => {
    const slug = parseSlug(c.req.param("slug"));
    const series = slug && (await seriesBySlug(db, slug));
    if (!series) return notFound(c, services);
    const [overview, { site }] = await Promise.all([
      seriesOverview(db, series, nowIso()),
      siteContext(services),
    ]);
    return renderPage(
      c,
      site,
      {
        title: series.title,
        description: series.description || undefined,
        head: <SeriesHead series={series} />,
      },
      <SeriesPage overview={overview} />,
    );
  });

  app.get("/tag/:slug", async (c) => {
    const slug = parseSlug(c.req.param("slug"));
    const tag = slug && (await tagBySlug(db, slug));
    if (!tag) return notFound(c, services);
    const now = nowIso();
    const reviews = await reviewSummariesByIds(
      db,
      await publicReviewIdsWithTag(db, tag.id, now),
      now,
    );
    if (reviews.length === 0) return notFound(c, services);
    const { site, settings } = await siteContext(services);
    return renderPage(
      c,
      site,
      { title: `Tagged “${tag.name}”`, head: <TagHead tag={tag} /> },
      <TagPage tag={tag} reviews={reviews} scale={settings.ratingScale} />,
    );
  });
}

export async function notFound(c: Context, services: Services): Promise<Response> {
  const { site } = await siteContext(services);
  return renderPage(c, site, { title: "Page not found", status: 404 }, <NotFoundPage />);
}
