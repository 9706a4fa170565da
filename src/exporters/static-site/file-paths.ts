// Where each address is written, so that any static host answers the same URLs: a page at
// `/review/slug` becomes `review/slug/index.html` (every host serves a folder's index.html,
// and the pages link to `/review/slug` without a trailing slash, which hosts either serve
// directly or redirect to `/review/slug/`); a file such as `/feed.xml` or a still keeps its
// own name.
import path from "node:path";

export class UnsafePathError extends Error {}

/** The file for a site path; `page` is true for an HTML page. */
export function outputFile(dir: string, sitePath: string, page: boolean): string {
  const segments = sitePath.split("/").filter((s) => s !== "");
  const names = segments.map(decodeSegment);
  if (page) return path.join(dir, ...names, "index.html");
  if (names.length === 0) throw new UnsafePathError(`No file name in ${sitePath}`);
  return path.join(dir, ...names);
}

/** The page a static host shows for any address it does not have. */
export function notFoundFile(dir: string): string {
  return path.join(dir, "404.html");
}

function decodeSegment(segment: string): string {
  let name: string;
  try {
    name = decodeURIComponent(segment);
  } catch {
    throw new UnsafePathError(`Not a valid address segment: ${segment}`);
  }
  // The app never names such a thing, but a file must never land outside the folder.
  if (name === "." || name === ".." || /[/\\\0]/.test(name)) {
    throw new UnsafePathError(`Not a safe file name: ${segment}`);
  }
  return name;
}
