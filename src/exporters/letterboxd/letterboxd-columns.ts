// One row of Letterboxd's import CSV (letterboxd.com/about/importing-data): the columns and
// how a Cinelog rating (0–100) reads on Letterboxd's two scales.
export const letterboxdColumns = [
  "LetterboxdURI",
  "tmdbID",
  "imdbID",
  "Title",
  "Year",
  "Directors",
  "Rating",
  "Rating10",
  "WatchedDate",
  "Rewatch",
  "Tags",
  "Review",
] as const;

export type LetterboxdRow = Record<(typeof letterboxdColumns)[number], string>;

/** 90 → "4.5"; Letterboxd has no zero stars, so anything rated is at least half a star. */
export function fiveStars(rating: number | null): string {
  if (rating == null) return "";
  return String(Math.min(5, Math.max(0.5, Math.round(rating / 10) / 2)));
}

/** 90 → "9", on Letterboxd's 1–10 scale. */
export function tenPoints(rating: number | null): string {
  if (rating == null) return "";
  return String(Math.min(10, Math.max(1, Math.round(rating / 10))));
}

interface FilmColumns {
  title: string;
  year: number | null;
  tmdb_id: string | null;
  imdb_id: string | null;
  letterboxd_slug: string | null;
}

export function filmColumns(
  film: FilmColumns,
  directors: string[],
): Pick<LetterboxdRow, "LetterboxdURI" | "tmdbID" | "imdbID" | "Title" | "Year" | "Directors"> {
  return {
    LetterboxdURI: film.letterboxd_slug
      ? `https://letterboxd.com/film/${film.letterboxd_slug}/`
      : "",
    tmdbID: film.tmdb_id ?? "",
    imdbID: film.imdb_id ?? "",
    Title: film.title,
    Year: film.year == null ? "" : String(film.year),
    Directors: directors.join(", "),
  };
}
