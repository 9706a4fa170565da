// The still pipeline: one uploaded or generated image becomes responsive WebP and JPEG
// variants (no upscaling, every bit of metadata stripped) and a ThumbHash placeholder.
import fs from "node:fs/promises";
import path from "node:path";
import { rgbaToThumbHash } from "thumbhash";

/** The largest still file accepted: a frame grab or a scan is far smaller. */
export const MAX_STILL_BYTES = 50 * 1024 * 1024;

/**
 * The most pixels a still may decode to (100 megapixels, about 10000 x 10000). sharp reads
 * the size from the header first, so a small file claiming huge dimensions (a decompression
 * bomb) is refused before anything is decoded.
 */
export const MAX_STILL_PIXELS = 100_000_000;

/** Raster formats a still may be sent in. SVG is refused: it is a document, not a picture. */
const acceptedFormats = new Set(["jpeg", "png", "webp", "gif", "avif", "heif", "tiff"]);

/** An upload that is not a usable image; `message` is written for the person uploading it. */
export class StillRejected extends Error {}

/** Widths offered to browsers through srcset; an image is never scaled up. */
const variantWidths: readonly number[] = [480, 960, 1600, 2400];

type VariantFormat = "webp" | "jpeg";

export interface StillVariant {
  format: VariantFormat;
  width: number;
  height: number;
  /** Path below the media directory. */
  path: string;
}

export interface ProcessedStill {
  width: number;
  height: number;
  variants: StillVariant[];
  /** Base64 ThumbHash of the image, for a blurred placeholder while it loads. */
  thumbhash: string;
}

/**
 * Writes the variants of `input` under `mediaDir/dir/` as `NAME-WIDTH.webp|jpg`.
 * sharp drops EXIF, GPS, XMP, IPTC, comments and ICC data unless asked to keep them, which
 * we never do. Throws StillRejected for a file that is not a usable image.
 */
export async function processStill(
  input: Buffer,
  mediaDir: string,
  dir: string,
  name: string,
): Promise<ProcessedStill> {
  const format = await checkStill(input);
  const sharp = await loadSharp();
  // rotate() applies the EXIF orientation before that metadata is dropped; failOn "warning"
  // makes a truncated or damaged file an error instead of a half-grey picture.
  const source = sharp(input, { limitInputPixels: MAX_STILL_PIXELS, failOn: "warning" }).rotate();
  // Decoded once into a quick intermediate; JPEG stays JPEG (at high quality), anything
  // else (GIF, TIFF, AVIF…) becomes PNG, which every step after reads fast.
  const intermediate =
    format === "jpeg" ? source.jpeg({ quality: 95 }) : source.png({ compressionLevel: 1 });
  const { data: normalised, info } = await intermediate
    .toBuffer({ resolveWithObject: true })
    .catch((error: unknown) => {
      throw new StillRejected(
        "The image is damaged or incomplete (perhaps the upload or the copy was cut short).",
        { cause: error },
      );
    });
  const widths = variantWidths.filter((w) => w < info.width);
  widths.push(Math.min(info.width, variantWidths[variantWidths.length - 1]!));
  await fs.mkdir(path.join(mediaDir, dir), { recursive: true });

  // Every variant is encoded at once: each encode is mostly single-threaded in libvips, so
  // side by side they use every core (a 1600-pixel still in half the time on two).
  const jobs = [...new Set(widths)].flatMap((width) => {
    const height = Math.round((info.height * width) / info.width);
    const resized = sharp(normalised).resize({ width, withoutEnlargement: true });
    return (["webp", "jpeg"] as const).map(async (format): Promise<StillVariant> => {
      const relative = path.posix.join(
        dir,
        `${name}-${width}.${format === "jpeg" ? "jpg" : "webp"}`,
      );
      const out =
        format === "webp"
          ? resized.clone().webp({ quality: 78, effort: 4 })
          : resized.clone().jpeg({ quality: 80, mozjpeg: true, progressive: true });
      await out.toFile(path.join(mediaDir, relative));
      return { format, width, height, path: relative };
    });
  });
  const [variants, thumbhash] = await Promise.all([Promise.all(jobs), thumbhashOf(normalised)]);
  return {
    width: info.width,
    height: info.height,
    variants,
    thumbhash,
  };
}

/** Refuses what is not a raster image of a sane size, reading only the file's header. */
async function checkStill(input: Buffer): Promise<string> {
  if (input.length > MAX_STILL_BYTES) {
    throw new StillRejected(`The file is larger than ${MAX_STILL_BYTES / 1024 / 1024} MB.`);
  }
  let format: string | undefined;
  let width = 0;
  let height = 0;
  try {
    // No pixel limit here: the header alone is read, and the size is judged just below.
    const meta = await (await loadSharp())(input, { limitInputPixels: false }).metadata();
    format = meta.format;
    width = meta.width ?? 0;
    height = meta.height ?? 0;
  } catch (error) {
    throw new StillRejected("This is not an image file Cinelog can read (JPEG, PNG, WebP…).", {
      cause: error,
    });
  }
  if (!format || !acceptedFormats.has(format)) {
    throw new StillRejected(
      `This is not a picture format stills can use (${format ?? "unknown"}): send JPEG, PNG or WebP.`,
    );
  }
  if (width * height > MAX_STILL_PIXELS) {
    throw new StillRejected(
      `The image is ${width} × ${height} pixels, more than the ${MAX_STILL_PIXELS / 1_000_000} megapixels a still may have.`,
    );
  }
  return format;
}

async function thumbhashOf(image: Buffer): Promise<string> {
  const { data, info } = await (
    await loadSharp()
  )(image)
    .resize(100, 100, { fit: "inside" })
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return Buffer.from(rgbaToThumbHash(info.width, info.height, data)).toString("base64");
}

/** The fallback `src`: the widest JPEG, which every browser can show. */
export function largestJpeg(variants: StillVariant[]): string {
  const jpegs = variants.filter((v) => v.format === "jpeg").sort((a, b) => b.width - a.width);
  if (!jpegs[0]) throw new Error("A processed still always has a JPEG variant.");
  return jpegs[0].path;
}

/**
 * sharp and its libvips (about 8 MB resident) load with the first picture a process makes:
 * a server that only serves pages never needs them.
 */
async function loadSharp() {
  return (await import("sharp")).default;
}
