// Absolute addresses of the site's things, for places that leave the site: feeds, the
// sitemap, social cards and structured data. `siteUrl` has no trailing slash.
import path from "node:path";

/** A file below the media directory, such as a still's share image. */
export function mediaUrl(siteUrl: string, mediaPath: string): string {
  return `${siteUrl}/media/${mediaPath.split("/").map(encodeURIComponent).join("/")}`;
}

export function reviewUrl(siteUrl: string, slug: string): string {
  return `${siteUrl}/review/${encodeURIComponent(slug)}`;
}

export function personUrl(siteUrl: string, slug: string): string {
  return `${siteUrl}/person/${encodeURIComponent(slug)}`;
}

const imageTypes: Record<string, string> = {
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  png: "image/png",
  webp: "image/webp",
  avif: "image/avif",
  gif: "image/gif",
  svg: "image/svg+xml",
};

/** The media type of an image file, from its name, for enclosures and og:image:type. */
export function imageMediaType(file: string): string {
  return imageTypes[path.extname(file).slice(1).toLowerCase()] ?? "application/octet-stream";
}
