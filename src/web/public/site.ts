// Per-request site information for the layout, from the settings.
import { loadSettings, type SiteSettings } from "../../domain/settings.ts";
import { stylesheet } from "../assets/assets.ts";
import type { SiteInfo } from "../views/layout.tsx";
import type { Services } from "../services.ts";

export async function siteContext(
  services: Services,
): Promise<{ site: SiteInfo; settings: SiteSettings }> {
  const settings = await loadSettings(services.db);
  return {
    settings,
    site: {
      title: settings.siteTitle,
      description: settings.siteDescription,
      url: services.config.siteUrl,
      stylesheet: stylesheet.href,
    },
  };
}
