// The review editor's film: one part of the one form, so choosing a film never loses the text.
// Without a script, the search field and its Find button post the whole form back with the
// list narrowed; with one (assets/review-editor.js), typing offers the films on record and a
// click chooses one. A film not on record yet is typed under "New film", folded away until
// needed; one whose title and year are already on record is refused with that record offered.
import type { FilmChoice } from "../../../domain/admin-overview.ts";
import type { FilmMatch } from "../../../domain/film-matches.ts";
import { filmLabel } from "../../../domain/films.ts";
import type { EditorErrors, EditorValues } from "../review-form.ts";
import { Checkbox, InputField, SelectField, TextAreaField } from "./form-fields.tsx";

/** A new film's credits typed as lists of names; the cast, one a line, is apart. */
const creditFields = [
  ["newFilmDirectors", "New film: directors"],
  ["newFilmWriters", "New film: writers"],
  ["newFilmCinematography", "New film: cinematography"],
  ["newFilmMusic", "New film: music"],
] as const;

const newFilmFields = [
  "newFilmTitle",
  "newFilmYear",
  "newFilmDirectors",
  "newFilmWriters",
  "newFilmCinematography",
  "newFilmMusic",
  "newFilmCast",
] as const;

export function FilmFields(props: {
  values: EditorValues;
  errors: EditorErrors;
  films: FilmChoice[];
  matches: FilmMatch[];
}) {
  const { values: v, errors } = props;
  const newFilmOpen = newFilmFields.some((name) => v[name].trim() !== "" || errors[name]);
  return (
    <fieldset class="film-picker">
      <legend>Film</legend>
      <div class="field">
        <label for="filmSearch">Find a film on record</label>
        <div class="field-inline film-search">
          <input
            id="filmSearch"
            name="filmSearch"
            type="search"
            value={v.filmSearch}
            autocomplete="off"
            aria-describedby="filmSearch-hint"
            aria-controls="film-results"
          />
          <button type="submit" name="intent" value="find" class="film-search-button">
            Find
          </button>
        </div>
        <p class="hint" id="filmSearch-hint">
          Type part of the title, then choose the film below. Nothing is saved.
        </p>
        <div id="film-results" class="film-results" hidden>
          <p class="film-results-status" role="status" />
          <ul />
        </div>
      </div>
      <SelectField
        id="filmId"
        label="Film"
        error={errors.filmId}
        hint={v.filmSearch ? `Films matching “${v.filmSearch}”.` : undefined}
        value={v.filmId}
        placeholder="Choose a film…"
        options={props.films.map((f) => [String(f.id), filmLabel(f)])}
      />
      <details id="new-film" class="new-film" open={newFilmOpen}>
        <summary>New film: one not on record yet</summary>
        <p class="hint">Used instead of the list above when a title is given.</p>
        <InputField
          id="newFilmTitle"
          label="New film: title"
          error={errors.newFilmTitle}
          value={v.newFilmTitle}
        />
        {props.matches.length ? <SameFilmChoices matches={props.matches} /> : null}
        <InputField
          id="newFilmYear"
          label="New film: year"
          error={errors.newFilmYear}
          inputmode="numeric"
          value={v.newFilmYear}
        />
        {creditFields.map(([id, label]) => (
          <InputField
            id={id}
            label={label}
            hint="Separate names with commas."
            error={errors[id]}
            value={v[id]}
          />
        ))}
        <TextAreaField
          id="newFilmCast"
          label="New film: cast"
          hint="One person a line, in billing order; add the part after “as”, for example: Nicolas Cage as Ben Sanderson."
          error={errors.newFilmCast}
          rows={4}
          class="short"
          value={v.newFilmCast}
        />
        {props.matches.length || v.differentFilm ? (
          <Checkbox
            id="differentFilm"
            label="This is a different film with the same title and year"
            hint="A second record is made only when this is ticked: a remake of the same year, say."
            checked={v.differentFilm}
          />
        ) : null}
      </details>
    </fieldset>
  );
}

/** The records that already bear the typed title and year, each chosen with one radio. */
function SameFilmChoices(props: { matches: FilmMatch[] }) {
  return (
    <fieldset class="choices same-film" id="same-film">
      <legend>Already on record: review this film?</legend>
      {props.matches.map((film) => (
        <div class="field-inline">
          <input
            type="radio"
            id={`useFilmId-${film.id}`}
            name="useFilmId"
            value={String(film.id)}
          />
          <label for={`useFilmId-${film.id}`}>
            {filmLabel(film)} <a href={`/film/${film.slug}`}>its page</a>
          </label>
        </div>
      ))}
    </fieldset>
  );
}
