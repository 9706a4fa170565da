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

export function DateTime(props: { iso: string }) {
  if (!props.iso) return null;
  return <time datetime={props.iso}>{dateFormat.format(new Date(props.iso))}</time>;
}

export function formatDay(isoDay: string): string {
  return dateFormat.format(new Date(`${isoDay.slice(0, 10)}T00:00:00Z`));
}
