// Turns a stored ThumbHash into a tiny PNG data URL, drawn behind a still while it loads.
// thumbhash's own PNG writer stores pixels uncompressed (about 3 KB of base64 a still); a
// listing shows ten at once, so the PNG is written here with deflate instead (a third of it).
import zlib from "node:zlib";
import { thumbHashToRGBA } from "thumbhash";

const cache = new Map<string, string>();

export function placeholderDataUrl(thumbhash: string | null): string | null {
  if (!thumbhash) return null;
  let url = cache.get(thumbhash);
  if (!url) {
    const { w, h, rgba } = thumbHashToRGBA(Buffer.from(thumbhash, "base64"));
    url = `data:image/png;base64,${compressedPng(w, h, rgba).toString("base64")}`;
    if (cache.size > 5000) cache.clear();
    cache.set(thumbhash, url);
  }
  return url;
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, "latin1");
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/**
 * A PNG of the pixels: RGB when fully opaque (stills almost always are), each row with the
 * "Sub" filter, which turns a smooth blur into small numbers that deflate well.
 */
function compressedPng(w: number, h: number, rgba: ArrayLike<number>): Buffer {
  let opaque = true;
  for (let i = 3; i < w * h * 4; i += 4) if (rgba[i] !== 255) opaque = false;
  const channels = opaque ? 3 : 4;
  const stride = w * channels;
  const raw = Buffer.alloc(h * (stride + 1));
  for (let y = 0; y < h; y++) {
    const row = y * (stride + 1);
    raw[row] = 1; // filter type Sub
    for (let x = 0; x < w; x++) {
      for (let c = 0; c < channels; c++) {
        const value = rgba[(y * w + x) * 4 + c]!;
        const left = x > 0 ? rgba[(y * w + x - 1) * 4 + c]! : 0;
        raw[row + 1 + x * channels + c] = (value - left) & 0xff;
      }
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(w, 0);
  header.writeUInt32BE(h, 4);
  header[8] = 8; // bits per channel
  header[9] = opaque ? 2 : 6; // colour type: RGB or RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", zlib.deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}
