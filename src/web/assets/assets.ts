// The stylesheet, read once and served with a content hash in its URL so browsers may
// cache it forever.
import { createHash } from "node:crypto";
import fs from "node:fs";

const css = fs.readFileSync(new URL("./style.css", import.meta.url), "utf8");
const version = createHash("sha256").update(css).digest("hex").slice(0, 12);

export const stylesheet = {
  css,
  href: `/assets/style.${version}.css`,
  path: `/assets/style.${version}.css`,
};
