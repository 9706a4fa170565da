// The page shell every public page shares: head, site header, main, footer.
import type { Child } from "hono/jsx";

export interface SiteInfo {
  title: string;
  description: string;
  /** Absolute base URL, without trailing slash. */
  url: string;
  stylesheet: string;
}

export interface LayoutProps {
  site: SiteInfo;
  /** The document title; the site title is appended. */
  title?: string;
  description?: string;
  /** Path of this page, for the canonical link. */
  path: string;
  /** Extra elements for <head>, such as feed links and social cards. */
  head?: Child;
  children?: Child;
}

export function Layout(props: LayoutProps) {
  const { site } = props;
  const fullTitle = props.title ? `${props.title} – ${site.title}` : site.title;
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{fullTitle}</title>
        <meta name="description" content={props.description ?? site.description} />
        <link rel="canonical" href={`${site.url}${props.path}`} />
        <meta name="color-scheme" content="light dark" />
        <link rel="stylesheet" href={site.stylesheet} />
        {props.head}
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
          <p>{site.description}</p>
          <p>
            Published with <a href="https://www.npmjs.com/package/cinelog">Cinelog</a>.
          </p>
        </footer>
      </body>
    </html>
  );
}
