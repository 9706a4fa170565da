// Turns a stored ThumbHash into a tiny PNG data URL, drawn behind a still while it loads.
import { thumbHashToDataURL } from "thumbhash";

const cache = new Map<string, string>();

export function placeholderDataUrl(thumbhash: string | null): string | null {
  if (!thumbhash) return null;
  let url = cache.get(thumbhash);
  if (!url) {
    url = thumbHashToDataURL(Buffer.from(thumbhash, "base64"));
    if (cache.size > 5000) cache.clear();
    cache.set(thumbhash, url);
  }
  return url;
}
