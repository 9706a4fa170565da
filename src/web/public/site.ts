// Per-request site information for the layout, from the settings.
import type { Db } from "../../db/connect.ts";
import { publicPageLinks, type PageLink } from "../../domain/posts-public.ts";
import { loadSettings, type SiteSettings } from "../../domain/settings.ts";
import { nowIso } from "../../domain/time.ts";
import { stylesheet } from "../assets/assets.ts";
import type { SiteInfo } from "../views/layout.tsx";
import type { Services } from "../services.ts";

// Settings are read on every page, and change rarely: keep them for a second, and drop
// them at once when this process changes them (another process's change shows within 1 s).
const settingsTtlMs = 1000;
const memo = new WeakMap<Db, { settings: Promise<SiteSettings>; at: number }>();
// The footer's pages, kept the same way: a page's change records "site" (src/domain/posts.ts).
const pagesMemo = new WeakMap<Db, { pages: Promise<PageLink[]>; at: number }>();
const watched = new WeakSet<Db>();

function currentSettings(db: Db): Promise<SiteSettings> {
  if (!watched.has(db)) {
    watched.add(db);
    db.changes.subscribe((tags) => {
      if (tags.includes("site")) {
        memo.delete(db);
        pagesMemo.delete(db);
      }
    });
  }
  let entry = memo.get(db);
  if (!entry || Date.now() - entry.at > settingsTtlMs) {
    entry = { settings: loadSettings(db), at: Date.now() };
    memo.set(db, entry);
    entry.settings.catch(() => memo.delete(db));
  }
  return entry.settings;
}

function currentPages(db: Db): Promise<PageLink[]> {
  let entry = pagesMemo.get(db);
  if (!entry || Date.now() - entry.at > settingsTtlMs) {
    entry = { pages: publicPageLinks(db, nowIso()), at: Date.now() };
    pagesMemo.set(db, entry);
    entry.pages.catch(() => pagesMemo.delete(db));
  }
  return entry.pages;
}

export async function siteContext(
  services: Services,
): Promise<{ site: SiteInfo; settings: SiteSettings }> {
  const settings = await currentSettings(services.db);
  const pages = await currentPages(services.db);
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
