// Update(Person) to the followers when the blog's profile changed since they were last told
// (src/domain/federation/actor-profile.ts): Mastodon and its cousins keep a copy of a remote
// actor's name, avatar and header and refresh it only now and then, or when told.
import { PUBLIC_COLLECTION, Update } from "@fedify/vocab";
import {
  claimProfileUpdate,
  profileDigest,
  sentProfileDigest,
} from "../domain/federation/actor-profile.ts";
import type { SiteSettings } from "../domain/settings.ts";
import { blogActor } from "./actor.ts";
import type { BlogFederation } from "./federation.ts";

/**
 * Sends Update(Person) if the profile changed since the last one; true if it did.
 *
 * Before any Update was recorded, the followers' servers hold the profile as they fetched it
 * when they followed, which is the profile now, unless the caller saving a change passes the
 * settings as they were (`savedFrom`): otherwise the present profile is recorded as told and
 * nothing is sent. (Sending then would send every follower an Update of nothing on the
 * first round after an upgrade, or after federation is turned on.)
 */
export async function publishProfileUpdate(
  blog: BlogFederation,
  siteUrl: string,
  savedFrom?: SiteSettings,
): Promise<boolean> {
  const settings = await blog.settings();
  if (!settings.federationEnabled) return false;
  const recorded = await sentProfileDigest(blog.db);
  const after = profileDigest(settings);
  const before = recorded !== "" ? recorded : savedFrom ? profileDigest(savedFrom) : after;
  if (before === after) {
    if (recorded === "") await claimProfileUpdate(blog.db, "", after);
    return false;
  }
  if (!(await claimProfileUpdate(blog.db, recorded, after))) return false;
  const slug = settings.federationSlug;
  const ctx = blog.context();
  const person = blogActor(ctx, settings, siteUrl, await ctx.getActorKeyPairs(slug));
  await ctx.sendActivity(
    { identifier: slug },
    "followers",
    new Update({
      id: new URL(`#update/${crypto.randomUUID()}`, person.id!),
      actor: person.id,
      object: person,
      to: PUBLIC_COLLECTION,
      cc: ctx.getFollowersUri(slug),
    }),
    { preferSharedInbox: true },
  );
  return true;
}
