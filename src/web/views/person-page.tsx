// A person: every film of theirs reviewed here, one row a film with everything they did on it
// ("Director, Actor as Don Lockwood"), so a director who also wrote and scored a film sees it once.
import type { CreditRole, Person } from "../../db/schema.ts";
import type { PersonFilmsPage } from "../../domain/indexes/person-films.ts";
import type { FilmographyItem } from "../../domain/people.ts";
import { NamePagination } from "./index-pages/listing.tsx";
import { CardStill } from "./card-still.tsx";
import { CommentCountLink } from "./index-pages/comment-count.tsx";
import { filmLabel } from "./names.tsx";

const roleNames: [CreditRole, string][] = [
  ["director", "Director"],
  ["writer", "Writer"],
  ["cast", "Actor"],
  ["cinematography", "Cinematographer"],
  ["music", "Composer"],
];

interface FilmRow {
  first: FilmographyItem;
  roles: FilmographyItem[];
}

/** The per-role items folded into one row a film, in the order the domain gave them. */
function rowsByFilm(filmography: FilmographyItem[]): FilmRow[] {
  const rows = new Map<string, FilmRow>();
  for (const item of filmography) {
    const row = rows.get(item.filmSlug);
    if (row) row.roles.push(item);
    else rows.set(item.filmSlug, { first: item, roles: [item] });
  }
  const rank = (role: CreditRole) => roleNames.findIndex(([r]) => r === role);
  for (const row of rows.values()) row.roles.sort((a, b) => rank(a.role) - rank(b.role));
  return [...rows.values()];
}

function roleName(role: CreditRole): string {
  return roleNames.find(([r]) => r === role)?.[1] ?? role;
}

export function PersonPage(props: { person: Person; films: PersonFilmsPage }) {
  const { person, films } = props;
  const rows = rowsByFilm(films.items);
  const roleCounts = roleNames
    .map(([role, name]) => [name, films.roleCounts.get(role) ?? 0] as const)
    .filter(([, n]) => n > 0);
  return (
    <article class="person" aria-labelledby="person-name">
      <h1 id="person-name">{person.name}</h1>
      {rows.length === 0 ? (
        <p>No reviewed films yet.</p>
      ) : (
        <section aria-labelledby="person-films">
          <h2 id="person-films">
            Films reviewed here <span class="count">({films.total})</span>
          </h2>
          <p class="meta role-counts">
            {roleCounts.map(([name, n]) => `${name} (${n})`).join(" · ")}
          </p>
          <ul class="filmography">
            {rows.map(({ first: f, roles }) => (
              <li class={f.leadStill ? "has-still" : undefined}>
                <div class="row-with-still">
                  {f.leadStill ? <CardStill still={f.leadStill} thumb /> : null}
                  <div>
                    <a href={`/review/${f.reviewSlug}`}>{filmLabel(f)}</a>
                    <span class="roles">
                      {" — "}
                      {roles
                        .map((r) =>
                          r.character ? `${roleName(r.role)} as ${r.character}` : roleName(r.role),
                        )
                        .join(", ")}
                    </span>
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
                  </div>
                </div>
              </li>
            ))}
          </ul>
          <NamePagination page={films} basePath={`/person/${person.slug}`} />
        </section>
      )}
    </article>
  );
}
