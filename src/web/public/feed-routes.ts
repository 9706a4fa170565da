// Feeds (RSS 2.0, Atom, JSON Feed) for the site and for each series, person and tag;
// sitemap.xml and robots.txt.
import type { Context, Hono } from "hono";
import type { FeedScope } from "../../domain/feed-items.ts";
import { fillFeedBodies, readFeedEntries } from "../../domain/feed-read.ts";
import { personBySlug } from "../../domain/people.ts";
import { seriesBySlug } from "../../domain/series.ts";
import { sitemapEntries } from "../../domain/sitemap-entries.ts";
import { tagBySlug } from "../../domain/tags.ts";
import { nowIso } from "../../domain/time.ts";
import { renderAtom } from "../../feeds/atom.ts";
import { FeedBytes } from "../../feeds/feed-bytes.ts";
import {
  buildFeedDocument,
  reviewsNeedingBodies,
  type FeedDocument,
} from "../../feeds/feed-document.ts";
import {
  feedContentTypes,
  feedExtensions,
  feedFormats,
  type FeedFormat,
  type FeedSubject,
} from "../../feeds/feed-paths.ts";
import { renderJsonFeed } from "../../feeds/json-feed.ts";
import { renderRss } from "../../feeds/rss.ts";
import { renderRobots, renderSitemap } from "../../feeds/sitemap.ts";
import type { Services } from "../services.ts";
import { parseSlug } from "./params.ts";
import { pageTags } from "../cache/page-tags.ts";
import { publicPage } from "../route-facts.ts";

const writers: Record<FeedFormat, (feed: FeedDocument) => string[]> = {
  rss: renderRss,
  atom: renderAtom,
  json: renderJsonFeed,
};

interface FeedTarget {
  subject: FeedSubject;
  scope: FeedScope;
  /** The feed's update time while it has no entries. */
  since?: string;
  /** A tag with no public review has no page, so it has no feed either. */
  requireEntries?: boolean;
}

type ResolveTarget = (slug: string) => Promise<FeedTarget | undefined>;

export function registerFeedRoutes(app: Hono, services: Services): void {
  const { db } = services;

  const byKind: [string, ResolveTarget][] = [
    [
      "/series/:slug",
      async (slug) => {
        const series = await seriesBySlug(db, slug);
        return (
          series && {
            subject: { kind: "series", slug, title: series.title, description: series.description },
            scope: { kind: "series", seriesId: series.id },
            since: series.updated_at,
          }
        );
      },
    ],
    [
      "/person/:slug",
      async (slug) => {
        const person = await personBySlug(db, slug);
        return (
          person && {
            subject: { kind: "person", slug, name: person.name },
            scope: { kind: "person", personId: person.id },
            since: person.created_at,
          }
        );
      },
    ],
    [
      "/tag/:slug",
      async (slug) => {
        const tag = await tagBySlug(db, slug);
        return (
          tag && {
            subject: { kind: "tag", slug, name: tag.name },
            scope: { kind: "tag", tagId: tag.id },
            requireEntries: true,
          }
        );
      },
    ],
  ];

  for (const format of feedFormats) {
    const file = `feed.${feedExtensions[format]}`;
    app.get(`/${file}`, publicPage(pageTags.withoutComments), (c) =>
      serveFeed(c, services, format, { subject: { kind: "site" }, scope: { kind: "site" } }),
    );
    for (const [base, resolve] of byKind) {
      app.get(`${base}/${file}`, publicPage(pageTags.withoutComments), async (c) => {
        const slug = parseSlug(c.req.param("slug") ?? "");
        const target = slug && (await resolve(slug));
        if (!target) return c.notFound();
        return serveFeed(c, services, format, target);
      });
    }
  }

  app.get("/sitemap.xml", publicPage(pageTags.withoutComments), async (c) => {
    const entries = await sitemapEntries(db, nowIso());
    return c.body(renderSitemap(entries, services.config.siteUrl), 200, {
      "Content-Type": "application/xml; charset=utf-8",
    });
  });

  app.get("/robots.txt", publicPage(pageTags.withoutComments), (c) =>
    c.body(renderRobots(services.config.siteUrl), 200, {
      "Content-Type": "text/plain; charset=utf-8",
    }),
  );
}

// Each feed's bytes as last sent, reused while its text is the same: comparing the text's
// pieces with the last is cheaper than joining, measuring and encoding 150 KB again for every
// poll. 16 feeds (the site's three formats and the busiest others): each holds its pieces and
// bytes, up to 450 KB.
const feedBytes = new FeedBytes(16);

async function serveFeed(
  c: Context,
  services: Services,
  format: FeedFormat,
  target: FeedTarget,
): Promise<Response> {
  const now = nowIso();
  const { settings } = c.var;
  const { reviews, posts } = await readFeedEntries(services.db, target.scope, now);
  const { siteUrl, mediaDir } = services.config;
  // Until none is missing: the entries kept may change while the bodies are read. Then the
  // feed is built without awaiting anything, so what was checked is what is used.
  for (
    let missing = reviewsNeedingBodies(reviews, siteUrl, settings.ratingScale, mediaDir);
    missing.length > 0;
    missing = reviewsNeedingBodies(reviews, siteUrl, settings.ratingScale, mediaDir)
  ) {
    await fillFeedBodies(services.db, missing);
  }
  if (target.requireEntries && reviews.length + posts.length === 0) {
    return c.notFound();
  }
  const feed = buildFeedDocument({
    subject: target.subject,
    site: {
      url: services.config.siteUrl,
      title: settings.siteTitle,
      description: settings.siteDescription,
    },
    scale: settings.ratingScale,
    reviews,
    posts,
    mediaDir: services.config.mediaDir,
    fallbackUpdated: target.since ?? now,
  });
  const bytes = feedBytes.get(c.req.path, writers[format](feed));
  return c.body(bytes, 200, { "Content-Type": feedContentTypes[format] });
}
