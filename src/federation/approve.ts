// The owner's answer to a held Follow: accepted (an Accept goes out through the queue) or
// refused (the request is forgotten). Called from the admin's fediverse page.
import { Follow } from "@fedify/vocab";
import { setFollowerStatus, type Follower } from "../domain/federation/followers.ts";
import { writerUsernames } from "../domain/federation/writer-actors.ts";
import type { BlogFederation } from "./federation.ts";
import { sendAccept } from "./inbox/follow.ts";

export async function approveFollower(blog: BlogFederation, follower: Follower): Promise<void> {
  // The Accept comes from the actor that was followed: the blog, or a writer.
  const slug =
    follower.writer_id === 0
      ? (await blog.settings()).federationSlug
      : ((await writerUsernames(blog.db)).get(follower.writer_id) ?? "");
  if (!slug) return;
  const ctx = blog.context();
  await setFollowerStatus(blog.db, follower.id, "accepted");
  const follow = new Follow({
    id: follower.follow_id ? new URL(follower.follow_id) : null,
    actor: new URL(follower.actor_uri),
    object: ctx.getActorUri(slug),
  });
  await sendAccept(
    ctx,
    slug,
    { id: new URL(follower.actor_uri), inboxId: new URL(follower.inbox_uri) },
    follow,
  );
}
