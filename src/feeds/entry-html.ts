// The full content of a feed entry: what the review page shows, as one HTML fragment that
// still works away from the site — every link and image absolute.
import { type RatingScale, displayRating } from "../content/rating.ts";
import type { Still } from "../db/schema.ts";
import type { FeedReview } from "../domain/feed-items.ts";
import { absoluteUrls } from "./absolute-urls.ts";
import { shareImageOf } from "./share-image.ts";
import { mediaUrl, personUrl } from "./site-urls.ts";
import { escapeXmlAttribute as attr, escapeXmlText as text } from "./xml.ts";

interface EntryHtmlContext {
  /** Absolute base URL of the site, without trailing slash. */
  siteUrl: string;
  scale: RatingScale;
}

export function entryHtml(
  review: FeedReview & { bodyHtml: string },
  permalink: string,
  ctx: EntryHtmlContext,
): string {
  const [lead, ...more] = review.stills;
  const rating = displayRating(review.rating, ctx.scale);
  return [
    review.directors.length ? `<p>Directed by ${peopleLinks(review.directors, ctx)}</p>` : "",
    lead ? stillFigure(lead, ctx) : "",
    absoluteUrls(review.bodyHtml, permalink),
    ...more.map((s) => stillFigure(s, ctx)),
    rating ? `<p>Rating: ${text(rating.text)} (${text(rating.label)})</p>` : "",
  ]
    .filter(Boolean)
    .join("\n");
}

function stillFigure(still: Still, ctx: EntryHtmlContext): string {
  const image = shareImageOf(still);
  const src = mediaUrl(ctx.siteUrl, image.path);
  const img = `<img src="${attr(src)}" alt="${attr(still.alt)}" width="${image.width}" height="${image.height}">`;
  const caption = still.caption ? `<figcaption>${text(still.caption)}</figcaption>` : "";
  return `<figure>${img}${caption}</figure>`;
}

function peopleLinks(people: { slug: string; name: string }[], ctx: EntryHtmlContext): string {
  return people
    .map((p, i) => {
      const separator = i === 0 ? "" : i === people.length - 1 ? " and " : ", ";
      return `${separator}<a href="${attr(personUrl(ctx.siteUrl, p.slug))}">${text(p.name)}</a>`;
    })
    .join("");
}
