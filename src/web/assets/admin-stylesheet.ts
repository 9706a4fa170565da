// The admin stylesheet, served like the site's (src/web/assets/assets.ts): read and
// compressed once, with a content hash in its URL so browsers may keep it forever.
import { createHash } from "node:crypto";
import fs from "node:fs";
import { brotliCompressSync, gzipSync } from "node:zlib";

const css = fs.readFileSync(new URL("./admin.css", import.meta.url));
const version = createHash("sha256").update(css).digest("hex").slice(0, 12);

export const adminStylesheet = {
  href: `/assets/admin.${version}.css`,
  path: `/assets/admin.${version}.css`,
  identity: css,
  gzip: gzipSync(css, { level: 9 }),
  brotli: brotliCompressSync(css),
};
