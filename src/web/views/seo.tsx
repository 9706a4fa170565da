// What a page says about itself to machines: feed autodiscovery links, Open Graph and
// Twitter cards, and schema.org JSON-LD for reviews.
//
// The layout provides the page's title, description and canonical URL through
// PageInfoContext and emits generic "website" cards. A route that knows more passes one of
// the *Head components below as `head`; they emit the full set of cards themselves, and the
// layout then leaves its generic ones out, so no property is ever stated twice.
import { createContext, Fragment, isValidElement, useContext, type Child } from "hono/jsx";
import type { Person, Series, Still, Tag } from "../../db/schema.ts";
import { filmLabel } from "../../domain/films.ts";
import type { ReviewPageData } from "../../domain/review-page.ts";
import type { RatingScale } from "../../content/rating.ts";
import {
  feedFormats,
  feedLinkTitle,
  feedMediaType,
  feedPath,
  type FeedSubject,
} from "../../feeds/feed-paths.ts";
import { shareImageOf } from "../../feeds/share-image.ts";
import { imageMediaType, mediaUrl, personUrl } from "../../feeds/site-urls.ts";
import type { SiteInfo } from "./layout.tsx";
import { HeadLink } from "./head-link.ts";

export interface PageInfo {
  site: SiteInfo;
  /** The page's own title, without the site's name. */
  title: string;
  description: string;
  /** Absolute canonical URL. */
  url: string;
}

export const PageInfoContext = createContext<PageInfo | undefined>(undefined);

function usePageInfo(): PageInfo {
  const page = useContext(PageInfoContext);
  if (!page) throw new Error("Head components render inside the Layout, which knows the page.");
  return page;
}

/**
 * The one URL a page is known by: the query string is never part of it (a search engine
 * should not index `?utm_source=…` copies), and page 1 of a listing is the listing itself.
 */
export function canonicalUrl(siteUrl: string, path: string): string {
  return `${siteUrl}${path.replace(/\/page\/1$/, "") || "/"}`;
}

/** <link rel="alternate"> for the three formats of one feed. */
export function FeedLinks(props: { subject: FeedSubject }) {
  const { site } = usePageInfo();
  return (
    <>
      {feedFormats.map((format) => (
        <HeadLink
          rel="alternate"
          type={feedMediaType(format)}
          title={feedLinkTitle(props.subject, site.title, format)}
          href={`${site.url}${feedPath(props.subject, format)}`}
        />
      ))}
    </>
  );
}

interface SocialImage {
  url: string;
  type: string;
  width: number;
  height: number;
  alt: string;
}

function socialImage(site: SiteInfo, still: Still | undefined): SocialImage | undefined {
  if (!still) return undefined;
  const image = shareImageOf(still);
  return {
    url: mediaUrl(site.url, image.path),
    type: imageMediaType(image.path),
    width: image.width,
    height: image.height,
    alt: still.alt,
  };
}

interface SocialTagsProps {
  type: "website" | "article";
  image?: SocialImage | undefined;
  article?: { published: string; modified: string; tags: string[] };
}

/** Open Graph and Twitter card tags for the page in PageInfoContext. */
export function SocialTags(props: SocialTagsProps) {
  const page = usePageInfo();
  const { image, article } = props;
  return (
    <>
      <meta property="og:type" content={props.type} />
      <meta property="og:site_name" content={page.site.title} />
      <meta property="og:title" content={page.title} />
      <meta property="og:description" content={page.description} />
      <meta property="og:url" content={page.url} />
      {image ? (
        <>
          <meta property="og:image" content={image.url} />
          <meta property="og:image:type" content={image.type} />
          <meta property="og:image:width" content={String(image.width)} />
          <meta property="og:image:height" content={String(image.height)} />
          <meta property="og:image:alt" content={image.alt} />
        </>
      ) : null}
      {article ? (
        <>
          <meta property="article:published_time" content={article.published} />
          <meta property="article:modified_time" content={article.modified} />
          {article.tags.map((tag) => (
            <meta property="article:tag" content={tag} />
          ))}
        </>
      ) : null}
      <meta name="twitter:card" content={image ? "summary_large_image" : "summary"} />
      {image ? <meta name="twitter:image:alt" content={image.alt} /> : null}
    </>
  );
}

export function ReviewHead(props: { data: ReviewPageData; scale: RatingScale }) {
  const page = usePageInfo();
  const { review, stills, tags } = props.data;
  const published = review.published_at ?? review.updated_at;
  return (
    <>
      <SocialTags
        type="article"
        image={socialImage(page.site, stills[0])}
        article={{
          published,
          modified: laterOf(published, review.updated_at),
          tags: tags.map((t) => t.name),
        }}
      />
      <JsonLd value={reviewJsonLd(props.data, props.scale, page)} />
    </>
  );
}

