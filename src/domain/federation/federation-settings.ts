// Federation settings, merged into the site settings schema (src/domain/settings.ts). Off
// until the owner turns it on: federating makes requests to other people's servers.
import { z } from "zod";

const flag = (fallback: boolean) =>
  z
    .enum(["true", "false"])
    .transform((v) => v === "true")
    .default(fallback);

/** A handle's local part as Mastodon accepts it: letters, digits and underscores. */
export const actorSlugPattern = /^[a-z0-9_]{1,30}$/;

export const federationSettings = {
  /** The blog is an ActivityPub actor: found by WebFinger, followed, delivered to. */
  federationEnabled: flag(false),
  /** The blog's handle is @SLUG@host. */
  federationSlug: z.string().regex(actorSlugPattern).default("blog"),
  /** Writers may turn on actors of their own (each still chooses; off for each by default). */
  federationWriterActors: flag(true),
  /** A Follow waits for the owner instead of being accepted at once. */
  federationApproveFollows: flag(false),
  /** Posts and pages go out like reviews (each off by default: until issue 18 only reviews did). */
  federationSendPosts: flag(false),
  federationSendPages: flag(false),
  /** The actor's avatar and header: media paths of stills already on the site ("" for none). */
  federationAvatar: z.string().default(""),
  federationHeader: z.string().default(""),
  /**
   * Accounts the blog was before (alsoKnownAs), one address a line: the old account may then
   * move its followers here.
   */
  federationAlsoKnownAs: z.string().default(""),
  /** Where the blog's actor moved to (movedTo), once the owner has moved it; "" until then. */
  federationMovedTo: z.string().default(""),
};

/** The addresses in the alsoKnownAs setting, each a URL. */
export function alsoKnownAsList(setting: string): URL[] {
  return setting
    .split(/\s+/)
    .filter((line) => URL.canParse(line))
    .map((line) => new URL(line));
}
