// The blog's fediverse avatar and header, uploaded by the owner: checked from the header
// before anything is decoded (a small file claiming huge dimensions is refused unread), then
// cropped to the shape Mastodon shows (a square avatar, a 3:1 header), flattened onto white
// and written as a JPEG every server reads, with every bit of metadata dropped. Stored below
// the media directory as `fediverse/KIND-RANDOM.jpg`: a random name, so a replaced picture
// never shows from a server's cache.
import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { MAX_STILL_PIXELS } from "./still-variants.ts";

type ActorImageKind = "avatar" | "header";

/** Mastodon's own sizes: 400 × 400 avatars and 1500 × 500 headers. */
const shapes: Record<ActorImageKind, { width: number; height: number }> = {
  avatar: { width: 400, height: 400 },
  header: { width: 1500, height: 500 },
};

/** The prefix of uploaded actor images, which the settings may name besides stills. */
export const actorImageDir = "fediverse";

const acceptedFormats = new Set(["jpeg", "png", "webp", "gif"]);

/** An upload that cannot be the avatar or header; the message is for the owner. */
export class ActorImageRejected extends Error {}

/** Whether `mediaPath` has the shape of an uploaded actor image. */
export function isActorImageUpload(mediaPath: string): boolean {
  return /^fediverse\/(avatar|header)-[A-Za-z0-9_-]{12}\.jpg$/.test(mediaPath);
}

/** Checks, crops and stores an uploaded picture; returns its path below the media directory. */
export async function storeActorImage(
  input: Uint8Array,
  mediaDir: string,
  kind: ActorImageKind,
): Promise<string> {
  const { default: sharp } = await import("sharp");
  if (input.length === 0) throw new ActorImageRejected("The file is empty.");
  let meta;
  try {
    // The header alone is read here; the size is judged before any pixel is decoded.
    meta = await sharp(input, { limitInputPixels: false }).metadata();
  } catch (error) {
    throw new ActorImageRejected("This is not an image file Cinelog can read: send JPEG or PNG.", {
      cause: error,
    });
  }
  if (!meta.format || !acceptedFormats.has(meta.format)) {
    throw new ActorImageRejected(
      `This picture format cannot be used (${meta.format ?? "unknown"}): send JPEG, PNG, WebP or GIF.`,
    );
  }
  const width = meta.width ?? 0;
  const height = meta.height ?? 0;
  if (width * height > MAX_STILL_PIXELS) {
    throw new ActorImageRejected(
      `The image is ${width} × ${height} pixels, more than the ${MAX_STILL_PIXELS / 1_000_000} megapixels a picture may have.`,
    );
  }
  const shape = shapes[kind];
  const jpeg = await sharp(input, { limitInputPixels: MAX_STILL_PIXELS, failOn: "warning" })
    .rotate()
    .resize(shape.width, shape.height, { fit: "cover", withoutEnlargement: false })
    .flatten({ background: "#ffffff" })
    .jpeg({ quality: 85, mozjpeg: true })
    .toBuffer()
    .catch((error: unknown) => {
      throw new ActorImageRejected("The image is damaged or incomplete: send it again.", {
        cause: error,
      });
    });
  const relative = `${actorImageDir}/${kind}-${randomBytes(9).toString("base64url")}.jpg`;
  await fs.mkdir(path.join(mediaDir, actorImageDir), { recursive: true });
  await fs.writeFile(path.join(mediaDir, relative), jpeg);
  return relative;
}

/** Removes an earlier upload once replaced; anything that is not one is left alone. */
export async function removeActorImage(mediaDir: string, mediaPath: string): Promise<void> {
  if (!isActorImageUpload(mediaPath)) return;
  await fs.rm(path.join(mediaDir, mediaPath), { force: true });
}
