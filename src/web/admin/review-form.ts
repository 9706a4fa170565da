// The review editor's form: what was typed (kept as typed, so nothing is ever lost), its
// validation with zod, and the conversion between the stored 0–100 rating and the site's scale.
import { z } from "zod";
import type { CreditRole, Review } from "../../db/schema.ts";
import type { CreditInput } from "../../domain/films.ts";
import type { ReviewEditorInput } from "../../domain/review-editor-save.ts";
import type { RatingScale } from "../../content/rating.ts";
import { field, type FormBody } from "./admin-page.ts";
import { fieldErrors } from "./form-errors.ts";

/** "find" narrows the film list to the search typed (without JavaScript) and keeps the rest. */
const intents = ["preview", "find", "draft", "schedule", "publish"] as const;
export type Intent = (typeof intents)[number];

export interface EditorValues {
  filmId: string;
  newFilmTitle: string;
  newFilmYear: string;
  newFilmDirectors: string;
  newFilmWriters: string;
  newFilmCinematography: string;
  newFilmMusic: string;
  /** One person a line, "Name as Character" (the character is optional). */
  newFilmCast: string;
  body: string;
  tags: string;
  rating: string;
  watchedOn: string;
  isRewatch: boolean;
  hasSpoilers: boolean;
  /** datetime-local, read as UTC. */
  publishAt: string;
  /** A series to put the review in, and how: on the film's entry there, or a new last entry. */
  seriesId: string;
  seriesPlacement: string;
  /** Forget the review's own Up Next list on saving: it shows its series' next films again. */
  followSeries: boolean;
  /** Words to narrow the film list by, sent with the form's Find button when there is no script. */
  filmSearch: string;
  /** The writer says the new film is not the one on record with the same title and year. */
  differentFilm: boolean;
}

const seriesPlacements = ["attach", "append"] as const;

type EditorField = keyof EditorValues;
export type EditorErrors = Partial<Record<EditorField, string>>;

export const emptyEditorValues: EditorValues = {
  filmId: "",
  newFilmTitle: "",
  newFilmYear: "",
  newFilmDirectors: "",
  newFilmWriters: "",
  newFilmCinematography: "",
  newFilmMusic: "",
  newFilmCast: "",
  body: "",
  tags: "",
  rating: "",
  watchedOn: "",
  isRewatch: false,
  hasSpoilers: false,
  publishAt: "",
  seriesId: "",
  seriesPlacement: "attach",
  followSeries: false,
  filmSearch: "",
  differentFilm: false,
};

export function valuesFromForm(body: FormBody): EditorValues {
  const typed = typedValues(body);
  // A film chosen among those on record with the title typed as new: that film, not a new one.
  const chosen = field(body, "useFilmId");
  if (!/^\d+$/.test(chosen)) return typed;
  return {
    ...typed,
    filmId: chosen,
    newFilmTitle: "",
    newFilmYear: "",
    newFilmDirectors: "",
    newFilmWriters: "",
    newFilmCinematography: "",
    newFilmMusic: "",
    newFilmCast: "",
    differentFilm: false,
  };
}

function typedValues(body: FormBody): EditorValues {
  return {
    filmId: field(body, "filmId"),
    newFilmTitle: field(body, "newFilmTitle"),
    newFilmYear: field(body, "newFilmYear"),
    newFilmDirectors: field(body, "newFilmDirectors"),
    newFilmWriters: field(body, "newFilmWriters"),
    newFilmCinematography: field(body, "newFilmCinematography"),
    newFilmMusic: field(body, "newFilmMusic"),
    newFilmCast: field(body, "newFilmCast").replace(/\r\n/g, "\n"),
    // Browsers send CRLF line ends from a textarea; store what the author sees.
    body: field(body, "body").replace(/\r\n/g, "\n"),
    tags: field(body, "tags"),
    rating: field(body, "rating"),
    watchedOn: field(body, "watchedOn"),
    isRewatch: field(body, "isRewatch") === "on",
    hasSpoilers: field(body, "hasSpoilers") === "on",
    publishAt: field(body, "publishAt"),
    seriesId: field(body, "seriesId"),
    seriesPlacement: field(body, "seriesPlacement") || "attach",
    followSeries: field(body, "followSeries") === "on",
    filmSearch: field(body, "filmSearch").slice(0, 200),
    differentFilm: field(body, "differentFilm") === "on",
  };
}

