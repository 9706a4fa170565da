// `cinelog export static DIR`: the public site as plain files. Every page, feed and file is
// asked of the real app in-process (`app.request`), so the copy is what readers of the live
// site get, not a second rendering of it. Which addresses to ask for comes from the domain
// (seed-paths.ts); the links in what comes back are followed too, which finds later pages of
// lists and every still and stylesheet a page uses, and nothing a page does not link to —
// so a draft's still stays out. Each answer is written as soon as it arrives; media and
// assets are streamed to disk.
import fs from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import type { Hono } from "hono";
import { nowIso } from "../../domain/time.ts";
import { createApp } from "../../web/app.tsx";
import { PageCacheLayer } from "../../web/cache/cache-middleware.ts";
import { declaredFactsAt } from "../../web/route-facts.ts";
import type { Services } from "../../web/services.ts";
import { notFoundFile, outputFile, UnsafePathError } from "./file-paths.ts";
import { linksInHtml, linksInText, sitePath } from "./found-links.ts";
import { StaticExportSummary, type FileKind } from "./export-summary.ts";
import { redirectPage } from "./redirect-page.ts";
import { seedPaths } from "./seed-paths.ts";
import { rewriteForStaticCopy } from "./static-rewrites.ts";
import { prepareTargetDir } from "./target-dir.ts";

export interface StaticExportProgress {
  /** Addresses handled so far, out of those known so far (the total grows as links are found). */
  done: number;
  total: number;
}

interface StaticExportOptions {
  dir: string;
  /** Empty a folder that has something in it (refused otherwise). */
  force?: boolean;
  /** A running Cinelog that still takes comments and searches (see static-rewrites.ts). */
  liveUrl?: string | undefined;
  onProgress?: (progress: StaticExportProgress) => void;
}

// Pages render in a few milliseconds each; a handful at once keeps both cores busy
// without holding many pages in memory.
const concurrency = 4;

const feedTypes = ["application/rss+xml", "application/atom+xml", "application/feed+json"];

