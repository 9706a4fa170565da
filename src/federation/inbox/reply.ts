// Create(Note): a fediverse reply to a review's Article, to one of the site's comments, or to
// a remote reply already in a thread becomes a comment there, under what it answers, through
// the moderation rules (src/domain/federation/fediverse-replies.ts). A Note that mentions the
// blog without replying to anything here waits in the queue as a mention of the review it
// links to, or is kept aside for the owner when it links to none
// (src/domain/federation/loose-mentions.ts).
// The Note is taken from Fedify's getObject, which refetches an embedded object whose id is
// of another origin than the activity: nothing foreign is trusted as sent.
import type { Context, InboxContext } from "@fedify/fedify";
import {
  Article,
  Mention,
  Note,
  isActor,
  type Actor,
  type Create,
  type Update,
} from "@fedify/vocab";
import { sanitizeCommentHtml } from "../../content/comment-markdown.ts";
import {
  placeOnReview,
  placeUnderComment,
  placeUnderNote,
  replyByNote,
  saveFediverseReply,
  serverOverReplyLimit,
  threadClosed,
  type ReplyPlace,
} from "../../domain/federation/fediverse-replies.ts";
import { hostOf, isBlocked } from "../../domain/federation/followers.ts";
import { keepLooseMention } from "../../domain/federation/loose-mentions.ts";
import { reviewSubject } from "../../domain/comment-subjects.ts";
import { publicReviewBySlug } from "../../domain/reviews.ts";
import { nowIso } from "../../domain/time.ts";
import { copyAvatar } from "../../media/avatar-copy.ts";
import { handleOf } from "./follow.ts";
import type { InboxDeps } from "./inbox-deps.ts";

/** Fedify's loaders, with a failed fetch counted as nothing found. */
function loaders(ctx: Context<void>) {
  return {
    documentLoader: ctx.documentLoader,
    contextLoader: ctx.contextLoader,
    suppressError: true,
  };
}

/** The activity's object, fetched again from its own origin when it is foreign; null if not had. */
export async function trustedObject(ctx: Context<void>, activity: Create | Update) {
  try {
    return await activity.getObject(loaders(ctx));
  } catch {
    return null;
  }
}

/** Where the Note's inReplyTo points, if it is somewhere in a thread here. */
async function replyPlace(deps: InboxDeps, ctx: Context<void>, note: Note) {
  const target = note.replyTargetId;
  if (!target) return null;
  const parsed = ctx.parseUri(target);
  if (parsed?.type === "object") {
    const id = Number(parsed.values.id);
    if (!Number.isSafeInteger(id)) return null;
    if (parsed.class === Article) return placeOnReview(deps.db, id);
    if (parsed.class === Note) return placeUnderComment(deps.db, id);
    return null;
  }
  return placeUnderNote(deps.db, target.href);
}

async function mentionsBlog(ctx: Context<void>, note: Note, slug: string): Promise<boolean> {
  const blog = ctx.getActorUri(slug).href;
  for await (const tag of note.getTags(loaders(ctx))) {
    if (tag instanceof Mention && tag.href?.href === blog) return true;
  }
  return false;
}

/** The first of the site's public reviews the Note links to. */
async function linkedReview(
  deps: InboxDeps,
  ctx: Context<void>,
  html: string,
): Promise<ReplyPlace | null> {
  const prefix = `${ctx.origin}/review/`;
  for (const match of html.matchAll(/href="([^"]+)"/g)) {
    const href = match[1]!.replace(/&amp;/g, "&");
    if (!href.startsWith(prefix)) continue;
    const slug = decodeURIComponent(href.slice(prefix.length).split(/[/?#]/)[0] ?? "");
    const review = slug ? await publicReviewBySlug(deps.db, slug, nowIso()) : undefined;
    if (review) return { subject: reviewSubject(review.id), parentId: null };
  }
  return null;
}

function profileUrl(actor: Actor): string {
  return actor.url instanceof URL ? actor.url.href : actor.id!.href;
}

async function avatarOf(deps: InboxDeps, ctx: Context<void>, actor: Actor): Promise<string> {
  if (!deps.mediaDir) return "";
  const icon = await actor.getIcon(loaders(ctx)).catch(() => null);
  const url = icon?.url instanceof URL ? icon.url.href : "";
  return copyAvatar(url, `fediverse:${actor.id!.href}`, deps.mediaDir, !!deps.allowPrivateAddress);
}

export async function onCreate(deps: InboxDeps, ctx: InboxContext<void>, create: Create) {
  const actorId = create.actorId;
  if (!actorId) return;
  const note = await trustedObject(ctx, create);
  if (!(note instanceof Note) || !note.id) {
    // A followed account's post (an Article, say): the blog follows no one's timeline.
    const object = create.objectId?.href;
    deps.logger.debug({ actor: actorId.href, object }, "fediverse Create received, not a Note");
    return;
  }
  // Only the sender's own Note, from the sender's own server (Fedify checked the signature
  // belongs to the activity's actor).
  if (note.attributionId?.href !== actorId.href || note.id.origin !== actorId.origin) return;
  if (await isBlocked(deps.db, actorId.href)) {
    deps.logger.info({ actor: actorId.href }, "fediverse reply from a blocked actor refused");
    return;
  }
  if (await replyByNote(deps.db, note.id.href)) return;
  const settings = await deps.settings();
  const html = sanitizeCommentHtml(note.content?.toString() ?? "");
  let kind: "reply" | "mention" = "reply";
  let place = await replyPlace(deps, ctx, note);
  if (!place) {
    if (!(await mentionsBlog(ctx, note, settings.federationSlug))) {
      deps.logger.debug({ note: note.id.href }, "fediverse Note for no thread here");
      return;
    }
    kind = "mention";
    place = await linkedReview(deps, ctx, html);
  }
  if (place && (await threadClosed(deps.db, place, settings))) {
    deps.logger.info({ note: note.id.href }, "fediverse reply to a closed thread refused");
    return;
  }
  if (await serverOverReplyLimit(deps.db, hostOf(actorId.href))) {
    deps.logger.warn({ actor: actorId.href }, "fediverse replies over the server's limit");
    return;
  }
  const actor = await create.getActor(ctx);
  if (!actor || !isActor(actor) || actor.id?.href !== actorId.href) return;
  const noteUrl = note.url instanceof URL ? note.url.href : note.id.href;
  const name = actor.name?.toString() || actor.preferredUsername?.toString() || actorId.host;
  const author = { actorUri: actorId.href, name, handle: handleOf(actor) };
  if (!place) {
    await keepLooseMention(deps.db, { ...author, noteId: note.id.href, url: noteUrl, html });
    deps.logger.info({ actor: actorId.href }, "fediverse mention kept for the owner");
    return;
  }
  const commentId = await saveFediverseReply(deps.db, {
    ...author,
    place,
    noteId: note.id.href,
    url: noteUrl,
    actorInbox: actor.inboxId?.href ?? null,
    avatarPath: await avatarOf(deps, ctx, actor),
    profileUrl: profileUrl(actor),
    html,
    kind,
    settings,
  });
  deps.logger.info({ actor: actorId.href, commentId, kind }, "fediverse reply");
}
