// `exportStaticSite` over the fixture site, on both databases: a file for every public page,
// pages as the live app serves them (the comment form aside), every internal link and image
// resolving to a written file, feeds that parse and point at exported pages, media copied,
// old addresses as redirect pages, and a folder with something in it refused.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseHTML } from "linkedom";
import pino from "pino";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig, type Config } from "../../src/config.ts";
import { createComment } from "../../src/domain/comments.ts";
import { addRedirects } from "../../src/domain/redirects.ts";
import {
  exportStaticSite,
  type StaticExportProgress,
} from "../../src/exporters/static-site/export-static-site.ts";
import type { StaticExportSummary } from "../../src/exporters/static-site/export-summary.ts";
import { TargetDirError } from "../../src/exporters/static-site/target-dir.ts";
import { appFor } from "../support/app.ts";
import { dialects, openTestDb, type TestDb } from "../support/databases.ts";
import { buildFixture } from "../support/fixture.ts";
import { extensions, formats, readFeed } from "../feeds/read-feed.ts";
import { fileFor, filesIn, staticHostApp } from "./static-site-host.ts";

const site = "http://127.0.0.1:4000";
// An export renders the whole site; on a busy machine that takes a while.
const exportTimeout = 180_000;

/** Root-relative or same-site references in a page, as paths without query or fragment. */
function internalRefs(html: string): string[] {
  const { document } = parseHTML(html);
  const refs: string[] = [];
  for (const el of document.querySelectorAll("[href]")) refs.push(el.getAttribute("href") ?? "");
  for (const el of document.querySelectorAll("[src]")) refs.push(el.getAttribute("src") ?? "");
  for (const el of document.querySelectorAll("form[action]")) {
    refs.push(el.getAttribute("action") ?? "");
  }
  for (const el of document.querySelectorAll("[srcset]")) {
    for (const part of (el.getAttribute("srcset") ?? "").split(",")) {
      refs.push(part.trim().split(/\s+/)[0] ?? "");
    }
  }
  for (const el of document.querySelectorAll("meta[content]")) {
    const content = el.getAttribute("content") ?? "";
    if (content.startsWith(site)) refs.push(content);
  }
  return refs
    .map((ref) => (ref.startsWith(site) ? ref.slice(site.length) || "/" : ref))
    .filter((ref) => ref.startsWith("/") && !ref.startsWith("//"))
    .map((ref) => ref.replace(/[?#].*$/, "") || "/");
}

/** The parts of a review page a static copy may differ in, taken out of the document. */
function withoutCommentForm(html: string): string {
  const { document } = parseHTML(html);
  const drop = "#respond, p.reply, script[src*='comment-reply']";
  for (const el of document.querySelectorAll(drop)) el.remove();
  return document.documentElement.outerHTML;
}

describe.each(dialects)("static site export on %s", (dialect) => {
  let db: TestDb;
  let config: Config;
  let f: Awaited<ReturnType<typeof buildFixture>>;
  let dir: string;
  let summary: StaticExportSummary;
  let stillBytes: Buffer;
  const progress: StaticExportProgress[] = [];

  const written = (p: string) => fs.existsSync(path.join(dir, p));
  const exported = (p: string) => fs.readFileSync(path.join(dir, p), "utf8");

  beforeAll(async () => {
    db = await openTestDb(dialect);
    config = {
      ...loadConfig({ HOST: "127.0.0.1", PORT: "4000", CINELOG_DATA_DIR: db.mediaDir }),
      mediaDir: db.mediaDir,
      dataDir: path.dirname(db.mediaDir),
    };
    f = await buildFixture(db);
    // The fixture's lead still, as a real image on disk.
    stillBytes = await sharp({
      create: { width: 160, height: 90, channels: 3, background: "#c05020" },
    })
      .jpeg()
      .toBuffer();
    fs.mkdirSync(path.join(db.mediaDir, "stills"), { recursive: true });
    fs.writeFileSync(path.join(db.mediaDir, "stills/vegas.jpg"), stillBytes);
    // A still nobody can see: it belongs to the draft and must stay out of the copy.
    fs.writeFileSync(path.join(db.mediaDir, "stills/draft-only.jpg"), stillBytes);
    await createComment(db, {
      reviewId: f.reviews.vegasReview.id,
      name: "Reader One",
      email: "one@example.com",
      body: "The *motel* scenes stay with you.",
      status: "approved",
    });
    await addRedirects(db, ["/2026/01/leaving-las-vegas"], `/review/${f.reviews.vegasReview.slug}`);
    await addRedirects(db, ["/2025/12/house-of-games"], `/review/${f.reviews.draft.slug}`);

    dir = fs.mkdtempSync(path.join(os.tmpdir(), "cinelog-static-"));
    ({ summary } = await exportStaticSite(
      { db, config, logger: pino({ level: "silent" }) },
      { dir, onProgress: (p) => progress.push(p) },
    ));
  }, exportTimeout);
  afterAll(async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    await db.dispose();
  });

  it("writes every public review, film, person, series and tag, and nothing unpublished", () => {
    const r = f.reviews;
    for (const review of [
      r.vegasReview,
      r.bobReview,
      r.singinReview,
      r.bobRewatch,
      r.hostileReview,
    ]) {
      expect(written(`review/${review.slug}/index.html`), review.slug).toBe(true);
      expect(written(`review/${review.slug}/comments/feed.xml`), review.slug).toBe(true);
    }
    for (const film of [f.films.vegas, f.films.bob, f.films.singin, f.films.hostile]) {
      expect(written(`film/${film.slug}/index.html`), film.slug).toBe(true);
    }
    for (const person of ["mike-figgis", "nicolas-cage", "jean-pierre-melville", "gene-kelly"]) {
      expect(written(`person/${person}/index.html`), person).toBe(true);
      for (const format of formats) {
        expect(written(`person/${person}/feed.${extensions[format]}`)).toBe(true);
      }
    }
    expect(written(`series/${f.series.slug}/index.html`)).toBe(true);
    expect(written(`series/${f.series.slug}/feed.atom`)).toBe(true);
    for (const page of [
      "index.html",
      "series/index.html",
      "tag/neo-noir/index.html",
      "tag/las-vegas/feed.json",
      "archive/index.html",
      "archive/2026/index.html",
      "archive/2026/01/index.html",
      "directors/index.html",
      "years/index.html",
      "years/1995/index.html",
      "decades/1950s/index.html",
      "ratings/index.html",
      "ratings/90/index.html",
      "ratings/unrated/index.html",
      "tags/index.html",
      "search/index.html",
      "feed.xml",
      "feed.atom",
      "feed.json",
      "comments/feed.xml",
      "sitemap.xml",
      "robots.txt",
      "404.html",
    ]) {
      expect(written(page), page).toBe(true);
    }
    // Drafts, scheduled reviews, films only they review, and the admin are not in the copy.
    expect(written(`review/${r.draft.slug}`)).toBe(false);
    expect(written(`review/${r.future.slug}`)).toBe(false);
    expect(written(`film/${f.films.games.slug}`)).toBe(false);
    expect(written(`film/${f.films.amelie.slug}`)).toBe(false);
    expect(written("admin")).toBe(false);
    expect(written("media/stills/draft-only.jpg")).toBe(false);
    for (const file of filesIn(dir).filter((p) => !p.startsWith("media/"))) {
      const text = exported(file);
      expect(text, file).not.toContain(r.draft.slug);
      expect(text, file).not.toContain(r.future.slug);
    }
    expect(summary.missed).toEqual([]);
    const indexFiles = filesIn(dir).filter((p) => path.basename(p) === "index.html");
    expect(summary.files.page + summary.files.redirect).toBe(indexFiles.length);
  });

  it("reports progress until everything it found is done", () => {
    expect(progress.length).toBeGreaterThan(50);
    const last = progress.at(-1);
    expect(last?.done).toBe(last?.total);
    for (const [i, p] of progress.entries()) {
      expect(p.done).toBeLessThanOrEqual(p.total);
      if (i > 0) expect(p.done).toBeGreaterThanOrEqual(progress[i - 1]?.done ?? 0);
    }
    // Every address it knew of was asked for: written, or a list's end, or a redirect.
    expect(last?.total).toBeGreaterThanOrEqual(summary.fileCount - 1);
  });

  it("writes pages as the live app serves them, the comment form aside", async () => {
    const app = appFor(db);
    for (const page of [
      `/film/${f.films.vegas.slug}`,
      "/",
      `/series/${f.series.slug}`,
      "/archive",
    ]) {
      const live = await (await app.request(page)).text();
      expect(exported(`${page.slice(1)}/index.html`.replace(/^\//, ""))).toBe(live);
    }

    const slug = f.reviews.vegasReview.slug;
    const live = await (await app.request(`/review/${slug}`)).text();
    const copy = exported(`review/${slug}/index.html`);
    expect(live).toContain('<form id="commentform"');
    expect(live).toContain("replytocom=");
    // Outside the form, its script and the Reply links, the page is the same.
    const { document } = parseHTML(copy);
    expect(document.querySelector("form")).toBeNull();
    expect(copy).not.toContain("replytocom=");
    expect(document.querySelector("#respond")?.textContent).toBe(
      "This is a static copy of the site: it takes no new comments.",
    );
    // The head's Webmention link goes too: a static host cannot take mentions.
    const webmentionLink = /<link rel="webmention" href="[^"]*"\/?>/;
    expect(live).toMatch(webmentionLink);
    expect(withoutCommentForm(copy)).toBe(withoutCommentForm(live.replace(webmentionLink, "")));
    // The published comment is kept.
    expect(document.querySelector(".comment-content")?.innerHTML).toContain("<em>motel</em>");
  });

  it("names no Webmention endpoint, which a static host cannot be", () => {
    const pages = filesIn(dir).filter((p) => p.endsWith(".html"));
    expect(pages.length).toBeGreaterThan(30);
    for (const page of pages) expect(exported(page), page).not.toContain('rel="webmention"');
    expect(fileFor(dir, "/webmention")).toBeUndefined();
  });

  it("resolves every internal link, image and script of every page to a written file", () => {
    const pages = filesIn(dir).filter((p) => p.endsWith(".html"));
    expect(pages.length).toBeGreaterThan(30);
    let checked = 0;
    for (const page of pages) {
      for (const ref of internalRefs(exported(page))) {
        // The 404 page's canonical link names whatever was asked for; nothing to resolve.
        if (page === "404.html" && ref.startsWith("/.cinelog")) continue;
        expect(fileFor(dir, ref), `${ref} in ${page}`).toBeDefined();
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(500);
  });

  it("writes feeds that parse and point at exported pages", async () => {
    const host = staticHostApp(dir);
    const feeds = [
      "/feed",
      `/series/${f.series.slug}/feed`,
      "/person/mike-figgis/feed",
      "/tag/neo-noir/feed",
    ];
    for (const base of feeds) {
      for (const format of formats) {
        const feed = await readFeed(host, `${base}.${extensions[format]}`, format);
        expect(feed.items.length, base).toBeGreaterThan(0);
        for (const item of feed.items) {
          expect(item.url?.startsWith(`${site}/review/`)).toBe(true);
          expect(fileFor(dir, (item.url ?? "").slice(site.length))).toBeDefined();
        }
      }
    }
    const site5 = await readFeed(host, "/feed.xml", "rss");
    expect(site5.items.map((i) => i.url)).toContain(`${site}/review/${f.reviews.vegasReview.slug}`);
    // The vegas review's enclosure is the copied still.
    const enclosures = site5.media.flat().map((m) => m.url);
    expect(enclosures).toContain(`${site}/media/stills/vegas.jpg`);

    const comments = await readFeed(
      host,
      `/review/${f.reviews.vegasReview.slug}/comments/feed.xml`,
      "rss",
    );
    expect(comments.items).toHaveLength(1);
    const link = (comments.items[0]?.url ?? "").slice(site.length).replace(/#.*$/, "");
    expect(fileFor(dir, link)).toBeDefined();

    const sitemap = exported("sitemap.xml");
    const locs = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1] ?? "");
    expect(locs.length).toBeGreaterThan(15);
    for (const loc of locs) expect(fileFor(dir, loc.slice(site.length)), loc).toBeDefined();
    expect(exported("robots.txt")).toContain(`Sitemap: ${site}/sitemap.xml`);
  });

  it("copies the media pages use, byte for byte, every stylesheet a page links and the icon", async () => {
    expect(fs.readFileSync(path.join(dir, "media/stills/vegas.jpg"))).toEqual(stillBytes);
    expect(summary.files.media).toBe(1);
    const assets = filesIn(dir)
      .filter((p) => p.startsWith("assets/"))
      .sort();
    // The sheets are split by page family: each exported page's are there, and no other.
    const linked = new Set<string>();
    for (const page of filesIn(dir).filter((p) => p.endsWith(".html"))) {
      for (const [, href] of exported(page).matchAll(/<link rel="stylesheet" href="([^"]+)"/g)) {
        expect(fileFor(dir, href!), `${page} links ${href}`).toBeDefined();
        linked.add(href!.replace(/^\//, ""));
      }
    }
    expect([...linked].sort().map((a) => a.replace(/\.[0-9a-f]{12}\./, "."))).toEqual([
      "assets/style-comments.css",
      "assets/style-listings.css",
      "assets/style-stats.css",
      "assets/style.css",
    ]);
    expect(assets.filter((a) => a.endsWith(".css"))).toEqual([...linked].sort());
    expect(assets.filter((a) => !a.endsWith(".css"))).toHaveLength(1);
    expect(assets.find((a) => !a.endsWith(".css"))).toMatch(/^assets\/favicon\.[0-9a-f]{12}\.svg$/);
    for (const asset of assets) {
      const live = await (await appFor(db).request(`/${asset}`)).text();
      expect(exported(asset), asset).toBe(live);
    }
  });

  it("turns old addresses into redirect pages, and leaves out those of unpublished pages", () => {
    const page = exported("2026/01/leaving-las-vegas/index.html");
    const target = `/review/${f.reviews.vegasReview.slug}`;
    expect(page).toContain(`<meta http-equiv="refresh" content="0; url=${target}">`);
    expect(page).toContain(`<link rel="canonical" href="${site}${target}">`);
    expect(written("2025/12/house-of-games")).toBe(false);
    expect(summary.files.redirect).toBe(1);
    expect(summary.redirectsLeftOut).toBe(1);
  });

  it(
    "says that search needs the live site, or searches there when one is named",
    async () => {
      const { document } = parseHTML(exported("search/index.html"));
      expect(document.querySelector("form")).toBeNull();
      expect(document.querySelector(".search-status")?.textContent).toMatch(
        /^This is a static copy of the site, and searching needs the live site\./,
      );

      const second = fs.mkdtempSync(path.join(os.tmpdir(), "cinelog-static-"));
      try {
        await exportStaticSite(
          { db, config, logger: pino({ level: "silent" }) },
          { dir: second, liveUrl: "https://live.example" },
        );
        const search = parseHTML(fs.readFileSync(path.join(second, "search/index.html"), "utf8"));
        expect(search.document.querySelector("form")?.getAttribute("action")).toBe(
          "https://live.example/search",
        );
        const slug = f.reviews.vegasReview.slug;
        const review = parseHTML(
          fs.readFileSync(path.join(second, `review/${slug}/index.html`), "utf8"),
        );
        expect(review.document.querySelector("#respond a")?.getAttribute("href")).toBe(
          `https://live.example/review/${slug}#respond`,
        );
      } finally {
        fs.rmSync(second, { recursive: true, force: true });
      }
    },
    exportTimeout,
  );

  it(
    "refuses a folder with something in it unless forced, and then empties it first",
    async () => {
      const target = fs.mkdtempSync(path.join(os.tmpdir(), "cinelog-static-"));
      const services = { db, config, logger: pino({ level: "silent" }) };
      try {
        fs.writeFileSync(path.join(target, "stale.html"), "old");
        await expect(exportStaticSite(services, { dir: target })).rejects.toThrow(
          /is not empty\. Choose an empty folder, or add --force/,
        );
        expect(fs.readdirSync(target)).toEqual(["stale.html"]);
        await exportStaticSite(services, { dir: target, force: true });
        expect(fs.existsSync(path.join(target, "stale.html"))).toBe(false);
        expect(fs.existsSync(path.join(target, "index.html"))).toBe(true);
      } finally {
        fs.rmSync(target, { recursive: true, force: true });
      }
      // The site's own data folder is never emptied.
      await expect(
        exportStaticSite(services, { dir: config.dataDir, force: true }),
      ).rejects.toBeInstanceOf(TargetDirError);
      expect(fs.existsSync(path.join(db.mediaDir, "stills/vegas.jpg"))).toBe(true);
    },
    exportTimeout,
  );
});
