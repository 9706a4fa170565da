// Renders a review page with its comments section: for a plain visit (cached), a reply link
// (?replytocom=ID), a commenter's own waiting comment (?comment=ID.SIG), and a submission
// that comes back with problems (every field kept).
import type { Context } from "hono";
import { getCookie } from "hono/cookie";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import {
  readCommentViewKey,
  issueFormToken,
  readCommenterCookie,
} from "../../domain/comment-tokens.ts";
import { depthOf, threadComments } from "../../domain/comment-threads.ts";
import { commentsOfReview } from "../../domain/comments.ts";
import { filmLabel } from "../../domain/films.ts";
import { commentsClosed } from "../../domain/moderation/rules.ts";
import type { ReviewPageData } from "../../domain/review-page.ts";
import { nowIso } from "../../domain/time.ts";
import { renderPage } from "../render.ts";
import type { Services } from "../services.ts";
import type { CommentFormProps } from "../views/comments/comment-form.tsx";
import { CommentsSection } from "../views/comments/comments-section.tsx";
import { ReviewPage } from "../views/review-page.tsx";
import { ReviewHead } from "../views/seo.tsx";
import { commenterCookieName } from "./commenter-cookie.ts";
import { formSignIn, valuesOfDraft } from "./commenter-sign-in-form.ts";
import {
  emptyCommentForm,
  type CommentField,
  type CommentFormValues,
} from "./comment-form-input.ts";
import { siteContext } from "./site.ts";

/** A submission shown back to its author. */
export interface ReturnedForm {
  status: ContentfulStatusCode;
  values: CommentFormValues;
  errors?: Partial<Record<CommentField, string>>;
  notice?: string;
  parentId?: number | undefined;
  /** Commenter sign-in's "Change": the provider buttons and guest fields again. */
  choosing?: boolean;
}

export async function renderReviewPage(
  c: Context,
  services: Services,
  data: ReviewPageData,
  returned?: ReturnedForm,
): Promise<Response> {
  const { db } = services;
  const { site, settings } = await siteContext(services);
  const { review } = data;
  const viewKey = c.req.query("comment");
  const ownId = viewKey ? await readCommentViewKey(db, viewKey) : undefined;
  const comments = await commentsOfReview(db, review.id, ownId);
  const maxDepth = settings.commentThreadDepth;
  const threads = threadComments(comments, maxDepth);

  // Commenter sign-in (issue 6): who is signed in, and a comment typed before signing in.
  const signIn = await formSignIn(c, services, `/review/${review.slug}`, returned?.choosing);
  const wanted = returned
    ? returned.parentId
    : (signIn.draft?.parentId ?? replyParam(c.req.query("replytocom")));
  const parent = wanted === undefined ? undefined : comments.find((x) => x.id === wanted);
  const parentDepth = parent && depthOf(threads, parent.id);
  const replyTo =
    parent && !parent.awaitingModeration && parentDepth !== undefined && parentDepth < maxDepth
      ? { id: parent.id, name: parent.authorName }
      : undefined;

  const form: CommentFormProps = {
    action: `/review/${review.slug}/comments`,
    reviewSlug: review.slug,
    token: await issueFormToken(db, review.id),
    values:
      returned?.values ??
      (signIn.draft ? valuesOfDraft(signIn.draft) : await rememberedCommenter(c, services)),
    errors: returned?.errors ?? {},
    notice: returned?.notice,
    replyTo,
    signIn: signIn.offer,
  };
  const label = filmLabel(data.film);
  return renderPage(
    c,
    site,
    {
      title: label,
      description: review.excerpt,
      head: <ReviewHead data={data} scale={settings.ratingScale} />,
      status: returned?.status ?? 200,
    },
    <ReviewPage
      data={data}
      bodyHtml={review.body_html}
      scale={settings.ratingScale}
      mediaBase="/media"
      comments={
        <CommentsSection
          reviewLabel={label}
          reviewSlug={review.slug}
          threads={threads}
          count={comments.filter((x) => !x.awaitingModeration).length}
          maxDepth={maxDepth}
          closed={commentsClosed(review.published_at, settings.closeCommentsAfterDays, nowIso())}
          form={form}
          avatars={settings.showGravatar ? "gravatar" : "local"}
        />
      }
    />,
  );
}

function replyParam(raw: string | undefined): number | undefined {
  return raw && /^\d{1,12}$/.test(raw) ? Number(raw) : undefined;
}

async function rememberedCommenter(c: Context, services: Services): Promise<CommentFormValues> {
  const cookie = getCookie(c, commenterCookieName);
  const who = cookie ? await readCommenterCookie(services.db, cookie) : undefined;
  return who ? { ...emptyCommentForm, ...who, save: true } : emptyCommentForm;
}
