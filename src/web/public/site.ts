// Per-request site information for the layout, from the settings.
import { publicPageLinks } from "../../domain/posts-public.ts";
import { loadSettings, type SiteSettings } from "../../domain/settings.ts";
import { nowIso } from "../../domain/time.ts";
import { stylesheet } from "../assets/assets.ts";
import { siteWideRead } from "../cache/site-reads.ts";
import type { SiteInfo } from "../views/layout.tsx";
import type { Services } from "../services.ts";

export async function siteContext(
  services: Services,
): Promise<{ site: SiteInfo; settings: SiteSettings }> {
  // Kept in memory for a second (src/web/cache/site-reads.ts): every page asks for them.
  const [settings, pages] = await Promise.all([
    siteWideRead(services.db, "settings", loadSettings),
    siteWideRead(services.db, "footer pages", (db) => publicPageLinks(db, nowIso())),
  ]);
  return {
    settings,
    site: {
      title: settings.siteTitle,
      description: settings.siteDescription,
      url: services.config.siteUrl,
      stylesheet: stylesheet.href,
      hasRatings: settings.ratingScale !== "none",
      hasStats: settings.statsEnabled,
      pages,
    },
  };
}
