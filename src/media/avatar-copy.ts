// A commenter's picture (a signed-in reader's, or a fediverse author's), copied once and served
// from this site: pages make no requests to other hosts (the site's promise, and its CSP). The download is bounded in
// size and time, kept off private addresses even when DNS changes its answer mid-way
// (src/net/safe-fetch.ts), and re-encoded with sharp, so only a small, clean WebP is ever kept. When it
// cannot be had, the form draws the site's own identicon instead.
import { createHash } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { safeFetch } from "../net/safe-fetch.ts";

const maxBytes = 2 * 1024 * 1024;
const timeoutMs = 5000;
const size = 96;
const maxRedirects = 3;
/**
 * Copies the picture at `source` and returns its path under the media directory, or "" when
 * there is none to be had.
 */
export async function copyAvatar(
  source: string,
  key: string,
  mediaDir: string,
  sourceIsLocal: boolean,
): Promise<string> {
  if (!source) return "";
  try {
    const bytes = await download(new URL(source), sourceIsLocal);
    // Loaded here, not at start: only a reader or a fediverse reply with a picture needs it.
    const { default: sharp } = await import("sharp");
    const webp = await sharp(bytes, { limitInputPixels: 4096 * 4096, failOn: "error" })
      .rotate()
      .resize(size, size, { fit: "cover" })
      .webp({ quality: 80 })
      .toBuffer();
    // Named for the account, so a new picture replaces the old one.
    const name = `${createHash("sha256").update(key).digest("hex").slice(0, 32)}.webp`;
    const relative = `commenter-avatars/${name}`;
    await mkdir(path.join(mediaDir, "commenter-avatars"), { recursive: true });
    await writeFile(path.join(mediaDir, relative), webp);
    return relative;
  } catch {
    return "";
  }
}

/**
 * The picture's bytes, through the DNS-aware guard (src/net/safe-fetch.ts): https only and no
 * private address, unless the source itself is on this machine (the tests' servers).
 */
async function download(start: URL, sourceIsLocal: boolean): Promise<Buffer> {
  const local = sourceIsLocal && isLoopbackHost(start);
  const response = await safeFetch(start, {
    maxBytes,
    timeoutMs,
    maxRedirects,
    httpsOnly: !local,
    allowLoopback: local,
  });
  if (response.status !== 200) throw new Error(`avatar answered ${response.status}`);
  return response.body;
}

function isLoopbackHost(url: URL): boolean {
  return url.hostname === "localhost" || url.hostname === "[::1]" || /^127\./.test(url.hostname);
}
