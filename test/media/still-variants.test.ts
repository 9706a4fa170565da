// The still pipeline on real images: variants, no upscaling, metadata stripped, ThumbHash.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { thumbHashToApproximateAspectRatio, thumbHashToDataURL, thumbHashToRGBA } from "thumbhash";
import { afterAll, describe, expect, it } from "vitest";
import { placeholderDataUrl } from "../../src/media/placeholder.ts";
import {
  largestJpeg,
  MAX_STILL_PIXELS,
  processStill,
  StillRejected,
} from "../../src/media/still-variants.ts";
import { pngBomb } from "../admin/stills-upload.ts";

const mediaDir = fs.mkdtempSync(path.join(os.tmpdir(), "cinelog-media-"));
afterAll(() => fs.rmSync(mediaDir, { recursive: true, force: true }));

async function photo(width: number, height: number): Promise<Buffer> {
  return sharp({
    create: { width, height, channels: 3, background: { r: 180, g: 60, b: 40 } },
  })
    .composite([
      {
        input: Buffer.from(
          `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><circle cx="${width / 3}" cy="${height / 2}" r="${height / 3}" fill="#1040a0"/></svg>`,
        ),
      },
    ])
    .withExif({ IFD0: { Artist: "Someone", Copyright: "Secret place" } })
    .jpeg()
    .toBuffer();
}

describe("processStill", () => {
  it("makes WebP and JPEG variants at each width below the original, stripped of metadata", async () => {
    const input = await photo(2000, 1000);
    expect((await sharp(input).metadata()).exif).toBeDefined();
    const still = await processStill(input, mediaDir, "stills/1", "frame");
    expect([still.width, still.height]).toEqual([2000, 1000]);
    expect(still.variants.map((v) => `${v.format}:${v.width}x${v.height}`)).toEqual([
      "webp:480x240",
      "jpeg:480x240",
      "webp:960x480",
      "jpeg:960x480",
      "webp:1600x800",
      "jpeg:1600x800",
      "webp:2000x1000",
      "jpeg:2000x1000",
    ]);
    for (const variant of still.variants) {
      const meta = await sharp(path.join(mediaDir, variant.path)).metadata();
      expect(meta.format).toBe(variant.format);
      expect(meta.width).toBe(variant.width);
      expect(meta.exif).toBeUndefined();
      expect(meta.icc).toBeUndefined();
    }
    expect(largestJpeg(still.variants)).toBe("stills/1/frame-2000.jpg");
  });

  it("never scales a small image up", async () => {
    const still = await processStill(await photo(600, 400), mediaDir, "stills/2", "small");
    expect(still.variants.map((v) => v.width)).toEqual([480, 480, 600, 600]);
  });

  it("stores a ThumbHash that keeps the aspect ratio and renders as a data URL", async () => {
    const still = await processStill(await photo(1600, 900), mediaDir, "stills/3", "wide");
    const ratio = thumbHashToApproximateAspectRatio(Buffer.from(still.thumbhash, "base64"));
    expect(ratio).toBeGreaterThan(1.5);
    expect(ratio).toBeLessThan(2);
    expect(placeholderDataUrl(still.thumbhash)).toMatch(/^data:image\/png;base64,/);
    expect(placeholderDataUrl(null)).toBeNull();
  });

  it("writes the placeholder as a compressed PNG holding exactly the ThumbHash's pixels", async () => {
    const still = await processStill(await photo(1600, 900), mediaDir, "stills/blur", "blur");
    const url = placeholderDataUrl(still.thumbhash) ?? "";
    const png = Buffer.from(url.slice(url.indexOf(",") + 1), "base64");
    const decoded = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    const expected = thumbHashToRGBA(Buffer.from(still.thumbhash, "base64"));
    expect([decoded.info.width, decoded.info.height]).toEqual([expected.w, expected.h]);
    expect([...decoded.data]).toEqual([...expected.rgba]);
    // thumbhash's own writer stores the pixels raw: this one is well under half its size.
    expect(url.length).toBeLessThan(
      thumbHashToDataURL(Buffer.from(still.thumbhash, "base64")).length / 2,
    );
  });

  it("refuses bytes that are not an image", async () => {
    await expect(
      processStill(Buffer.from("not an image"), mediaDir, "stills/4", "bad"),
    ).rejects.toThrow(StillRejected);
  });

  it("refuses SVG, a cut-short file and a decompression bomb, writing nothing", async () => {
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="900" height="600"/>');
    await expect(processStill(svg, mediaDir, "stills/5", "svg")).rejects.toThrow(/\(svg\)/);
    const photoBytes = await photo(1200, 800);
    const cut = photoBytes.subarray(0, Math.floor(photoBytes.length / 2));
    await expect(processStill(cut, mediaDir, "stills/5", "cut")).rejects.toThrow(
      /damaged or incomplete/,
    );
    await expect(processStill(pngBomb(), mediaDir, "stills/5", "bomb")).rejects.toThrow(
      `The image is 30000 × 30000 pixels, more than the ${MAX_STILL_PIXELS / 1_000_000} megapixels`,
    );
    expect(fs.existsSync(path.join(mediaDir, "stills/5"))).toBe(false);
  });

  it("reads GIF, TIFF and AVIF too, and makes the same JPEG and WebP variants", async () => {
    for (const format of ["gif", "tiff", "avif"] as const) {
      const input = await sharp({
        create: { width: 700, height: 400, channels: 3, background: "#336699" },
      })
        .toFormat(format)
        .toBuffer();
      const still = await processStill(input, mediaDir, "stills/6", format);
      expect(still.variants.map((v) => `${v.format}:${v.width}`)).toEqual([
        "webp:480",
        "jpeg:480",
        "webp:700",
        "jpeg:700",
      ]);
    }
  });
});
