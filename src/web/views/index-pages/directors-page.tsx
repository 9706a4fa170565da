// Directors A–Z: a letter bar to jump with, then one short list per letter.
import type { DirectorEntry, DirectorIndex } from "../../../domain/indexes/directors.ts";
import { countOf, NamePagination, pageHref } from "./listing.tsx";

const alphabet = [..."ABCDEFGHIJKLMNOPQRSTUVWXYZ", "#"];

function letterId(letter: string): string {
  return letter === "#" ? "letter-other" : `letter-${letter.toLowerCase()}`;
}

function letterName(letter: string): string {
  return letter === "#" ? "Other" : letter;
}

/** The directors on this page, grouped under their letters in order. */
function byLetter(directors: DirectorEntry[]): [string, DirectorEntry[]][] {
  const groups: [string, DirectorEntry[]][] = [];
  for (const d of directors) {
    const last = groups.at(-1);
    if (last?.[0] === d.letter) last[1].push(d);
    else groups.push([d.letter, [d]]);
  }
  return groups;
}

function LetterBar(props: { letters: Map<string, number>; currentPage: number }) {
  // "#" only appears when some name does not start with a letter.
  const shown = alphabet.filter((l) => l !== "#" || props.letters.has(l));
  return (
    <nav aria-label="Directors by letter" class="letter-bar">
      <ul class="inline-list">
        {shown.map((letter) => {
          const page = props.letters.get(letter);
          if (page === undefined) return <li class="status">{letterName(letter)}</li>;
          // A letter on this page is a jump within it; otherwise go to the page it starts on.
          const base = page === props.currentPage ? "" : pageHref("/directors", page);
          return (
            <li>
              <a href={`${base}#${letterId(letter)}`}>{letterName(letter)}</a>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

export function DirectorsPage(props: { index: DirectorIndex }) {
  const { page, letters } = props.index;
  return (
    <section aria-labelledby="directors-title">
      <h1 id="directors-title">Directors</h1>
      <p class="lede">
        {page.total === 0
          ? "No reviews published yet."
          : `${countOf(page.total, "director")} of reviewed films, by family name.`}
      </p>
      {page.total > 0 ? <LetterBar letters={letters} currentPage={page.page} /> : null}
      {byLetter(page.items).map(([letter, directors]) => (
        <section aria-labelledby={letterId(letter)}>
          <h2 id={letterId(letter)}>{letterName(letter)}</h2>
          <ul class="directors">
            {directors.map((d) => (
              <li>
                <a href={`/person/${d.slug}`}>{d.name}</a>{" "}
                <span class="count">{countOf(d.films, "film")}</span>
              </li>
            ))}
          </ul>
        </section>
      ))}
      <NamePagination page={page} basePath="/directors" />
    </section>
  );
}