export function intentFromForm(body: FormBody): Intent | undefined {
  const value = field(body, "intent");
  return (intents as readonly string[]).includes(value) ? (value as Intent) : undefined;
}

export function valuesFromReview(review: Review, tags: string[], scale: RatingScale): EditorValues {
  return {
    ...emptyEditorValues,
    filmId: String(review.film_id),
    body: review.body_md,
    tags: tags.join(", "),
    rating: review.rating == null ? "" : ratingOnScale(review.rating, scale),
    watchedOn: review.watched_on ?? "",
    isRewatch: review.is_rewatch === 1,
    hasSpoilers: review.has_spoilers === 1,
    publishAt:
      review.status === "scheduled" && review.published_at ? review.published_at.slice(0, 16) : "",
  };
}

export interface ScaleInput {
  max: number;
  step: number;
  label: string;
}

export function scaleInput(scale: RatingScale): ScaleInput | undefined {
  switch (scale) {
    case "stars5":
      return { max: 5, step: 0.5, label: "Rating, in stars from 0 to 5 (halves allowed)" };
    case "ten":
      return { max: 10, step: 1, label: "Rating, from 0 to 10" };
    case "hundred":
      return { max: 100, step: 1, label: "Rating, from 0 to 100" };
    case "none":
      return undefined;
  }
}

function ratingOnScale(stored: number, scale: RatingScale): string {
  const input = scaleInput(scale);
  if (!input) return "";
  const value = (stored * input.max) / 100;
  return String(Math.round(value / input.step) * input.step);
}

const trimmed = z.string().transform((s) => s.trim());

const maxCredits = 100;

/** A comma-separated list of names, each of a sane length. */
const names = trimmed
  .refine((s) => splitList(s).length <= maxCredits, `Up to ${maxCredits} names, please.`)
  .refine(
    (s) => splitList(s).every((name) => name.length <= 200),
    "One of these names is very long: separate names with commas.",
  );

function editorSchema(scale: RatingScale, intent: Intent, now: Date) {
  const input = scaleInput(scale);
  return z
    .object({
      filmId: trimmed,
      newFilmTitle: trimmed,
      newFilmYear: trimmed.refine(
        (s) => s === "" || (/^\d{4}$/.test(s) && +s >= 1870 && +s <= now.getUTCFullYear() + 5),
        "Give the year as four digits, for example 1995.",
      ),
      newFilmDirectors: names,
      newFilmWriters: names,
      newFilmCinematography: names,
      newFilmMusic: names,
      newFilmCast: trimmed.refine(
        (s) => s.split("\n").filter((l) => l.trim()).length <= maxCredits,
        `Up to ${maxCredits} people, please.`,
      ),
      body: z.string().refine((s) => s.trim().length > 0, "Write the review before saving it."),
      tags: z.string().max(1000, "That is a lot of tags: keep it under 1000 characters."),
      rating: trimmed.refine((s) => {
        if (s === "" || !input) return true;
        const value = Number(s);
        return (
          Number.isFinite(value) &&
          value >= 0 &&
          value <= input.max &&
          Number.isInteger(value / input.step)
        );
      }, ratingMessage(input)),
      watchedOn: trimmed.refine(
        (s) => s === "" || isRealDate(s),
        "Give the date you watched it as YYYY-MM-DD.",
      ),
      isRewatch: z.boolean(),
      hasSpoilers: z.boolean(),
      publishAt: trimmed,
      seriesId: trimmed.refine(
        (s) => s === "" || /^\d+$/.test(s),
        "Choose a series from the list.",
      ),
      seriesPlacement: z.enum(seriesPlacements, {
        error: "Choose where the review goes in the series.",
      }),
      followSeries: z.boolean(),
      filmSearch: z.string(),
      differentFilm: z.boolean(),
    })
    .superRefine((v, ctx) => {
      if (!v.newFilmTitle && !/^\d+$/.test(v.filmId)) {
        ctx.addIssue({
          code: "custom",
          path: ["filmId"],
          message: "Choose the film, or add a new one below.",
        });
      }
      const creditFields = [
        v.newFilmYear,
        v.newFilmDirectors,
        v.newFilmWriters,
        v.newFilmCinematography,
        v.newFilmMusic,
        v.newFilmCast,
      ];
      if (!v.newFilmTitle && creditFields.some(Boolean)) {
        ctx.addIssue({
          code: "custom",
          path: ["newFilmTitle"],
          message: "A new film needs a title.",
        });
      }
      const at = v.publishAt ? parseUtcLocal(v.publishAt) : undefined;
      if (v.publishAt && !at) {
        ctx.addIssue({ code: "custom", path: ["publishAt"], message: "Give a date and a time." });
      }
      if (intent === "schedule") {
        if (!v.publishAt) {
          ctx.addIssue({
            code: "custom",
            path: ["publishAt"],
            message: "Give the time at which the review should go public.",
          });
        } else if (at && at <= now) {
          ctx.addIssue({
            code: "custom",
            path: ["publishAt"],
            message: "That time has passed: choose a later one, or publish now.",
          });
        }
      }
      if (intent === "publish" && at && at > now) {
        ctx.addIssue({
          code: "custom",
          path: ["publishAt"],
          message: "That time is in the future: use Schedule, or clear it to publish now.",
        });
      }
    });
}

