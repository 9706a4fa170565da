// A person: every film of theirs reviewed here, grouped by what they did on it.
import type { CreditRole, Person } from "../../db/schema.ts";
import type { FilmographyItem } from "../../domain/people.ts";
import { CommentCountLink } from "./index-pages/comment-count.tsx";
import { filmLabel } from "./names.tsx";

const roleNames: [CreditRole, string][] = [
  ["director", "Director"],
  ["writer", "Writer"],
  ["cast", "Actor"],
  ["cinematography", "Cinematographer"],
  ["music", "Composer"],
];

export function PersonPage(props: { person: Person; filmography: FilmographyItem[] }) {
  const { person, filmography } = props;
  return (
    <article class="person" aria-labelledby="person-name">
      <h1 id="person-name">{person.name}</h1>
      {filmography.length === 0 ? <p>No reviewed films yet.</p> : null}
      {roleNames.map(([role, name]) => {
        const items = filmography.filter((f) => f.role === role);
        if (items.length === 0) return null;
        return (
          <section aria-labelledby={`role-${role}`}>
            <h2 id={`role-${role}`}>
              {name} <span class="count">({items.length})</span>
            </h2>
            <ul class="filmography">
              {items.map((f) => (
                <li>
                  <a href={`/review/${f.reviewSlug}`}>{filmLabel(f)}</a>
                  {f.character ? <span class="character"> as {f.character}</span> : null}
                  {" · "}
                  <a href={`/film/${f.filmSlug}`} class="film-link">
                    film page
                  </a>
                  {f.commentCount > 0 ? " · " : null}
                  <CommentCountLink
                    count={f.commentCount}
                    reviewSlug={f.reviewSlug}
                    label={filmLabel(f)}
                  />
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </article>
  );
}
