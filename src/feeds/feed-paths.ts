// Where each feed lives and what it is called, shared by the feed routes and by the
// <link rel="alternate"> tags that let readers find them.

export const feedFormats = ["rss", "atom", "json"] as const;
export type FeedFormat = (typeof feedFormats)[number];

export const feedExtensions: Record<FeedFormat, string> = {
  rss: "xml",
  atom: "atom",
  json: "json",
};

export const feedContentTypes: Record<FeedFormat, string> = {
  rss: "application/rss+xml; charset=utf-8",
  atom: "application/atom+xml; charset=utf-8",
  json: "application/feed+json; charset=utf-8",
};

/** The media type alone, as <link rel="alternate" type> wants it. */
export function feedMediaType(format: FeedFormat): string {
  return feedContentTypes[format].split(";")[0] ?? "";
}

const formatNames: Record<FeedFormat, string> = {
  rss: "RSS",
  atom: "Atom",
  json: "JSON Feed",
};

/** What a feed is about: the whole site, or one series, person or tag. */
export type FeedSubject =
  | { kind: "site" }
  | { kind: "series"; slug: string; title: string; description?: string }
  | { kind: "person"; slug: string; name: string }
  | { kind: "tag"; slug: string; name: string };

/** The page a feed belongs to, e.g. `/series/vegas`; the site's is `/`. */
export function subjectPagePath(subject: FeedSubject): string {
  return subject.kind === "site" ? "/" : `/${subject.kind}/${subject.slug}`;
}

/** `/feed.xml` for the site, `/series/vegas/feed.atom` for a series, and so on. */
export function feedPath(subject: FeedSubject, format: FeedFormat): string {
  const base = subject.kind === "site" ? "" : subjectPagePath(subject);
  return `${base}/feed.${feedExtensions[format]}`;
}

export function feedTitle(subject: FeedSubject, siteTitle: string): string {
  switch (subject.kind) {
    case "site":
      return siteTitle;
    case "series":
      return `${subject.title} – ${siteTitle}`;
    case "person":
      return `${subject.name} – ${siteTitle}`;
    case "tag":
      return `Tagged “${subject.name}” – ${siteTitle}`;
  }
}

/** The title of one format of a feed, for a reader's feed picker: "Cinelog (Atom)". */
export function feedLinkTitle(subject: FeedSubject, siteTitle: string, format: FeedFormat) {
  return `${feedTitle(subject, siteTitle)} (${formatNames[format]})`;
}

export function feedDescription(
  subject: FeedSubject,
  site: { title: string; description: string },
) {
  switch (subject.kind) {
    case "site":
      return site.description;
    case "series":
      return subject.description || `Reviews of the films in “${subject.title}”, on ${site.title}.`;
    case "person":
      return `Reviews of films with ${subject.name}, on ${site.title}.`;
    case "tag":
      return `Reviews tagged “${subject.name}”, on ${site.title}.`;
  }
}
