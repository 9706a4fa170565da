// What a Cinelog WXR export carries beyond what WordPress itself reads, as post meta
// (WordPress keeps post meta it does not know, so it survives a trip through WordPress too):
// on each review, the film as a record and the review's own fields; on each still, its place;
// on one draft page per series, the series with its order and its entries, reviewed or not.
// Both the exporter
// (src/exporters/wxr) and the importer (cinelog-meta.ts) read these shapes from here.
import { z } from "zod";

export const reviewMetaKey = "_cinelog_review";
export const seriesMetaKey = "_cinelog_series";
/** On a post or page that is not a review, even if its title reads "Something (2001)". */
export const plainPostMetaKey = "_cinelog_post";
/** On each still's attachment: its place among the review's stills (0 is the lead). */
export const stillMetaKey = "_cinelog_still_position";

const creditSchema = z.object({
  role: z.enum(["director", "writer", "cast", "cinematography", "music"]),
  name: z.string().min(1),
  character: z.string().nullable().default(null),
});

const filmMetaSchema = z.object({
  title: z.string().min(1),
  year: z.number().int().nullable(),
  originalTitle: z.string().nullable().default(null),
  runtimeMinutes: z.number().int().nullable().default(null),
  countries: z.array(z.string()).default([]),
  imdbId: z.string().nullable().default(null),
  tmdbId: z.string().nullable().default(null),
  wikidataId: z.string().nullable().default(null),
  letterboxdSlug: z.string().nullable().default(null),
  credits: z.array(creditSchema).default([]),
});

export const reviewMetaSchema = z.object({
  version: z.literal(1),
  film: filmMetaSchema,
  /** The review's own Markdown: the HTML in `content:encoded` is for WordPress. */
  markdown: z.string(),
  rating: z.number().min(0).max(100).nullable().default(null),
  watchedOn: z.string().nullable().default(null),
  isRewatch: z.boolean().default(false),
  hasSpoilers: z.boolean().default(false),
  /** The review's own Up Next list, in order; empty when it follows its series. */
  upNext: z.array(filmMetaSchema).max(100).default([]),
});

export const seriesMetaSchema = z.object({
  version: z.literal(1),
  slug: z.string(),
  title: z.string().min(1),
  description: z.string().default(""),
  entries: z.array(
    z.object({
      film: filmMetaSchema,
      /** The `wp:post_id` of the review that covers this entry, if one does. */
      review: z.string().nullable().default(null),
    }),
  ),
});

export type FilmMeta = z.infer<typeof filmMetaSchema>;
export type ReviewMeta = z.infer<typeof reviewMetaSchema>;
export type SeriesMeta = z.infer<typeof seriesMetaSchema>;

/** Reads one of these from post meta; undefined when absent or not readable. */
export function parseMeta<T>(schema: z.ZodType<T>, text: string | undefined): T | undefined {
  if (!text) return undefined;
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
