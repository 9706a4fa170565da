// The blog's objects at their ids, so a remote server can fetch what it was sent or what a
// reply points at: each federated review's Article (/ap/review/ID), each post or page sent (/ap/post/ID) and each approved comment
// on one as a Note (/ap/comment/ID). Anything not public, never sent or no longer shown is
// not found.
import type { Federation } from "@fedify/fedify";
import { Article, Note } from "@fedify/vocab";
import type { Db } from "../db/connect.ts";
import { commentAsNote } from "../domain/federation/comment-notes.ts";
import { sentReview } from "../domain/federation/review-federation.ts";
import type { SiteSettings } from "../domain/settings.ts";
import { commentNote } from "./comment-note.ts";
import { authorActor } from "./local-actors.ts";
import { postArticle } from "./post-article.ts";
import { sentPost } from "../domain/federation/post-federation.ts";
import { reviewArticle } from "./review-article.ts";

interface ObjectDeps {
  db: Db;
  siteUrl: string;
  settings: () => Promise<SiteSettings>;
}

/** An id from the path: digits only, else nothing is found. */
function numericId(value: string): number | null {
  return /^[1-9][0-9]{0,15}$/.test(value) ? Number(value) : null;
}

export function registerObjectDispatchers(federation: Federation<void>, deps: ObjectDeps): void {
  // Fedify takes one dispatcher per class, so reviews and posts share the Article route, told
  // apart by the path's kind (the literal /ap/comment/… and the inboxes still match first).
  federation.setObjectDispatcher(Article, "/ap/{kind}/{id}", async (ctx, values) => {
    const id = numericId(values.id);
    const settings = await deps.settings();
    if (id === null || !settings.federationEnabled) return null;
    if (values.kind === "post") {
      const post = await sentPost(deps.db, id);
      return post ? postArticle(ctx, settings.federationSlug, deps.siteUrl, post) : null;
    }
    if (values.kind !== "review") return null;
    const review = await sentReview(deps.db, id);
    if (!review) return null;
    const writer = await authorActor(deps.db, settings, review.authorId);
    return reviewArticle(ctx, settings.federationSlug, deps.siteUrl, review, writer?.username);
  });
  federation.setObjectDispatcher(Note, "/ap/comment/{id}", async (ctx, values) => {
    const id = numericId(values.id);
    const settings = await deps.settings();
    if (id === null || !settings.federationEnabled) return null;
    const comment = await commentAsNote(deps.db, id);
    return comment ? commentNote(ctx, settings.federationSlug, deps.siteUrl, comment) : null;
  });
}
