// Reader routes: home, review, film, person, series, tag. Each parses its input, asks the
// domain for data and hands it to a view.
import type { Context, Hono } from "hono";
import { filmLogLine } from "../../domain/film-log.ts";
import { filmBySlug, filmCredits, filmLabel } from "../../domain/films.ts";
import { leadStillOfFilm } from "../../domain/lead-still.ts";
import { personFilmsPage } from "../../domain/indexes/person-films.ts";
import { parseCommentPageSegment } from "../../domain/comment-pages.ts";
import { tagPageRead } from "../../domain/indexes/tagged-reviews.ts";
import { latestReviews, reviewsOfFilm } from "../../domain/reviews.ts";
import { allSeriesWithProgress, seriesBySlug, seriesOverview } from "../../domain/series.ts";
import { nowIso } from "../../domain/time.ts";
import { renderPage } from "../render.ts";
import type { Services } from "../services.ts";
import { FilmPage } from "../views/film-page.tsx";
import { PersonPage } from "../views/person-page.tsx";
import { SeriesIndexPage, SeriesPage } from "../views/series-page.tsx";
import { FilmHead, PersonHead, SeriesHead, TagHead } from "../views/seo.tsx";
import { HomePage, NotFoundPage, TagPage } from "../views/simple-pages.tsx";
import { PageRelLinks } from "../views/page-links.tsx";
import { firstPageRedirect, parsePage, parseSlug } from "./params.ts";
import { renderSubjectPage } from "./subject-pages.tsx";
import { pageTags } from "../cache/page-tags.ts";
import { publicPage } from "../route-facts.ts";
import { siteContextOf } from "../site-context.ts";

