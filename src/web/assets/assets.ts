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

/**
 * One asset from one file, or from several concatenated in order: the stylesheets are kept in
 * parts by page family for the people who edit them, and served as one file (one request,
 * one compression dictionary) to the people who read.
 */
function hashedAsset(
  files: string | string[],
  name: string,
  extension: string,
  contentType: string,
): Asset {
  const source = Buffer.concat(
    [files].flat().map((file) => fs.readFileSync(new URL(file, import.meta.url))),
  );
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

export const stylesheet = hashedAsset(
  ["./style.css", "./style-listings.css", "./style-comments.css", "./style-stats.css"],
  "style",
  "css",
  "text/css; charset=utf-8",
);

export const adminStylesheet = hashedAsset(
  ["./admin.css", "./admin-editors.css"],
  "admin",
  "css",
  "text/css; charset=utf-8",
);

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
    stylesheet,
    adminStylesheet,
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
