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
  /** A Follow waits for the owner instead of being accepted at once. */
  federationApproveFollows: flag(false),
};
