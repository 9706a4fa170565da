// A signed-in reader's picture, copied once at sign-in and served from this site: pages make
// no requests to other hosts (the site's promise, and its CSP). The download is bounded in
// size and time and re-encoded with sharp, so only a small, clean WebP is ever kept. When it
// cannot be had, the form draws the site's own identicon instead.
import { createHash } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
import { isLoopback } from "./provider-client.ts";

const maxBytes = 2 * 1024 * 1024;
const timeoutMs = 5000;
const size = 96;
const maxRedirects = 3;

/** Plain-looking IP literals of private and local networks, which a provider's URL must not reach. */
const privateHost =
  /^(10\.|127\.|169\.254\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.|0\.|\[|localhost$)/i;

function allowed(url: URL, providerIsLocal: boolean): boolean {
  if (providerIsLocal && isLoopback(url))
    return url.protocol === "http:" || url.protocol === "https:";
  return url.protocol === "https:" && !privateHost.test(url.hostname);
}

/**
 * Copies the picture at `source` and returns its path under the media directory, or "" when
 * there is none to be had.
 */
export async function copyAvatar(
  source: string,
  key: string,
  mediaDir: string,
  providerIsLocal: boolean,
): Promise<string> {
  if (!source) return "";
  try {
    const bytes = await download(new URL(source), providerIsLocal);
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

async function download(start: URL, providerIsLocal: boolean): Promise<Buffer> {
  let url = start;
  const signal = AbortSignal.timeout(timeoutMs);
  for (let hop = 0; hop <= maxRedirects; hop++) {
    if (!allowed(url, providerIsLocal)) throw new Error("avatar address refused");
    const response = await fetch(url, { redirect: "manual", signal });
    if (response.status >= 300 && response.status < 400) {
      await response.body?.cancel();
      url = new URL(response.headers.get("location") ?? "", url);
      continue;
    }
    if (!response.ok || !response.body) throw new Error(`avatar answered ${response.status}`);
    const declared = Number(response.headers.get("content-length") ?? 0);
    if (declared > maxBytes) throw new Error("avatar too large");
    const chunks: Uint8Array[] = [];
    let total = 0;
    const reader: ReadableStreamDefaultReader<Uint8Array> = response.body.getReader();
    for (let read = await reader.read(); !read.done; read = await reader.read()) {
      total += read.value.byteLength;
      if (total > maxBytes) {
        await reader.cancel();
        throw new Error("avatar too large");
      }
      chunks.push(read.value);
    }
    return Buffer.concat(chunks);
  }
  throw new Error("too many redirects");
}
