// The site's own facts every page shows (title, description, footer pages, whether ratings and
// statistics are on) and the settings they come from. A middleware reads them once per request,
// after the page cache had its chance to answer, and hands them to every handler as
// `c.get("site")` and `c.get("settings")`; no handler reads them itself.
import type { Context, MiddlewareHandler } from "hono";
import { publicPageLinks } from "../domain/posts-public.ts";
import { loadSettings, type SiteSettings } from "../domain/settings.ts";
import { nowIso } from "../domain/time.ts";
import { siteWideRead } from "./cache/site-reads.ts";
import type { SiteInfo } from "./views/layout.tsx";
import type { Services } from "./services.ts";

interface SiteVariables {
  site: SiteInfo;
  settings: SiteSettings;
}

// Hono's typed map of what middleware sets on every request's context: `c.get("site")` and
// `c.var.settings` are typed in every handler, public and admin alike.
declare module "hono" {
  interface ContextVariableMap {
    site: SiteInfo;
    settings: SiteSettings;
  }
}

async function readSiteContext(services: Services): Promise<SiteVariables> {
  // Kept in memory for a second (src/web/cache/site-reads.ts), and dropped at once when this
  // process changes the site, so a settings change shows on the next request.
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
      hasRatings: settings.ratingScale !== "none",
      hasStats: settings.statsEnabled,
      pages,
    },
  };
}

/** Sets `site` and `settings` for the rest of the request. */
export function siteContextMiddleware(services: Services): MiddlewareHandler {
  return async (c, next) => {
    const { site, settings } = await readSiteContext(services);
    c.set("site", site);
    c.set("settings", settings);
    await next();
  };
}

/**
 * The site context of a request that may not have passed the middleware: the not-found and
 * error pages also answer requests that ended before it (an asset, a body the client broke).
 */
export async function siteContextOf(c: Context, services: Services): Promise<SiteVariables> {
  const site = c.get("site") as SiteInfo | undefined;
  const settings = c.get("settings") as SiteSettings | undefined;
  return site && settings ? { site, settings } : readSiteContext(services);
}
