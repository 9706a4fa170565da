// Every tag in use on a public review, A–Z, with counts; each links to its tag page.
import type { TagEntry } from "../../../domain/indexes/tag-list.ts";
import type { Page } from "../../../domain/reviews.ts";
import { countOf, NamePagination } from "./listing.tsx";

export function TagsPage(props: { page: Page<TagEntry> }) {
  const { page } = props;
  return (
    <section aria-labelledby="tags-title">
      <h1 id="tags-title">Tags</h1>
      {page.total === 0 ? <p>No tags yet.</p> : null}
      {page.items.length > 0 ? (
        <ul class="tag-index">
          {page.items.map((t) => (
            <li>
              <a rel="tag" href={`/tag/${t.slug}`}>
                {t.name}
              </a>{" "}
              <span class="count">{countOf(t.count, "review")}</span>
            </li>
          ))}
        </ul>
      ) : null}
      <NamePagination page={page} basePath="/tags" />
    </section>
  );
}
