// Pieces every index page shares: the review listing under a heading, breadcrumbs back up
// to the index, counts in words, and pagination for name lists.
import type { Child } from "hono/jsx";
import type { Page, ReviewSummary } from "../../../domain/reviews.ts";
import type { RatingScale } from "../../../content/rating.ts";
import { Pagination, ReviewList } from "../review-list.tsx";

/** "1 review", "3 reviews". */
export function countOf(n: number, noun: string): string {
  return `${n} ${n === 1 ? noun : `${noun}s`}`;
}

interface Crumb {
  href: string;
  label: string;
}

/**
 * Where this page sits: "Archive › 2026 › March 2026", the last item being this page. The
 * separators are drawn by the stylesheet (`.breadcrumbs li + li::before`), never written here too.
 */
function Breadcrumbs(props: { trail: Crumb[]; current: string }) {
  return (
    <nav aria-label="Breadcrumb" class="breadcrumbs meta">
      <ol class="inline-list">
        {props.trail.map((c) => (
          <li>
            <a href={c.href}>{c.label}</a>
          </li>
        ))}
        <li aria-current="page">{props.current}</li>
      </ol>
    </nav>
  );
}

/** One page of reviews matching an index entry (a month, a year, a rating…). */
export function ReviewListing(props: {
  headingId: string;
  heading: Child;
  trail: Crumb[];
  current: string;
  page: Page<ReviewSummary>;
  scale: RatingScale;
  basePath: string;
  children?: Child;
}) {
  const { page } = props;
  return (
    <section aria-labelledby={props.headingId}>
      <Breadcrumbs trail={props.trail} current={props.current} />
      <h1 id={props.headingId}>{props.heading}</h1>
      <p class="meta">{countOf(page.total, "review")}</p>
      {props.children}
      <ReviewList reviews={page.items} scale={props.scale} />
      <Pagination page={page} basePath={props.basePath} />
    </section>
  );
}

/** Previous/next for alphabetical lists, where "newer" and "older" would mean nothing. */
export function NamePagination(props: { page: Page<unknown>; basePath: string }) {
  return (
    <Pagination
      page={props.page}
      basePath={props.basePath}
      labels={{ previous: "← Previous page", next: "Next page →" }}
    />
  );
}

export { pageHref } from "../review-list.tsx";
