// The search page: a form that works without JavaScript, then ranked results with the
// matching words marked. Highlights arrive as segments of plain text; only the <mark>
// elements below are markup, and the renderer escapes all the text.
import { CardStill } from "./card-still.tsx";
import { CommentCountLink } from "./index-pages/comment-count.tsx";
import type {
  SearchPage as SearchResults,
  SearchResult,
  Segment,
} from "../../domain/review-search.ts";
import { maxQueryLength } from "../../search/tokens.ts";
import { DateTime, PeopleLinks } from "./names.tsx";
import { HeadLink } from "./head-link.ts";

interface SearchPageProps {
  /** The query as the reader typed it (cleaned), or "" before any search. */
  query: string;
  results: SearchResults | undefined;
  /** Set when this address has searched too often: the seconds until it may search again. */
  waitSeconds?: number;
}

/** rel=prev/next for the head, the same addresses as the links under the results. */
export function SearchRelLinks(props: { query: string; results: SearchResults }) {
  const { page, pageCount } = props.results;
  return (
    <>
      {page > 1 && page <= pageCount ? (
        <HeadLink rel="prev" href={pageHref(props.query, page - 1)} />
      ) : null}
      {page < pageCount ? <HeadLink rel="next" href={pageHref(props.query, page + 1)} /> : null}
    </>
  );
}

export function SearchPage(props: SearchPageProps) {
  const { query } = props;
  return (
    <section aria-labelledby="search-title" class="search">
      <h1 id="search-title">{query ? `Search: ${query}` : "Search"}</h1>
      <form class="search-form" method="get" action="/search" role="search">
        <label for="search-q">Search the reviews</label>
        <input
          type="search"
          id="search-q"
          name="q"
          value={query}
          maxlength={maxQueryLength}
          aria-describedby="search-help"
        />
        <button type="submit">Search</button>
        <p id="search-help" class="hint">
          Film titles, original titles, directors, writers and cast, tags and the reviews
          themselves. Accents are optional.
        </p>
      </form>
      <Outcome {...props} />
    </section>
  );
}

function Outcome(props: SearchPageProps) {
  const { query, results, waitSeconds } = props;
  if (!query) {
    return <p class="search-status">Type a word or two above to search the reviews.</p>;
  }
  if (waitSeconds) {
    return (
      <p class="search-status" role="alert">
        You have searched many times in a short while. Please wait{" "}
        {waitSeconds === 1 ? "a second" : `${waitSeconds} seconds`} and search again: your words are
        still in the box above.
      </p>
    );
  }
  if (!results || results.terms.length === 0) {
    return (
      <p class="search-status" role="status">
        There are no words to search for in “{query}”. Try a title, a name or a word from a review.
      </p>
    );
  }
  if (results.total === 0) {
    return (
      <p class="search-status" role="status">
        No reviews match “{query}”. Check the spelling, or try fewer or shorter words.
      </p>
    );
  }
  const first = (results.page - 1) * results.perPage + 1;
  return (
    <>
      <p class="search-status result-count" role="status">
        {results.total === 1 ? "1 review matches" : `${results.total} reviews match`} “{query}”
        {results.pageCount > 1 ? ` (page ${results.page} of ${results.pageCount})` : ""}.
      </p>
      {results.items.length === 0 ? (
        <p class="search-status">
          There are fewer results than that; <a href={pageHref(query, 1)}>see the first page</a>.
        </p>
      ) : (
        <ol class="search-results" start={first}>
          {results.items.map((r) => (
            <li>
              <ResultCard result={r} />
            </li>
          ))}
        </ol>
      )}
      <SearchPagination query={query} results={results} />
    </>
  );
}

function ResultCard(props: { result: SearchResult }) {
  const { result } = props;
  return (
    <article class={result.leadStill ? "search-result has-still" : "search-result"}>
      {result.leadStill ? <CardStill still={result.leadStill} /> : null}
      <div class="card-text">
        <h2>
          <a href={`/review/${result.slug}`}>
            <Highlighted segments={result.title} />
            {result.film.year ? ` (${result.film.year})` : ""}
          </a>
        </h2>
        {result.originalTitle ? (
          <p class="original-title">
            Original title: <Highlighted segments={result.originalTitle} />
          </p>
        ) : null}
        {result.directors.length > 0 ? (
          <p class="credit">
            Directed by <PeopleLinks people={result.directors} />
          </p>
        ) : null}
        <p class="meta">
          <DateTime iso={result.publishedAt} />
          {result.hasSpoilers ? <span class="badge">Spoilers</span> : null}
          {result.commentCount > 0 ? " · " : null}
          <CommentCountLink
            count={result.commentCount}
            reviewSlug={result.slug}
            label={`${result.film.title}${result.film.year ? ` (${result.film.year})` : ""}`}
          />
        </p>
        {result.snippet.length > 0 ? (
          <p class="snippet">
            <Highlighted segments={result.snippet} />
          </p>
        ) : null}
      </div>
    </article>
  );
}

function Highlighted(props: { segments: Segment[] }) {
  return <>{props.segments.map((s) => (s.marked ? <mark>{s.text}</mark> : s.text))}</>;
}

function pageHref(query: string, page: number): string {
  const q = `/search?q=${encodeURIComponent(query)}`;
  return page === 1 ? q : `${q}&page=${page}`;
}

function SearchPagination(props: {
  query: string;
  results: Pick<SearchResults, "page" | "pageCount">;
}) {
  const { page, pageCount } = props.results;
  if (pageCount <= 1) return null;
  return (
    <nav class="pagination" aria-label="Result pages">
      {page > 1 ? (
        <a rel="prev" href={pageHref(props.query, Math.min(page - 1, pageCount))}>
          ← Better matches
        </a>
      ) : null}
      <span>
        Page {page} of {pageCount}
      </span>
      {page < pageCount ? (
        <a rel="next" href={pageHref(props.query, page + 1)}>
          More results →
        </a>
      ) : null}
    </nav>
  );
}
