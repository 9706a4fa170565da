// The avatar and header fields of the fediverse settings: each is a still of the site, the
// picture uploaded earlier, or a new upload (checked and cropped by src/media/actor-image.ts).
// A refused upload becomes a message next to its field, and nothing of the form is saved.
import { isStillPath } from "../../domain/federation/actor-images.ts";
import type { Db } from "../../db/connect.ts";
import type { SiteSettings } from "../../domain/settings.ts";
import {
  ActorImageRejected,
  actorImageDir,
  isActorImageUpload,
  removeActorImage,
  storeActorImage,
} from "../../media/actor-image.ts";
import type { FormBody } from "./admin-page.ts";

type ImageKey = "federationAvatar" | "federationHeader";

const uploadFields: Record<ImageKey, { field: string; kind: "avatar" | "header" }> = {
  federationAvatar: { field: "federationAvatarUpload", kind: "avatar" },
  federationHeader: { field: "federationHeaderUpload", kind: "header" },
};

export type ImageErrors = Partial<Record<ImageKey, string>>;

/** The owner's image choices as saved: stills and the current uploads; anything else is none. */
export async function keptImageChoice(
  db: Db,
  chosen: string,
  current: SiteSettings,
): Promise<string> {
  if (!chosen) return "";
  const uploaded = [current.federationAvatar, current.federationHeader];
  if (isActorImageUpload(chosen) && uploaded.includes(chosen)) return chosen;
  return (await isStillPath(db, chosen)) ? chosen : "";
}

/**
 * Stores the uploads of this post, if any: the new paths by setting, or the errors (and then
 * nothing is kept of this post's files).
 */
export async function receiveActorImages(
  body: FormBody,
  mediaDir: string,
): Promise<{ stored: Partial<Record<ImageKey, string>>; errors: ImageErrors }> {
  const stored: Partial<Record<ImageKey, string>> = {};
  const errors: ImageErrors = {};
  const files = (Object.keys(uploadFields) as ImageKey[])
    .map((key) => ({ key, file: body[uploadFields[key].field] }))
    .filter((u): u is { key: ImageKey; file: File } => u.file instanceof File && u.file.size > 0);
  if (files.length === 0) return { stored, errors };
  // sharp itself loads with the first picture (storeActorImage), never at start.
  for (const { key, file } of files) {
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      stored[key] = await storeActorImage(bytes, mediaDir, uploadFields[key].kind);
    } catch (error) {
      if (!(error instanceof ActorImageRejected)) throw error;
      errors[key] = `${error.message} Nothing was saved: choose the file again.`;
    }
  }
  if (Object.keys(errors).length > 0) {
    for (const path of Object.values(stored)) await removeActorImage(mediaDir, path);
    return { stored: {}, errors };
  }
  return { stored, errors };
}

/** Uploads replaced by this save, removed once the new choice is saved. */
export async function removeReplacedImages(
  mediaDir: string,
  before: SiteSettings,
  after: Record<ImageKey, string>,
): Promise<void> {
  const stillUsed = new Set([after.federationAvatar, after.federationHeader]);
  for (const old of [before.federationAvatar, before.federationHeader]) {
    if (!stillUsed.has(old)) await removeActorImage(mediaDir, old);
  }
}

/** The uploads the selects offer besides stills, so a save keeps them. */
export function uploadedImageChoices(settings: SiteSettings): [string, string][] {
  const choices: [string, string][] = [];
  if (settings.federationAvatar.startsWith(`${actorImageDir}/`)) {
    choices.push([settings.federationAvatar, "The uploaded avatar"]);
  }
  if (settings.federationHeader.startsWith(`${actorImageDir}/`)) {
    choices.push([settings.federationHeader, "The uploaded header"]);
  }
  return choices;
}
