// Follow: a remote account asks to follow the blog or a writer's actor (local-actors.ts says
// which the object names; the follower row records it). Blocked actors and servers are refused;
// otherwise the follower is recorded and accepted at once, or held for the owner when the
// settings ask for approval (accepted later from the admin, see acceptFollower).
import type { InboxContext } from "@fedify/fedify";
import { Accept, Follow, Reject, isActor, type Actor } from "@fedify/vocab";
import { isBlocked, saveFollower } from "../../domain/federation/followers.ts";
import { localActor } from "../local-actors.ts";
import type { InboxDeps } from "./inbox-deps.ts";

export async function onFollow(deps: InboxDeps, ctx: InboxContext<void>, follow: Follow) {
  if (!follow.id || !follow.actorId || !follow.objectId) return;
  const settings = await deps.settings();
  const target = ctx.parseUri(follow.objectId);
  if (target?.type !== "actor") return;
  const followed = await localActor(deps.db, settings, target.identifier);
  if (!followed) return;
  const slug = target.identifier;
  const actor = await follow.getActor(ctx);
  if (!actor || !isActor(actor) || !actor.id || !actor.inboxId) return;
  // Fedify checked the signature belongs to follow.actorId; the document must say the same.
  if (actor.id.href !== follow.actorId.href) return;
  if (await isBlocked(deps.db, actor.id.href)) {
    await ctx.sendActivity(
      { identifier: slug },
      actor,
      new Reject({
        id: new URL(`#reject/${crypto.randomUUID()}`, ctx.getActorUri(slug)),
        actor: ctx.getActorUri(slug),
        object: follow,
      }),
    );
    return;
  }
  const held = settings.federationApproveFollows;
  await saveFollower(deps.db, {
    actorUri: actor.id.href,
    handle: handleOf(actor),
    name: actor.name?.toString() ?? null,
    inboxUri: actor.inboxId.href,
    sharedInboxUri: actor.endpoints?.sharedInbox?.href ?? null,
    followId: follow.id.href,
    status: held ? "pending" : "accepted",
    writerId: followed.writerId,
  });
  deps.logger.info({ actor: actor.id.href, followed: slug, held }, "fediverse follow");
  if (!held) await sendAccept(ctx, slug, actor, follow);
}

export async function sendAccept(
  ctx: InboxContext<void> | import("@fedify/fedify").Context<void>,
  slug: string,
  actor: Actor | { id: URL; inboxId: URL },
  follow: Follow,
): Promise<void> {
  await ctx.sendActivity(
    { identifier: slug },
    actor as Actor,
    new Accept({
      id: new URL(`#accept/${crypto.randomUUID()}`, ctx.getActorUri(slug)),
      actor: ctx.getActorUri(slug),
      object: follow,
    }),
  );
}

/** @user@host from the actor's own document (no WebFinger round trip for a listing). */
export function handleOf(actor: Actor): string | null {
  const user = actor.preferredUsername?.toString();
  return user && actor.id ? `@${user}@${actor.id.host}` : null;
}
