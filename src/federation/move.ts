// Moving the blog's actor to another account (ActivityPub Move), as Mastodon moves an account:
// the new account must first name the blog as one of its aliases (alsoKnownAs), or servers
// refuse to move anyone. Then the blog's actor says where it went (movedTo) and every follower
// is sent a Move, on which their servers follow the new account instead. A move can be undone
// (undoMove): the redirect is lifted, the followers already gone stay gone.
import { isActor, Move } from "@fedify/vocab";
import { saveSetting } from "../domain/settings.ts";
import type { BlogFederation } from "./federation.ts";
import { publishProfileUpdate } from "./profile-update.ts";

type MoveCheck = { ok: true; target: URL; label: string } | { ok: false; problem: string };

/** Finds the account at `address` (a URL or @user@host) and checks it is ready to move to. */
export async function checkMoveTarget(blog: BlogFederation, address: string): Promise<MoveCheck> {
  const settings = await blog.settings();
  if (!settings.federationEnabled) {
    return { ok: false, problem: "Turn publishing to the fediverse on first." };
  }
  const trimmed = address.trim();
  if (!/^https?:\/\/\S+$|^@?[^@\s]+@[^@\s]+$/.test(trimmed)) {
    return { ok: false, problem: "Give the new account's address: @name@server or https://…" };
  }
  const ctx = blog.context();
  const ours = ctx.getActorUri(settings.federationSlug);
  // The document loader gives up after ten seconds (federation.ts).
  const found = await ctx.lookupObject(trimmed).catch(() => null);
  if (!found || !isActor(found) || !found.id) {
    return { ok: false, problem: `No account was found at ${trimmed}.` };
  }
  if (found.id.href === ours.href) {
    return { ok: false, problem: "That is the blog's own account." };
  }
  if (!found.aliasIds.some((alias) => alias.href === ours.href)) {
    return {
      ok: false,
      problem:
        `The new account does not name this one as an alias yet. Add ${ours.href} to its ` +
        "aliases (on Mastodon: Preferences › Account › Moving from a different account), then try again.",
    };
  }
  const handle = found.preferredUsername?.toString();
  return {
    ok: true,
    target: found.id,
    label: handle ? `@${handle}@${found.id.host}` : found.id.href,
  };
}

/** Records where the actor went and tells every follower. */
export async function moveActor(blog: BlogFederation, target: URL, siteUrl: string): Promise<void> {
  await saveSetting(blog.db, "federationMovedTo", target.href);
  const slug = (await blog.settings()).federationSlug;
  const ctx = blog.context();
  const actor = ctx.getActorUri(slug);
  await ctx.sendActivity(
    { identifier: slug },
    "followers",
    new Move({
      id: new URL(`#move/${crypto.randomUUID()}`, actor),
      actor,
      object: actor,
      target,
      to: ctx.getFollowersUri(slug),
    }),
    { preferSharedInbox: true },
  );
  // The profile now shows movedTo: recorded as sent, so that undoing the move is a change.
  await publishProfileUpdate(blog, siteUrl);
}

/**
 * Takes a move back, as far as it can be: the actor no longer names where it went, and its
 * followers' servers are sent Update(Person) without movedTo, so Mastodon lifts the redirect
 * on the blog's profile. Followers already moved stay with the new account (their servers
 * followed it on the Move); they would have to follow the blog again.
 */
export async function undoMove(blog: BlogFederation, siteUrl: string): Promise<void> {
  await saveSetting(blog.db, "federationMovedTo", "");
  await publishProfileUpdate(blog, siteUrl);
}
