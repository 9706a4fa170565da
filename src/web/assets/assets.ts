// Static assets (stylesheets, the little script there is): read and compressed once, served
// under a content hash so browsers may keep them for a year.
import { createHash } from "node:crypto";
import fs from "node:fs";
import type { Hono } from "hono";
import { brotliCompressSync, gzipSync } from "node:zlib";
import { pickEncoding } from "../cache/encoding.ts";
import { publicFile } from "../route-facts.ts";

interface Asset {
  href: string;
  path: string;
  contentType: string;
  identity: Buffer;
  gzip: Buffer;
  brotli: Buffer;
}

/** One asset from one file, under a hash of its bytes. */
function hashedAsset(file: string, name: string, extension: string, contentType: string): Asset {
  const source = fs.readFileSync(new URL(file, import.meta.url));
  const hash = createHash("sha256").update(source).digest("hex").slice(0, 12);
  const path = `/assets/${name}.${hash}.${extension}`;
  return {
    href: path,
    path,
    contentType,
    identity: source,
    gzip: gzipSync(source, { level: 9 }),
    brotli: brotliCompressSync(source),
  };
}

const css = "text/css; charset=utf-8";

/**
 * The stylesheets, one file per page family, each page linking the base sheet and only the
 * families it shows (a first visit to a review downloads no stats or admin rules). They are
 * linked in this order, the order they were written in as one sheet, so the cascade is the same.
 * A first visit's CSS, gzipped, one sheet per side before → base + families after: a listing
 * 4,672 → 3,580 bytes, a review 4,672 → 3,554, stats 4,672 → 2,981, an admin list 7,811 → 3,827,
 * an admin editor 7,811 → 5,594; a reader who then opens a page of another family fetches that
 * sheet then (the table and its price: ARCHITECTURE.md, "Stylesheets by page family").
 */
export const stylesheets = {
  /** Every public page: the page, the header and footer, the review's text, print. */
  base: hashedAsset("./style.css", "style", "css", css),
  /** Cards, rows, index pages, ratings, search, pagination. */
  listings: hashedAsset("./style-listings.css", "style-listings", "css", css),
  /** Comment threads, the reply form, commenter sign-in, form controls. */
  comments: hashedAsset("./style-comments.css", "style-comments", "css", css),
  /** The stats pages' charts. */
  stats: hashedAsset("./style-stats.css", "style-stats", "css", css),
  /** Every admin page: layout, lists, the moderation queue, accounts. */
  admin: hashedAsset("./admin.css", "admin", "css", css),
  /** The admin's editing screens: stills, series queue, settings, review editor, imports. */
  adminEditors: hashedAsset("./admin-editors.css", "admin-editors", "css", css),
} as const;

/** The sheets a public page may add to the base one. */
export type PageFamily = "listings" | "comments" | "stats";
const familyOrder: readonly PageFamily[] = ["listings", "comments", "stats"];

/** The sheets a public page of these families links, in cascade order. */
export function publicStylesheets(families: readonly PageFamily[]): string[] {
  return [
    stylesheets.base.href,
    ...familyOrder.filter((f) => families.includes(f)).map((f) => stylesheets[f].href),
  ];
}

/** The sheets an admin page may add to the base and admin ones. */
export type AdminFamily = "comments" | "editors";

/** The sheets an admin page links, in cascade order (the site's before the admin's). */
export function adminStylesheets(families: readonly AdminFamily[]): string[] {
  return [
    stylesheets.base.href,
    ...(families.includes("comments") ? [stylesheets.comments.href] : []),
    stylesheets.admin.href,
    ...(families.includes("editors") ? [stylesheets.adminEditors.href] : []),
  ];
}

/** Moves the comment form under the comment being replied to (the page works without it). */
export const commentReplyScript = hashedAsset(
  "./comment-reply.js",
  "comment-reply",
  "js",
  "text/javascript; charset=utf-8",
);

/** Passkey sign-in and registration (hidden from browsers without JavaScript or WebAuthn). */
export const passkeysScript = hashedAsset(
  "./passkeys.js",
  "passkeys",
  "js",
  "text/javascript; charset=utf-8",
);

/** Drag and drop, by mouse and keyboard, for a series queue (Move up/down work without it). */
export const seriesQueueScript = hashedAsset(
  "./series-queue.js",
  "series-queue",
  "js",
  "text/javascript; charset=utf-8",
);

/** Stills page: a drop zone uploading each file with progress, drag-and-drop ordering. */
export const stillUploadScript = hashedAsset(
  "./still-upload.js",
  "still-upload",
  "js",
  "text/javascript; charset=utf-8",
);

/** Review editor: live preview, autosave, the copy kept on the device (works without it). */
export const reviewEditorScript = hashedAsset(
  "./review-editor.js",
  "review-editor",
  "js",
  "text/javascript; charset=utf-8",
);

/** Review editor: type-ahead over the films on record (works without it). */
export const filmPickerScript = hashedAsset(
  "./film-picker.js",
  "film-picker",
  "js",
  "text/javascript; charset=utf-8",
);

/** An import's page: the progress bar follows the import without reloading (works without it). */
export const importProgressScript = hashedAsset(
  "./import-progress.js",
  "import-progress",
  "js",
  "text/javascript; charset=utf-8",
);

/** The site's icon, drawn for the project (a strip of film with one frame lit). */
export const favicon = hashedAsset("./favicon.svg", "favicon", "svg", "image/svg+xml");

export function registerAssetRoutes(app: Hono): void {
  // Browsers, feed readers and crawlers ask for /favicon.ico whatever a page says: send them on
  // to the icon rather than answer 404 (and log one) on every first visit.
  app.get("/favicon.ico", publicFile(), (c) => c.redirect(favicon.path, 301));
  for (const asset of [
    favicon,
    reviewEditorScript,
    filmPickerScript,
    stillUploadScript,
    ...Object.values(stylesheets),
    commentReplyScript,
    passkeysScript,
    seriesQueueScript,
    importProgressScript,
  ]) {
    app.get(asset.path, publicFile(), (c) => {
      const encoding = pickEncoding(c.req.header("accept-encoding"));
      c.header("Content-Type", asset.contentType);
      c.header("Cache-Control", "public, max-age=31536000, immutable");
      c.header("Vary", "Accept-Encoding");
      if (encoding) c.header("Content-Encoding", encoding);
      const body =
        encoding === "br" ? asset.brotli : encoding === "gzip" ? asset.gzip : asset.identity;
      return c.body(new Uint8Array(body));
    });
  }
}