export function FilmHead(props: { still: Still | undefined }) {
  const { site } = usePageInfo();
  return <SocialTags type="website" image={socialImage(site, props.still)} />;
}

export function PersonHead(props: { person: Person }) {
  const { slug, name } = props.person;
  return <SubjectHead subject={{ kind: "person", slug, name }} />;
}

export function SeriesHead(props: { series: Series }) {
  const { slug, title } = props.series;
  return <SubjectHead subject={{ kind: "series", slug, title }} />;
}

export function TagHead(props: { tag: Tag }) {
  const { slug, name } = props.tag;
  return <SubjectHead subject={{ kind: "tag", slug, name }} />;
}

/** A page with its own feeds: a series, a person, a tag. */
function SubjectHead(props: { subject: FeedSubject }) {
  return (
    <>
      <FeedLinks subject={props.subject} />
      <SocialTags type="website" />
    </>
  );
}

const headsWithSocialTags = new Set<unknown>([
  ReviewHead,
  FilmHead,
  PersonHead,
  SeriesHead,
  TagHead,
  SocialTags,
]);

/**
 * Whether a page's `head` brings its own social cards, so the layout should not. A fragment
 * (a *Head with comment-page links beside it) is looked into.
 */
export function providesSocialTags(head: Child): boolean {
  if (Array.isArray(head)) return head.some(providesSocialTags);
  if (!isValidElement(head)) return false;
  if (head.tag === Fragment) return head.children.some(providesSocialTags);
  return headsWithSocialTags.has(head.tag);
}

/**
 * JSON inside <script> ends at the first `</script>`, whatever the JSON means: `<`, `>` and
 * `&` become \u escapes (identical JSON, nothing for an HTML parser to see), and so do
 * U+2028/U+2029, which older JavaScript parsers take for line breaks.
 */
function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

function JsonLd(props: { value: unknown }) {
  return (
    <script
      type="application/ld+json"
      dangerouslySetInnerHTML={{ __html: jsonForScript(props.value) }}
    />
  );
}

/** A rating on the site's scale, as schema.org wants it; null when not shown on the site. */
export function ratingOnScale(
  rating: number | null,
  scale: RatingScale,
): { value: number; best: number; worst: number } | null {
  if (rating == null) return null;
  // Rounded exactly as content/rating.ts displays it, so the card and the page agree.
  switch (scale) {
    case "none":
      return null;
    case "stars5":
      return { value: Math.round(rating / 10) / 2, best: 5, worst: 0 };
    case "ten":
      return { value: Math.round(rating / 10), best: 10, worst: 0 };
    case "hundred":
      return { value: rating, best: 100, worst: 0 };
  }
}

function reviewJsonLd(data: ReviewPageData, scale: RatingScale, page: PageInfo) {
  const { review, film, credits, stills, tags } = data;
  const siteUrl = page.site.url;
  const image = stills[0] ? mediaUrl(siteUrl, shareImageOf(stills[0]).path) : undefined;
  const rating = ratingOnScale(review.rating, scale);
  const published = review.published_at ?? review.updated_at;
  const sameAs = [
    film.imdb_id ? `https://www.imdb.com/title/${film.imdb_id}/` : undefined,
    film.wikidata_id ? `https://www.wikidata.org/wiki/${film.wikidata_id}` : undefined,
  ].filter((u): u is string => u !== undefined);
  return {
    "@context": "https://schema.org",
    "@type": "Review",
    url: page.url,
    name: filmLabel(film),
    description: review.excerpt,
    inLanguage: "en",
    datePublished: published,
    dateModified: laterOf(published, review.updated_at),
    author: { "@type": "Person", name: data.authorName },
    publisher: { "@type": "Organization", name: page.site.title, url: `${siteUrl}/` },
    ...(image ? { image } : {}),
    ...(tags.length ? { keywords: tags.map((t) => t.name).join(", ") } : {}),
    itemReviewed: {
      "@type": "Movie",
      name: film.title,
      ...(film.year ? { dateCreated: String(film.year) } : {}),
      director: credits
        .filter((c) => c.role === "director")
        .map((c) => ({
          "@type": "Person",
          name: c.person.name,
          url: personUrl(siteUrl, c.person.slug),
        })),
      ...(image ? { image } : {}),
      ...(sameAs.length ? { sameAs } : {}),
    },
    ...(rating
      ? {
          reviewRating: {
            "@type": "Rating",
            ratingValue: rating.value,
            bestRating: rating.best,
            worstRating: rating.worst,
          },
        }
      : {}),
  };
}

/** The later of two ISO times: a review scheduled after its last edit changed when it went out. */
function laterOf(a: string, b: string): string {
  return a > b ? a : b;
}
