// Update(Person) to the followers when the blog's profile changed since they were last told
// (src/domain/federation/actor-profile.ts): Mastodon and its cousins keep a copy of a remote
// actor's name, avatar and header and refresh it only now and then, or when told.
import { PUBLIC_COLLECTION, Update } from "@fedify/vocab";
import {
  claimProfileUpdate,
  profileDigest,
  sentProfileDigest,
} from "../domain/federation/actor-profile.ts";
import { blogActor } from "./actor.ts";
import type { BlogFederation } from "./federation.ts";

/** Sends Update(Person) if the profile changed since the last one; true if it did. */
export async function publishProfileUpdate(
  blog: BlogFederation,
  siteUrl: string,
): Promise<boolean> {
  const settings = await blog.settings();
  if (!settings.federationEnabled) return false;
  const before = await sentProfileDigest(blog.db);
  const after = profileDigest(settings);
  if (before === after) return false;
  if (!(await claimProfileUpdate(blog.db, before, after))) return false;
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
