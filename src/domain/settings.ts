// Site settings: a few named values, with defaults for a new site.
import { z } from "zod";
import { ratingScales } from "../content/rating.ts";
import type { Db } from "../db/connect.ts";
import { recordChange } from "./changes.ts";
import { federationSettings } from "./federation/federation-settings.ts";
import { commentSettings, rememberGravatarChoice } from "./moderation/comment-settings.ts";
import { statsSettings } from "./stats/stats-settings.ts";

const settingsSchema = z.object({
  siteTitle: z.string().min(1).default("Cinelog"),
  siteDescription: z.string().default("A film journal."),
  ratingScale: z.enum(ratingScales).default("stars5"),
  /** How many reviews a listing shows per page; 10, as WordPress does. */
  reviewsPerPage: z.coerce.number().int().min(1).max(100).default(10),
  ...commentSettings,
  ...statsSettings,
  ...federationSettings,
});

export type SiteSettings = z.infer<typeof settingsSchema>;

export async function loadSettings(db: Db): Promise<SiteSettings> {
  const rows = await db.kysely.selectFrom("settings").selectAll().execute();
  const raw: Record<string, string> = {};
  for (const r of rows) raw[r.key] = r.value;
  // A bad stored value falls back to its default rather than taking the site down.
  const parsed = settingsSchema.safeParse(raw);
  const settings = parsed.success ? parsed.data : settingsSchema.parse({});
  rememberGravatarChoice(db, settings.showGravatar);
  return settings;
}

export async function saveSetting<K extends keyof SiteSettings>(
  db: Db,
  key: K,
  value: SiteSettings[K],
): Promise<void> {
  const text = String(value);
  await db.kysely
    .insertInto("settings")
    .values({ key, value: text })
    .onConflict((oc) => oc.column("key").doUpdateSet({ value: text }))
    .execute();
  await recordChange(db, ["site"]);
}
