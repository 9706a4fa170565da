// The dashboard and the list of reviews.
import type { Child } from "hono/jsx";
import type { AdminReviewRow, ReviewCounts } from "../../../domain/admin-overview.ts";
import { CsrfField } from "./form-fields.tsx";

export function DashboardPage(props: {
  name: string;
  counts: ReviewCounts;
  ownOnly: boolean;
  csrf: string;
  links: [string, string][];
  /** The writer's numbers (views/dashboard-stats.tsx), under the review counts. */
  numbers?: Child;
}) {
  const whose = props.ownOnly ? "Your reviews" : "Reviews";
  return (
    <section aria-labelledby="dashboard-title">
      <h1 id="dashboard-title">Hello, {props.name}</h1>
      <h2>{whose}</h2>
      <ul class="counts">
        <li>{props.counts.published} published</li>
        <li>{props.counts.scheduled} scheduled</li>
        <li>{props.counts.draft} drafts</li>
        <li>{props.counts.films} films on record</li>
      </ul>
      {props.numbers}
      <h2>Go to</h2>
      <ul>
        {props.links.map(([href, text]) => (
          <li>
            <a href={href}>{text}</a>
          </li>
        ))}
      </ul>
      <h2>Your sessions</h2>
      <form method="post" action="/admin/sign-out-everywhere">
        <CsrfField token={props.csrf} />
        <p class="hint">Lost a device, or signed in on a shared computer?</p>
        <button type="submit">Sign out everywhere</button>
      </form>
    </section>
  );
}

const statusLabel = { draft: "Draft", scheduled: "Scheduled", published: "Published" } as const;

export function ReviewsListPage(props: {
  reviews: (AdminReviewRow & { editable: boolean })[];
  ownOnly: boolean;
  now: string;
}) {
  return (
    <section aria-labelledby="reviews-title">
      <h1 id="reviews-title">{props.ownOnly ? "Your reviews" : "All reviews"}</h1>
      <p>
        <a href="/admin/reviews/new">Write a review</a>
      </p>
      {props.reviews.length === 0 ? (
        <p>No reviews yet.</p>
      ) : (
        <table class="admin-table">
          <thead>
            <tr>
              <th scope="col">Film</th>
              <th scope="col">Status</th>
              <th scope="col">Author</th>
              <th scope="col">Publication (UTC)</th>
              <th scope="col">Last saved (UTC)</th>
            </tr>
          </thead>
          <tbody>
            {props.reviews.map((r) => {
              const title = `${r.film.title}${r.film.year ? ` (${r.film.year})` : ""}`;
              const isPublic =
                r.status !== "draft" && !!r.publishedAt && r.publishedAt <= props.now;
              return (
                <tr>
                  <td>
                    {r.editable ? <a href={`/admin/reviews/${r.id}/edit`}>{title}</a> : title}
                    {isPublic ? (
                      <>
                        {" "}
                        (<a href={`/review/${r.slug}`}>view</a>)
                      </>
                    ) : null}
                  </td>
                  <td>{statusLabel[r.status]}</td>
                  <td>{r.authorName}</td>
                  <td>{r.publishedAt ? shortTime(r.publishedAt) : "—"}</td>
                  <td>{shortTime(r.updatedAt)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}

export function shortTime(iso: string): string {
  return iso.slice(0, 16).replace("T", " ");
}