export async function exportStaticSite(
  services: Services,
  options: StaticExportOptions,
): Promise<{ dir: string; summary: StaticExportSummary }> {
  const { config } = services;
  const dir = await prepareTargetDir(options.dir, {
    force: options.force ?? false,
    protect: [config.dataDir, config.mediaDir],
  });
  // No page cache: every page is rendered once, and a cache would only hold on to them.
  const app = createApp(services, new PageCacheLayer(services.db, { enabled: false }));
  const summary = new StaticExportSummary();
  const seeds = await seedPaths(services.db, nowIso());

  const linkedFrom = new Map<string, string | undefined>();
  // Addresses that may rightly be missing: the page after a list's last, and the page an old
  // address leads to when that page is no longer public.
  const quiet = new Set<string>();
  const pagedBases = new Set(seeds.pagedBases);
  const written = new Set<string>();
  const redirects: { from: string; to: string }[] = [];
  let queue: string[] = [];
  let done = 0;

  const enqueue = (paths: string[], from: string | undefined) => {
    for (const p of paths) {
      if (linkedFrom.has(p)) continue;
      linkedFrom.set(p, from);
      queue.push(p);
    }
  };
  const report = () => options.onProgress?.({ done, total: linkedFrom.size });

  const write = async (file: string, kind: FileKind, body: string | Buffer) => {
    await fs.promises.mkdir(path.dirname(file), { recursive: true });
    await fs.promises.writeFile(file, body);
    summary.wrote(kind, Buffer.byteLength(body));
  };

  const safeOutputFile = (sitePathToWrite: string, page: boolean) => {
    try {
      return outputFile(dir, sitePathToWrite, page);
    } catch (error) {
      if (error instanceof UnsafePathError) return undefined;
      throw error;
    }
  };

  const handle = async (sitePathToGet: string) => {
    const from = linkedFrom.get(sitePathToGet);
    if (onlyLive(app, sitePathToGet)) {
      summary.missed.push({ path: sitePathToGet, why: "needs a live server", linkedFrom: from });
      return;
    }
    const response = await app.request(sitePathToGet);
    const type = response.headers.get("content-type") ?? "";
    if (response.status >= 300 && response.status < 400) {
      await response.body?.cancel();
      const to = sitePath(response.headers.get("location") ?? "", config.siteUrl);
      if (to) {
        redirects.push({ from: sitePathToGet, to });
        if (!linkedFrom.has(to)) quiet.add(to);
        enqueue([to], sitePathToGet);
      }
      return;
    }
    if (response.status !== 200) {
      await response.body?.cancel();
      if (!quiet.has(sitePathToGet)) {
        summary.missed.push({
          path: sitePathToGet,
          why: `the site answers ${response.status}`,
          linkedFrom: from,
        });
      }
      return;
    }
    const isPage = type.startsWith("text/html");
    const file = safeOutputFile(sitePathToGet, isPage);
    if (!file) {
      await response.body?.cancel();
      summary.missed.push({ path: sitePathToGet, why: "no safe file name", linkedFrom: from });
      return;
    }
    if (isPage) {
      const html = rewriteForStaticCopy(sitePathToGet, await response.text(), options);
      await write(file, "page", html);
      enqueue(linksInHtml(html, config.siteUrl), sitePathToGet);
      const next = nextPageOf(sitePathToGet, pagedBases);
      if (next) {
        if (!linkedFrom.has(next)) quiet.add(next);
        enqueue([next], undefined);
      }
    } else if (sitePathToGet.startsWith("/media/") || sitePathToGet.startsWith("/assets/")) {
      await fs.promises.mkdir(path.dirname(file), { recursive: true });
      const body = response.body as WebReadableStream<Uint8Array> | null;
      if (body) await pipeline(Readable.fromWeb(body), fs.createWriteStream(file));
      else await fs.promises.writeFile(file, "");
      const kind = sitePathToGet.startsWith("/media/") ? "media" : "asset";
      summary.wrote(kind, (await fs.promises.stat(file)).size);
    } else {
      const text = await response.text();
      const kind = feedTypes.some((t) => type.startsWith(t)) ? "feed" : "other";
      await write(file, kind, text);
      enqueue(linksInText(text, config.siteUrl), sitePathToGet);
    }
    written.add(sitePathToGet);
  };

  // The 404 page first: a static host shows it for any address it does not have. (Its
  // canonical link names the address asked for, which is not a page to follow.)
  const missingPath = "/.cinelog-static-export-missing-page";
  const notFoundHtml = await (await app.request(missingPath)).text();
  await write(notFoundFile(dir), "other", notFoundHtml);
  enqueue(seeds.paths, undefined);
  const fromNotFound = linksInHtml(notFoundHtml, config.siteUrl);
  enqueue(
    fromNotFound.filter((p) => p !== missingPath),
    "/404.html",
  );
  for (const old of seeds.redirects) enqueue([encodeURI(old)], undefined);
  report();

  while (queue.length > 0) {
    const batch = queue;
    queue = [];
    await eachLimited(batch, concurrency, async (p) => {
      await handle(p);
      done += 1;
      report();
    });
  }

  for (const { from, to } of redirects) {
    if (!written.has(to)) {
      summary.redirectsLeftOut += 1;
      continue;
    }
    const file = safeOutputFile(from, true);
    if (file) await write(file, "redirect", redirectPage(to, config.siteUrl + to));
  }
  return { dir, summary };
}

/** `/archive/2026` -> `/archive/2026/page/2`, `/page/2` -> `/page/3`; else undefined. */
function nextPageOf(sitePathGot: string, bases: Set<string>): string | undefined {
  const paged = /^(.*?)\/page\/(\d+)$/.exec(sitePathGot);
  const base = paged ? paged[1] || "/" : sitePathGot;
  if (!bases.has(base)) return undefined;
  const n = paged ? Number(paged[2]) + 1 : 2;
  return `${base === "/" ? "" : base}/page/${n}`;
}

async function eachLimited<T>(items: T[], limit: number, run: (item: T) => Promise<void>) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await run(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/**
 * An address only a live server can answer, were a page ever to link to one: its route says
 * so (`staticExport: false`), for reading it or, like a comment form's target, for sending to it.
 */
function onlyLive(app: Hono, sitePathToGet: string): boolean {
  const path = sitePathToGet.split("?")[0] ?? sitePathToGet;
  const facts = declaredFactsAt(app, "GET", path) ?? declaredFactsAt(app, "POST", path);
  return facts !== undefined && !facts.staticExport;
}
