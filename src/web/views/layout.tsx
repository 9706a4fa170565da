// The page shell every public page shares: head, site header, main, footer.
import { favicon } from "../assets/assets.ts";
import type { Child } from "hono/jsx";
import {
  canonicalUrl,
  FeedLinks,
  PageInfoContext,
  providesSocialTags,
  SocialTags,
  type PageInfo,
} from "./seo.tsx";
import { HeadLink } from "./head-link.ts";

export interface SiteInfo {
  title: string;
  description: string;
  /** Absolute base URL, without trailing slash. */
  url: string;
  /** False when the site does not rate films: there is no ratings index to link to. */
  hasRatings: boolean;
  /** False when the owner switched the stats pages off: no footer link to them. */
  hasStats?: boolean;
  /** Published pages (About, Contact…) linked from the footer. */
  pages?: { path: string; title: string }[];
}

interface LayoutProps {
  site: SiteInfo;
  /** The document title; the site title is appended. */
  title?: string;
  description?: string;
  /** Path of this page, for the canonical link. */
  path: string;
  /** The stylesheets the page links, in cascade order (render.ts picks them by page family). */
  stylesheets: string[];
  /**
   * Extra elements for <head>, such as feed links and social cards. The site's feed links
   * and generic "website" cards are always there; a head from views/seo (ReviewHead…)
   * replaces the generic cards with its own.
   */
  head?: Child;
  children?: Child;
}

export function Layout(props: LayoutProps) {
  const { site } = props;
  const fullTitle = props.title ? `${props.title} – ${site.title}` : site.title;
  const page: PageInfo = {
    site,
    title: props.title ?? site.title,
    description: props.description ?? site.description,
    url: canonicalUrl(site.url, props.path),
  };
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{fullTitle}</title>
        <meta name="description" content={page.description} />
        <HeadLink rel="canonical" href={page.url} />
        <meta name="color-scheme" content="light dark" />
        {props.stylesheets.map((href) => (
          <HeadLink rel="stylesheet" href={href} />
        ))}
        <HeadLink rel="icon" href={favicon.path} type="image/svg+xml" />
        <PageInfoContext.Provider value={page}>
          <FeedLinks subject={{ kind: "site" }} />
          {providesSocialTags(props.head) ? null : <SocialTags type="website" />}
          {props.head}
        </PageInfoContext.Provider>
      </head>
      <body>
        <a class="skip-link" href="#main">
          Skip to content
        </a>
        <header class="site-header">
          <p class="site-title">
            <a href="/">{site.title}</a>
          </p>
          <nav aria-label="Site">
            <ul>
              <li>
                <a href="/">Reviews</a>
              </li>
              <li>
                <a href="/archive">Archive</a>
              </li>
              <li>
                <a href="/directors">Directors</a>
              </li>
              <li>
                <a href="/series">Series</a>
              </li>
              <li>
                <a href="/search">Search</a>
              </li>
            </ul>
          </nav>
        </header>
        <main id="main">{props.children}</main>
        <footer class="site-footer">
          <nav aria-label="Browse">
            <ul class="footer-links">
              {(site.pages ?? []).map((page) => (
                <li>
                  <a href={page.path}>{page.title}</a>
                </li>
              ))}
              <li>
                <a href="/years">Years and decades</a>
              </li>
              {site.hasRatings && (
                <li>
                  <a href="/ratings">Ratings</a>
                </li>
              )}
              <li>
                <a href="/tags">Tags</a>
              </li>
              {site.hasStats !== false && (
                <li>
                  <a href="/stats">Stats</a>
                </li>
              )}
              <li>
                <a href="/feed.xml">RSS feed</a>
              </li>
            </ul>
          </nav>
          <p>{site.description}</p>
          <p>Published with Cinelog.</p>
        </footer>
      </body>
    </html>
  );
}
