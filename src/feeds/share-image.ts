// The one file that stands for a still away from the site — in a feed entry, an enclosure or
// a social card — where there is no srcset to choose from. A JPEG, because every reader and
// card renderer shows one; about 1600 pixels wide, since cards want 1200 or more and the
// largest variant (2400) is a heavy download for a preview.
import type { Still } from "../db/schema.ts";
import { variantsOf } from "../domain/stills.ts";

interface ShareImage {
  /** Below the media directory. */
  path: string;
  width: number;
  height: number;
}

const cardWidth = 1200;

export function shareImageOf(still: Still): ShareImage {
  const jpegs = variantsOf(still)
    .filter((v) => v.format === "jpeg")
    .sort((a, b) => a.width - b.width);
  const chosen = jpegs.find((v) => v.width >= cardWidth) ?? jpegs.at(-1);
  // A still stored before variants existed is served as it is.
  return chosen
    ? { path: chosen.path, width: chosen.width, height: chosen.height }
    : { path: still.path, width: still.width, height: still.height };
}