function ratingMessage(input: ScaleInput | undefined): string {
  if (!input) return "";
  return input.step === 1
    ? `A rating is a whole number from 0 to ${input.max}.`
    : `A rating goes from 0 to ${input.max} in steps of ${input.step}.`;
}

function isRealDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
}

/** A datetime-local value ("2026-12-01T20:00"), read as UTC: the site's time zone. */
export function parseUtcLocal(s: string): Date | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(s)) return undefined;
  const d = new Date(`${s}Z`);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

export function validateEditor(
  values: EditorValues,
  scale: RatingScale,
  intent: Intent,
  now = new Date(),
): { ok: true; input: ReviewEditorInput } | { ok: false; errors: EditorErrors } {
  const parsed = editorSchema(scale, intent, now).safeParse(values);
  if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error) };
  const v = parsed.data;
  const input = scaleInput(scale);
  return {
    ok: true,
    input: {
      film: v.newFilmTitle
        ? {
            title: v.newFilmTitle,
            year: v.newFilmYear ? Number(v.newFilmYear) : null,
            credits: creditsFrom(v),
          }
        : { id: Number(v.filmId) },
      body: v.body,
      tags: splitList(v.tags),
      rating: !input ? undefined : v.rating === "" ? null : (Number(v.rating) * 100) / input.max,
      watchedOn: v.watchedOn || null,
      isRewatch: v.isRewatch,
      hasSpoilers: v.hasSpoilers,
      publishAt: v.publishAt ? parseUtcLocal(v.publishAt)!.toISOString() : null,
      series: v.seriesId ? { id: Number(v.seriesId), placement: v.seriesPlacement } : null,
      followSeries: v.followSeries,
    },
  };
}

function creditsFrom(v: {
  newFilmDirectors: string;
  newFilmWriters: string;
  newFilmCinematography: string;
  newFilmMusic: string;
  newFilmCast: string;
}): CreditInput[] {
  const list = (s: string, role: CreditRole): CreditInput[] =>
    splitList(s).map((name) => ({ role, name }));
  return [
    ...list(v.newFilmDirectors, "director"),
    ...list(v.newFilmWriters, "writer"),
    ...list(v.newFilmCinematography, "cinematography"),
    ...list(v.newFilmMusic, "music"),
    ...parseCast(v.newFilmCast),
  ];
}

/** "Nicolas Cage as Ben Sanderson", one a line; a line without " as " names only the actor. */
function parseCast(s: string): CreditInput[] {
  return s
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const at = line.toLowerCase().indexOf(" as ");
      if (at < 0) return { role: "cast" as const, name: line };
      const name = line.slice(0, at).trim();
      const character = line.slice(at + 4).trim();
      return { role: "cast" as const, name: name || line, character: character || null };
    });
}

export function splitList(s: string): string[] {
  return s
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);
}

/** An autosave's fields back into the editor; anything missing or malformed stays empty. */
export function valuesFromAutosave(fields: Record<string, string | boolean>): EditorValues {
  const values: EditorValues = { ...emptyEditorValues };
  for (const key of Object.keys(emptyEditorValues) as EditorField[]) {
    const value = fields[key];
    if (typeof value !== typeof emptyEditorValues[key]) continue;
    (values as unknown as Record<string, string | boolean>)[key] = value!;
  }
  return values;
}
