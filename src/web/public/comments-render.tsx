// The comments part of any page that takes comments — a review, a post or a page: one page of
// its threads, the page list, and the "Leave a Reply" form. Built here once for every kind,
// so posts get the same form, sign-in, replies and paging as reviews. The caller says which
// comment page is wanted; a page that does not exist is answered with a 404 by the caller.
import type { Context } from "hono";
import { getCookie } from "hono/cookie";
import type { Child } from "hono/jsx";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { loadCommentPage, commentPagePath, type CommentPage } from "../../domain/comment-pages.ts";
import type { CommentTarget } from "../../domain/comment-targets.ts";
import { depthOf } from "../../domain/comment-threads.ts";
import {
  issueConfirmToken,
  issuePageToken,
  readCommentViewKey,
  readCommenterCookie,
} from "../../domain/comment-tokens.ts";
import { commentById } from "../../domain/comments.ts";
import { mailIsSetUp } from "../../domain/mail-settings.ts";
import { commentsClosed } from "../../domain/moderation/rules.ts";
import type { SiteSettings } from "../../domain/settings.ts";
import { nowIso } from "../../domain/time.ts";
import { siteWideRead } from "../cache/site-reads.ts";
import type { Services } from "../services.ts";
import type { CommentFormProps } from "../views/comments/comment-form.tsx";
import { CommentsSection } from "../views/comments/comments-section.tsx";
import { commenterCookieName } from "../cookie-names.ts";
import { formSignIn, valuesOfDraft } from "./commenter-sign-in-form.ts";
import {
  emptyCommentForm,
  type CommentField,
  type CommentFormValues,
} from "./comment-form-input.ts";
import { HeadLink } from "../views/head-link.ts";

/** A submission shown back to its author. */
export interface ReturnedForm {
  status: ContentfulStatusCode;
  values: CommentFormValues;
  errors?: Partial<Record<CommentField, string>>;
  notice?: string;
  parentId?: number | undefined;
  /** Commenter sign-in's "Change": the provider buttons and guest fields again. */
  choosing?: boolean;
  /** A cached page's form came back: one click on "Post Comment" sends it. */
  confirm?: boolean | undefined;
  /** The reader's own time token, kept (src/domain/comment-tokens.ts). */
  token?: string | undefined;
}

interface BuiltComments {
  section: Child;
  page: CommentPage;
  /** rel=prev / rel=next addresses, for the page's head. */
  prev: string | undefined;
  next: string | undefined;
}

/**
 * Undefined when the comment page asked for does not exist; the plain address (a string) when
 * the page asked for by number is the one that address shows already.
 */
export async function buildComments(
  c: Context,
  services: Services,
  settings: SiteSettings,
  target: CommentTarget,
  options: { returned?: ReturnedForm | undefined; commentPage?: number | undefined } = {},
): Promise<BuiltComments | string | undefined> {
  const { db } = services;
  const { returned } = options;
  const viewKey = c.req.query("comment");
  const ownId = viewKey ? await readCommentViewKey(db, viewKey) : undefined;
  const maxDepth = settings.commentThreadDepth;
  const page = await loadCommentPage(db, target.subject, settings, {
    page: options.commentPage,
    ownId,
    approvedRows: target.approvedComments,
  });
  if (!page) return undefined;
  if (options.commentPage !== undefined && options.commentPage === page.defaultPage) {
    return target.path;
  }
  const { comments, threads } = page;
  const pathOf = (n: number) => commentPagePath(target.path, n, page.defaultPage);
  const here = pathOf(page.page);

  // Commenter sign-in (issue 6): who is signed in, and a comment typed before signing in.
  const signIn = await formSignIn(c, services, target.path, returned?.choosing);
  const wanted = returned
    ? returned.parentId
    : (signIn.draft?.parentId ?? replyParam(c.req.query("replytocom")));
  const parent = wanted === undefined ? undefined : comments.find((x) => x.id === wanted);
  const parentDepth = parent && depthOf(threads, parent.id);
  const replyTo =
    parent && !parent.awaitingModeration && parentDepth !== undefined && parentDepth < maxDepth
      ? { id: parent.id, name: parent.authorName }
      : undefined;

  const mailOffered = await siteWideRead(db, "mail set up", mailIsSetUp);
  const form: CommentFormProps = {
    action: `${target.path}/comments`,
    tokenUrl: `${target.path}/comments/token`,
    returnPath: target.path,
    pagePath: here,
    // This HTML may be cached and served for hours: its own token can only prove a post too
    // fast. A form shown back answers one reader's POST and is never cached.
    token: returned
      ? (returned.token ?? (await issueConfirmToken(db, target.subject)))
      : await issuePageToken(db, target.subject),
    confirm: returned?.confirm,
    mailOffered,
    values:
      returned?.values ??
      (signIn.draft ? valuesOfDraft(signIn.draft) : await rememberedCommenter(c, services)),
    errors: returned?.errors ?? {},
    notice: returned?.notice,
    replyTo,
    repliesByMail: target.subject.kind === "review",
    signIn: signIn.offer,
  };
  const prev = page.page > 1 ? pathOf(page.page - 1) : undefined;
  const next = page.page < page.pageCount ? pathOf(page.page + 1) : undefined;
  const section = (
    <CommentsSection
      reactions={page.reactions}
      ownNotice={
        mailOffered && ownId !== undefined ? await ownNoticeOf(services, ownId) : undefined
      }
      reviewLabel={target.label}
      pagePath={here}
      threads={threads}
      count={page.approvedCount}
      maxDepth={maxDepth}
      closed={commentsClosed(target.publishedAt, settings.closeCommentsAfterDays, nowIso())}
      form={form}
      avatars={settings.showGravatar ? "gravatar" : "local"}
      paging={{
        page: page.page,
        pageCount: page.pageCount,
        links: Array.from({ length: page.pageCount }, (_, i) => pathOf(i + 1)),
        prev,
        next,
      }}
    />
  );
  return { section, page, prev, next };
}

/** What the reader who just posted is told beside their comment: the mail to look for. */
async function ownNoticeOf(
  services: Services,
  ownId: number,
): Promise<{ id: number; text: string } | undefined> {
  const own = await commentById(services.db, ownId);
  if (!own || (!own.notify_replies && !own.notify_posts)) return undefined;
  // Said alike for every status, spam too: the page must not tell a bot how it was judged.
  return {
    id: own.id,
    text:
      "You asked to be notified by email. Check your inbox for a message with a link to " +
      "confirm: nothing more is sent until you follow it. If you confirmed before, there is " +
      "nothing to do.",
  };
}

function replyParam(raw: string | undefined): number | undefined {
  return raw && /^\d{1,12}$/.test(raw) ? Number(raw) : undefined;
}

async function rememberedCommenter(c: Context, services: Services): Promise<CommentFormValues> {
  const cookie = getCookie(c, commenterCookieName);
  const who = cookie ? await readCommenterCookie(services.db, cookie) : undefined;
  return who ? { ...emptyCommentForm, ...who, save: true } : emptyCommentForm;
}

/** <link rel=prev/next> for a paged comment section. */
export function PagingLinks(props: { prev: string | undefined; next: string | undefined }) {
  return (
    <>
      {props.prev ? <HeadLink rel="prev" href={props.prev} /> : null}
      {props.next ? <HeadLink rel="next" href={props.next} /> : null}
    </>
  );
}
