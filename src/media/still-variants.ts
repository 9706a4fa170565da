// The still pipeline: one uploaded or generated image becomes responsive WebP and JPEG
// variants (no upscaling, every bit of metadata stripped) and a ThumbHash placeholder.
import fs from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
import { rgbaToThumbHash } from "thumbhash";

/** Widths offered to browsers through srcset; an image is never scaled up. */
export const variantWidths: readonly number[] = [480, 960, 1600, 2400];

export type VariantFormat = "webp" | "jpeg";

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
 * sharp drops EXIF, GPS and ICC data unless asked to keep them, which we never do.
 */
export async function processStill(
  input: Buffer,
  mediaDir: string,
  dir: string,
  name: string,
): Promise<ProcessedStill> {
  // rotate() applies the EXIF orientation before that metadata is dropped.
  const source = sharp(input, { limitInputPixels: 50_000_000 }).rotate();
  const { data: normalised, info } = await source.toBuffer({ resolveWithObject: true });
  const widths = variantWidths.filter((w) => w < info.width);
  widths.push(Math.min(info.width, variantWidths[variantWidths.length - 1]!));
  await fs.mkdir(path.join(mediaDir, dir), { recursive: true });

  const variants: StillVariant[] = [];
  for (const width of [...new Set(widths)]) {
    const height = Math.round((info.height * width) / info.width);
    const resized = sharp(normalised).resize({ width, withoutEnlargement: true });
    for (const format of ["webp", "jpeg"] as const) {
      const relative = path.posix.join(
        dir,
        `${name}-${width}.${format === "jpeg" ? "jpg" : "webp"}`,
      );
      const out =
        format === "webp"
          ? resized.clone().webp({ quality: 78, effort: 4 })
          : resized.clone().jpeg({ quality: 80, mozjpeg: true, progressive: true });
      await out.toFile(path.join(mediaDir, relative));
      variants.push({ format, width, height, path: relative });
    }
  }
  return {
    width: info.width,
    height: info.height,
    variants,
    thumbhash: await thumbhashOf(normalised),
  };
}

async function thumbhashOf(image: Buffer): Promise<string> {
  const { data, info } = await sharp(image)
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
