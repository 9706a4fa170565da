// Home, tag listing and the error pages.
import type { Tag } from "../../db/schema.ts";
import type { Page, ReviewSummary } from "../../domain/reviews.ts";
import type { RatingScale } from "../../content/rating.ts";
import { Pagination, ReviewList } from "./review-list.tsx";

export function HomePage(props: { page: Page<ReviewSummary>; scale: RatingScale; title: string }) {
  return (
    <section aria-labelledby="home-title">
      <h1 id="home-title" class={props.page.page === 1 ? "visually-hidden" : undefined}>
        {props.page.page === 1
          ? `Latest reviews on ${props.title}`
          : `Reviews, page ${props.page.page}`}
      </h1>
      {props.page.items.length === 0 ? <p>No reviews published yet.</p> : null}
      <ReviewList reviews={props.page.items} scale={props.scale} />
      <Pagination page={props.page} basePath="/" />
    </section>
  );
}

export function TagPage(props: { tag: Tag; page: Page<ReviewSummary>; scale: RatingScale }) {
  const { page } = props;
  return (
    <section aria-labelledby="tag-title">
      <h1 id="tag-title">
        Tagged “{props.tag.name}”{page.page > 1 ? `, page ${page.page}` : null}
      </h1>
      <p class="meta">{page.total === 1 ? "1 review" : `${page.total} reviews`}</p>
      <ReviewList reviews={page.items} scale={props.scale} />
      <Pagination page={page} basePath={`/tag/${props.tag.slug}`} />
    </section>
  );
}

export function NotFoundPage() {
  return (
    <section aria-labelledby="not-found-title" class="not-found">
      <h1 id="not-found-title">Page not found</h1>
      <p>There is nothing at this address. It may have moved, or it may not be published yet.</p>
      <p>
        <a href="/">Go to the latest reviews</a> or <a href="/series">browse the series</a>.
      </p>
    </section>
  );
}

export function ServerErrorPage(props: { requestId: string }) {
  return (
    <section aria-labelledby="error-title">
      <h1 id="error-title">Something went wrong</h1>
      <p>
        The page could not be shown. The error was logged with reference{" "}
        <code>{props.requestId}</code>; please try again in a moment.
      </p>
    </section>
  );
}

/** A request the server would not read (a broken or oversized form): said plainly. */
export function BadRequestPage(props: { message: string }) {
  return (
    <section aria-labelledby="bad-request-title">
      <h1 id="bad-request-title">This request could not be read</h1>
      <p>{props.message}</p>
      <p>Go back, check what you sent, and try again.</p>
    </section>
  );
}
