// Small pieces that name things the same way on every page.
import type { RatingDisplay } from "../../content/rating.ts";
import { filmLabel } from "../../domain/films.ts";

export { filmLabel };

/** "A", "A and B", "A, B and C" — each linked to the person's page. */
export function PeopleLinks(props: { people: { slug: string; name: string }[] }) {
  const { people } = props;
  return (
    <>
      {people.map((p, i) => (
        <>
          {i > 0 ? (i === people.length - 1 ? " and " : ", ") : ""}
          <a href={`/person/${p.slug}`}>{p.name}</a>
        </>
      ))}
    </>
  );
}

export function Rating(props: { rating: RatingDisplay | null }) {
  if (!props.rating) return null;
  return (
    <span class="rating" role="img" aria-label={`Rated ${props.rating.label}`}>
      {props.rating.text}
    </span>
  );
}

const dateFormat = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "long",
  year: "numeric",
  timeZone: "UTC",
});

// Formatting a date through Intl costs more than the rest of a comment's markup, and a long
// thread shows many comments from few days: each UTC day is formatted once, then remembered
// (a bounded map, emptied when full).
const formattedDays = new Map<string, string>();
const utcInstant = /^(\d{4}-\d{2}-\d{2})T[\d:.]+Z$/;

function formatInstant(iso: string): string {
  const day = utcInstant.exec(iso)?.[1];
  if (day === undefined) return dateFormat.format(new Date(iso));
  let text = formattedDays.get(day);
  if (text === undefined) {
    if (formattedDays.size >= 10_000) formattedDays.clear();
    text = dateFormat.format(new Date(iso));
    formattedDays.set(day, text);
  }
  return text;
}

export function DateTime(props: { iso: string }) {
  if (!props.iso) return null;
  return <time datetime={props.iso}>{formatInstant(props.iso)}</time>;
}

export function formatDay(isoDay: string): string {
  return formatInstant(`${isoDay.slice(0, 10)}T00:00:00Z`);
}
