// The stylesheet, read and compressed once, served with a content hash in its URL so
// browsers may cache it forever.
import { createHash } from "node:crypto";
import fs from "node:fs";
import { brotliCompressSync, gzipSync } from "node:zlib";

const css = fs.readFileSync(new URL("./style.css", import.meta.url));
const version = createHash("sha256").update(css).digest("hex").slice(0, 12);

export const stylesheet = {
  href: `/assets/style.${version}.css`,
  path: `/assets/style.${version}.css`,
  identity: css,
  gzip: gzipSync(css, { level: 9 }),
  brotli: brotliCompressSync(css),
};

function hashedScript(file: string, name: string) {
  const source = fs.readFileSync(new URL(file, import.meta.url));
  const hash = createHash("sha256").update(source).digest("hex").slice(0, 12);
  return {
    path: `/assets/${name}.${hash}.js`,
    identity: source,
    gzip: gzipSync(source, { level: 9 }),
    brotli: brotliCompressSync(source),
  };
}

/** Moves the comment form under the comment being replied to (the page works without it). */
export const commentReplyScript = hashedScript("./comment-reply.js", "comment-reply");
