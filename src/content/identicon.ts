// Local avatars: a symmetric 5×5 pattern drawn from a hash, as an SVG data: URI. Nothing is
// fetched from another host (unless the owner turns Gravatar on, below), so a reader's
// address never leaves the site.
import { createHash } from "node:crypto";

const cells = 5;
const cell = 8;

/**
 * Pictures already drawn, by hash: a long thread draws the same regulars again on every
 * uncached render. Bounded (oldest dropped first) so it cannot grow with the readership.
 */
const drawn = new Map<string, string>();
const drawnLimit = 2000;

/** `hash` is hex (at least 16 characters); the same hash always draws the same picture. */
export function identiconDataUri(hash: string): string {
  let uri = drawn.get(hash);
  if (uri === undefined) {
    uri = draw(hash);
    if (drawn.size >= drawnLimit) drawn.delete(drawn.keys().next().value!);
    drawn.set(hash, uri);
  }
  return uri;
}

function draw(hash: string): string {
  const bytes = Buffer.from(hash.padEnd(32, "0").slice(0, 32), "hex");
  const hue = ((bytes[0]! << 8) | bytes[1]!) % 360;
  const fill = `hsl(${hue} 55% 45%)`;
  const rects: string[] = [];
  for (let y = 0; y < cells; y++) {
    for (let x = 0; x < Math.ceil(cells / 2); x++) {
      const bit = (bytes[2 + y]! >> x) & 1;
      if (!bit) continue;
      for (const col of new Set([x, cells - 1 - x])) {
        rects.push(`<rect x="${col * cell}" y="${y * cell}" width="${cell}" height="${cell}"/>`);
      }
    }
  }
  const size = cells * cell;
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${size} ${size}">` +
    `<rect width="${size}" height="${size}" fill="hsl(${hue} 30% 92%)"/>` +
    `<g fill="${fill}">${rects.join("")}</g></svg>`;
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}`;
}

// Gravatar, only when the site's owner turns it on ("Show Gravatar images"): the reader's
// browser then asks gravatar.com for each commenter's picture, so the page's policy must let
// that one host in (src/web/security-headers.ts), and the hash of each address is public.
export const gravatarOrigin = "https://gravatar.com";

// Every comment on a page carries its author's hash, and a thread has few authors: each is
// hashed once (a bounded map, emptied when full).
const gravatarHashes = new Map<string, string>();

/** Gravatar's key for an address: SHA-256 of the trimmed, lower-cased address, in hex. */
export function gravatarHash(email: string): string {
  let hash = gravatarHashes.get(email);
  if (hash === undefined) {
    if (gravatarHashes.size >= 10_000) gravatarHashes.clear();
    hash = createHash("sha256").update(email.trim().toLowerCase()).digest("hex");
    gravatarHashes.set(email, hash);
  }
  return hash;
}

/**
 * The picture at `size` CSS pixels and `scale` device pixels per CSS pixel. `d=blank` asks for
 * a transparent image when the address has no Gravatar, so the local pattern drawn behind it
 * shows through: such commenters keep the same avatar whether Gravatar is on or off.
 */
export function gravatarUrl(hash: string, size: number, scale = 1): string {
  return `${gravatarOrigin}/avatar/${hash}?s=${size * scale}&d=blank&r=g`;
}
