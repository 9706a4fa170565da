// The series editor's forms: what was typed (kept as typed), and its validation with zod.
import { z } from "zod";
import type { FormBody } from "./admin-page.ts";
import { field } from "./admin-page.ts";
import { fieldErrors } from "./form-errors.ts";
import { splitList } from "./review-form.ts";

export interface SeriesValues {
  title: string;
  slug: string;
  description: string;
}

export type SeriesErrors = Partial<Record<keyof SeriesValues, string>>;

export const emptySeriesValues: SeriesValues = { title: "", slug: "", description: "" };

export function seriesValuesFromForm(body: FormBody): SeriesValues {
  return {
    title: field(body, "title"),
    slug: field(body, "slug"),
    // Browsers send CRLF line ends from a textarea; store what the editor sees.
    description: field(body, "description").replace(/\r\n/g, "\n"),
  };
}

const trimmed = z.string().transform((s) => s.trim());

const seriesSchema = z.object({
  title: trimmed.pipe(
    z.string().min(1, "Give the series a title.").max(200, "Keep the title under 200 characters."),
  ),
  slug: trimmed
    .transform((s) => s.toLowerCase())
    .pipe(
      z
        .string()
        .max(80, "Keep the address under 80 characters.")
        .regex(
          /^([a-z0-9]+(-[a-z0-9]+)*)?$/,
          "Use only letters, digits and single hyphens, for example every-vegas-film.",
        ),
    ),
  description: z.string().max(2000, "Keep the description under 2,000 characters."),
});

interface ValidSeriesInput {
  title: string;
  /** Empty: derive it from the title. */
  slug: string;
  description: string;
}

type Checked<T, E> = { ok: true; input: T } | { ok: false; errors: E };

export function validateSeries(values: SeriesValues): Checked<ValidSeriesInput, SeriesErrors> {
  const parsed = seriesSchema.safeParse(values);
  if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error) };
  return { ok: true, input: { ...parsed.data, description: parsed.data.description.trim() } };
}

export interface NewFilmValues {
  filmTitle: string;
  filmYear: string;
  filmDirectors: string;
}

export type NewFilmErrors = Partial<Record<keyof NewFilmValues, string>>;

export const emptyNewFilmValues: NewFilmValues = { filmTitle: "", filmYear: "", filmDirectors: "" };

export function newFilmValuesFromForm(body: FormBody): NewFilmValues {
  return {
    filmTitle: field(body, "filmTitle"),
    filmYear: field(body, "filmYear"),
    filmDirectors: field(body, "filmDirectors"),
  };
}

function newFilmSchema(now: Date) {
  return z.object({
    filmTitle: trimmed.pipe(
      z
        .string()
        .min(1, "A new film needs a title.")
        .max(300, "Keep the title under 300 characters."),
    ),
    filmYear: trimmed.refine(
      (s) => s === "" || (/^\d{4}$/.test(s) && +s >= 1870 && +s <= now.getUTCFullYear() + 5),
      "Give the year as four digits, for example 1995.",
    ),
    filmDirectors: trimmed.refine(
      (s) => splitList(s).every((name) => name.length <= 200),
      "A director's name is at most 200 characters; separate names with commas.",
    ),
  });
}

interface ValidNewFilm {
  title: string;
  year: number | null;
  directors: string[];
}

export function validateNewFilm(
  values: NewFilmValues,
  now = new Date(),
): Checked<ValidNewFilm, NewFilmErrors> {
  const parsed = newFilmSchema(now).safeParse(values);
  if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error) };
  const v = parsed.data;
  return {
    ok: true,
    input: {
      title: v.filmTitle,
      year: v.filmYear ? Number(v.filmYear) : null,
      directors: splitList(v.filmDirectors),
    },
  };
}

/** A list of entry ids as the queue script sends it: "12,7,30". */
const idList = z
  .string()
  .max(20_000)
  .regex(/^(\d{1,12}(,\d{1,12})*)?$/)
  .transform((s) => (s ? s.split(",").map(Number) : []))
  .refine((ids) => new Set(ids).size === ids.length);

export function parseOrder(body: FormBody): { seen: number[]; order: number[] } | undefined {
  const seen = idList.safeParse(field(body, "seen"));
  const order = idList.safeParse(field(body, "order"));
  return seen.success && order.success ? { seen: seen.data, order: order.data } : undefined;
}