export function registerPublicRoutes(app: Hono, services: Services): void {
  const { db } = services;

  const home = async (c: Context) => {
    const first = firstPageRedirect(c.req.path, c.req.param("n"));
    if (first) return c.redirect(first, 301);
    const page = parsePage(c.req.param("n"));
    if (page === undefined) return c.notFound();
    const { site, settings } = c.var;
    const reviews = await latestReviews(db, nowIso(), page, settings.reviewsPerPage);
    if (page > reviews.pageCount) return c.notFound();
    return renderPage(
      c,
      site,
      {
        title: page === 1 ? undefined : `Page ${page}`,
        styles: ["listings"],
        head: <PageRelLinks page={reviews} basePath="/" />,
      },
      <HomePage page={reviews} scale={settings.ratingScale} title={settings.siteTitle} />,
    );
  };
  app.get("/", publicPage(pageTags.listing), home);
  app.get("/page/:n", publicPage(pageTags.listing), home);

  // A review, or one page of its comments (/review/SLUG/comment-page-N, as WordPress).
  const review = async (c: Context) => {
    const slug = parseSlug(c.req.param("slug") ?? "");
    const segment = c.req.param("page");
    const commentPage = segment === undefined ? undefined : parseCommentPageSegment(segment);
    if (!slug || (segment !== undefined && commentPage === undefined)) {
      return c.notFound();
    }
    const response = await renderSubjectPage(c, services, { kind: "review", slug }, nowIso(), {
      commentPage,
    });
    return response ?? c.notFound();
  };
  // A review and each of its comment pages carry the review's own tag.
  const reviewPage = publicPage((param) => pageTags.review(param("slug")));
  app.get("/review/:slug", reviewPage, review);
  app.get("/review/:slug/:page{comment-page-[^/]*}", reviewPage, review);

  app.get("/film/:slug", publicPage(pageTags.listing), async (c) => {
    const slug = parseSlug(c.req.param("slug"));
    const film = slug && (await filmBySlug(db, slug));
    if (!film) return c.notFound();
    const now = nowIso();
    const { site, settings } = c.var;
    const [credits, reviews, leadStill, log] = await Promise.all([
      filmCredits(db, film.id),
      reviewsOfFilm(db, film.id, now),
      leadStillOfFilm(db, film.id, now),
      filmLogLine(db, film.id, now),
    ]);
    return renderPage(
      c,
      site,
      { title: filmLabel(film), styles: ["listings"], head: <FilmHead still={leadStill} /> },
      <FilmPage
        film={film}
        credits={credits}
        reviews={reviews}
        scale={settings.ratingScale}
        log={log}
      />,
    );
  });

  const personPage = async (c: Context) => {
    const first = firstPageRedirect(c.req.path, c.req.param("n"));
    if (first) return c.redirect(first, 301);
    const slug = parseSlug(c.req.param("slug") ?? "");
    const n = parsePage(c.req.param("n"));
    if (!slug || n === undefined) return c.notFound();
    const { site, settings } = c.var;
    const read = await personFilmsPage(db, slug, nowIso(), n, settings.reviewsPerPage);
    if (!read) return c.notFound();
    const { person, films } = read;
    // A person with no reviewed film still has a first page; later pages only with films.
    if (n > films.pageCount) return c.notFound();
    return renderPage(
      c,
      site,
      {
        title: n === 1 ? person.name : `${person.name}, page ${n}`,
        styles: ["listings"],
        head: (
          <>
            <PersonHead person={person} />
            <PageRelLinks page={films} basePath={`/person/${person.slug}`} />
          </>
        ),
      },
      <PersonPage person={person} films={films} />,
    );
  };
  app.get("/person/:slug", publicPage(pageTags.listing), personPage);
  app.get("/person/:slug/page/:n", publicPage(pageTags.listing), personPage);

  app.get("/series", publicPage(pageTags.withoutComments), async (c) => {
    const series = await allSeriesWithProgress(db, nowIso());
    return renderPage(
      c,
      c.var.site,
      { title: "Series", styles: ["listings"] },
      <SeriesIndexPage series={series} />,
    );
  });

  app.get("/series/:slug", publicPage(pageTags.listing), async (c) => {
    const slug = parseSlug(c.req.param("slug"));
    const series = slug && (await seriesBySlug(db, slug));
    if (!series) return c.notFound();
    const overview = await seriesOverview(db, series, nowIso());
    return renderPage(
      c,
      c.var.site,
      {
        title: series.title,
        styles: ["listings"],
        description: series.description || undefined,
        head: <SeriesHead series={series} />,
      },
      <SeriesPage overview={overview} />,
    );
  });

  const tagPage = async (c: Context) => {
    const first = firstPageRedirect(c.req.path, c.req.param("n"));
    if (first) return c.redirect(first, 301);
    const slug = parseSlug(c.req.param("slug") ?? "");
    const n = parsePage(c.req.param("n"));
    if (!slug || n === undefined) return c.notFound();
    const { site, settings } = c.var;
    const read = await tagPageRead(db, nowIso(), slug, n, settings.reviewsPerPage);
    if (!read) return c.notFound();
    const { tag, page } = read;
    if (page.total === 0 || n > page.pageCount) return c.notFound();
    const title = n === 1 ? `Tagged “${tag.name}”` : `Tagged “${tag.name}”, page ${n}`;
    return renderPage(
      c,
      site,
      {
        title,
        styles: ["listings"],
        head: (
          <>
            <TagHead tag={tag} />
            <PageRelLinks page={page} basePath={`/tag/${tag.slug}`} />
          </>
        ),
      },
      <TagPage tag={tag} page={page} scale={settings.ratingScale} />,
    );
  };
  app.get("/tag/:slug", publicPage(pageTags.listing), tagPage);
  app.get("/tag/:slug/page/:n", publicPage(pageTags.listing), tagPage);
}

export async function notFound(c: Context, services: Services): Promise<Response> {
  const { site } = await siteContextOf(c, services);
  return renderPage(
    c,
    site,
    { title: "Page not found", status: 404, styles: [] },
    <NotFoundPage />,
  );
}
