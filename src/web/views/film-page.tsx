// A film as a record: its credits, facts and every review of it (first watch and rewatches).
import type { Film } from "../../db/schema.ts";
import type { FilmLogLine } from "../../domain/film-log.ts";
import type { FilmCredit } from "../../domain/films.ts";
import type { ReviewSummary } from "../../domain/reviews.ts";
import type { RatingScale } from "../../content/rating.ts";
import type { CreditRole } from "../../db/schema.ts";
import { filmLabel } from "./names.tsx";
import { ReviewList } from "./review-list.tsx";

const roleHeadings: [CreditRole, string][] = [
  ["director", "Directed by"],
  ["writer", "Written by"],
  ["cast", "Cast"],
  ["cinematography", "Cinematography"],
  ["music", "Music"],
];

export function FilmPage(props: {
  film: Film;
  credits: FilmCredit[];
  reviews: ReviewSummary[];
  scale: RatingScale;
  log?: FilmLogLine | undefined;
}) {
  const { film, credits } = props;
  const countries = film.countries ? film.countries.split(",") : [];
  const logLine = props.log ? logText(props.log) : "";
  return (
    <article class="film" aria-labelledby="film-title">
      <header>
        <h1 id="film-title">{filmLabel(film)}</h1>
        {film.original_title && film.original_title !== film.title ? (
          <p class="original-title">
            Original title: <span lang="und">{film.original_title}</span>
          </p>
        ) : null}
        {logLine ? <p class="film-log">{logLine}</p> : null}
      </header>
      <dl class="facts">
        {roleHeadings.map(([role, heading]) => {
          const people = credits.filter((c) => c.role === role);
          if (people.length === 0) return null;
          return (
            <>
              <dt>{heading}</dt>
              <dd>
                <ul class="inline-list">
                  {people.map((c) => (
                    <li>
                      <a href={`/person/${c.person.slug}`}>{c.person.name}</a>
                      {c.character ? <span class="character"> as {c.character}</span> : null}
                    </li>
                  ))}
                </ul>
              </dd>
            </>
          );
        })}
        {film.runtime_minutes ? (
          <>
            <dt>Running time</dt>
            <dd>{film.runtime_minutes} minutes</dd>
          </>
        ) : null}
        {countries.length > 0 ? (
          <>
            <dt>{countries.length > 1 ? "Countries" : "Country"}</dt>
            <dd>{countries.map(countryName).join(", ")}</dd>
          </>
        ) : null}
        {film.imdb_id ? (
          <>
            <dt>Elsewhere</dt>
            <dd>
              <a href={`https://www.imdb.com/title/${film.imdb_id}/`} rel="external">
                IMDb
              </a>
            </dd>
          </>
        ) : null}
      </dl>
      <section aria-labelledby="film-reviews">
        <h2 id="film-reviews">{props.reviews.length > 1 ? "Reviews and rewatches" : "Review"}</h2>
        {props.reviews.length > 0 ? (
          <ReviewList reviews={props.reviews} scale={props.scale} />
        ) : (
          <p>Not reviewed yet.</p>
        )}
      </section>
    </article>
  );
}

/** "Watched 3 times, liked", from the diary brought over from Letterboxd. */
function logText(log: FilmLogLine): string {
  const watched =
    log.viewings > 1
      ? `Watched ${log.viewings} times`
      : log.viewings === 1 || log.watched
        ? "Watched"
        : "";
  const liked = log.liked ? (watched ? "liked" : "Liked") : "";
  return [watched, liked].filter(Boolean).join(", ");
}

const regionNames = new Intl.DisplayNames(["en"], { type: "region" });

function countryName(code: string): string {
  try {
    return regionNames.of(code) ?? code;
  } catch {
    return code;
  }
}
