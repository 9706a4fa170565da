// "Leave a Reply": posting comments under a review, post or page, comment permalinks
// (/comment/ID, to the comment page holding it), and the comment feeds. A reader's words are never lost: every refusal shows
// the page again with what they typed, and an accepted comment is committed before the
// redirect that shows it.
import { clientAddressOf } from "../client-address.ts";
import type { Context, Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { commentViewKey, issueFormToken } from "../../domain/comment-tokens.ts";
import { spendAllowance } from "../../domain/sign-in-limits.ts";
import { commentById } from "../../domain/comments.ts";
import { filmLabel } from "../../domain/films.ts";
import { mailIsSetUp } from "../../domain/mail-settings.ts";
import { postComment } from "../../domain/post-comment.ts";
import { loadReviewPage } from "../../domain/review-page.ts";
import { commentPagePath, pageOfComment } from "../../domain/comment-pages.ts";
import { subjectDetails, subjectOf } from "../../domain/comment-subjects.ts";
import { nowIso } from "../../domain/time.ts";
import { renderCommentRss } from "../../feeds/comment-rss.ts";
import { latestApprovedComments } from "../../domain/comment-feed-items.ts";
import type { Services } from "../services.ts";
import { forgetCommenter, rememberCommenter } from "./commenter-cookie.ts";
import { parseCommentForm, parseSignedInCommentForm } from "./comment-form-input.ts";
import { forgetSessionDraft } from "../../domain/commenter-sign-in/commenter-sessions.ts";
import { commenterSessionToken } from "../auth/commenter/commenter-session-cookie.ts";
import { authorOf, currentCommenter } from "./commenter-sign-in-form.ts";
import { messages } from "./comment-refusals.ts";
import { parseId, parseSlug } from "./params.ts";
import { renderSubjectPage, subjectAddressOf } from "./subject-pages.tsx";
import { publicCommentTarget, type SubjectKind } from "../../domain/comment-targets.ts";
import { pageTags } from "../cache/page-tags.ts";
import { liveOnly, publicPage } from "../route-facts.ts";

export function registerCommentRoutes(app: Hono, services: Services): void {
  const { db, config } = services;

  // "Leave a Reply" under a review, a post or a page: parse, check who and from where, let
  // the domain decide (src/domain/post-comment.ts), then show the outcome.
  const receive = (kind: SubjectKind) => async (c: Context) => {
    const slug = parseSlug(c.req.param("slug") ?? "");
    // Only the subject itself: the whole page's data is loaded just to show the form again.
    const target = slug && (await publicCommentTarget(db, { kind, slug }, nowIso()));
    if (!target) return c.notFound();
    const body = await c.req.parseBody();
    // A reader signed in through a provider posts as that account, unless they chose
    // "Change" and are commenting as a guest this time.
    const signedIn = body.as_guest === "1" ? undefined : await currentCommenter(c, services);
    const form = signedIn
      ? parseSignedInCommentForm(body, authorOf(signedIn.identity))
      : parseCommentForm(body);
    const mailReady = await mailIsSetUp(db);
    if (!mailReady || (signedIn && !signedIn.identity.email)) {
      // Nobody could confirm (no mail), or the stand-in address receives nothing.
      form.values.notifyReplies = false;
      form.values.notifyPosts = false;
    }
    const back = async (
      status: 200 | 403 | 422 | 429,
      show: { notice?: string; confirm?: boolean; token?: string | undefined },
    ) => {
      const page = await renderSubjectPage(c, services, { kind, slug }, nowIso(), {
        returned: {
          status,
          values: form.values,
          errors: show.notice || show.confirm ? {} : form.errors,
          notice: show.notice,
          confirm: show.confirm,
          token: show.token,
          parentId: form.parentId,
        },
      });
      return page ?? c.notFound();
    };
    if (isCrossSite(c, config.siteUrl)) return back(403, { notice: messages.crossSite });

    const { settings } = c.var;
    const { values } = form;
    const ip = clientAddress(c);
    const result = await postComment(
      db,
      {
        subject: target.subject,
        publishedAt: target.publishedAt,
        name: values.name,
        email: values.email,
        url: values.url,
        body: values.comment,
        notifyReplies: values.notifyReplies,
        notifyPosts: values.notifyPosts,
        parentId: form.parentId,
        token: form.token,
        honeypot: form.honeypot,
        hasFieldErrors: Object.keys(form.errors).length > 0,
        signedIn: signedIn !== undefined,
        ip,
        userAgent: (c.req.header("user-agent") ?? "").slice(0, 500),
      },
      { settings, rateLimits: config.commentRateLimits, mailReady },
    );
    // A form shown back keeps a token minted for this reader, so their time runs on.
    const token = result.readerToken ? form.token : undefined;
    switch (result.outcome) {
      case "closed":
        return back(403, { notice: messages.closed, token });
      case "expired":
        return back(422, { notice: messages.expired });
      case "invalid":
        return back(422, { token });
      case "too-many":
        return back(429, { notice: messages.tooMany, token });
      case "confirm":
        return back(200, { confirm: true });
    }
    const { comment, decision } = result;
    services.logger.info(
      { commentId: comment.id, status: decision.status, reason: decision.reason },
      "comment received",
    );
    // The comment typed before signing in is posted: the form starts empty again.
    const sessionToken = commenterSessionToken(c);
    if (sessionToken) await forgetSessionDraft(db, sessionToken);
    if (signedIn) {
      // The details came from the account: "save my details" is a guest's choice.
    } else if (values.save) {
      await rememberCommenter(c, db, { name: values.name, email: values.email, url: values.url });
    } else {
      forgetCommenter(c);
    }
    // Spam is answered exactly like a held comment: a bot learns nothing. The reader lands on
    // the comment page that holds their comment.
    const key = await commentViewKey(db, comment.id);
    const where = await pageOfComment(db, target.subject, comment.id, settings, comment.id);
    const path = where ? commentPagePath(target.path, where.page, where.defaultPage) : target.path;
    return c.redirect(`${path}?comment=${key}#comment-${comment.id}`, 303);
  };
  // 20,000 characters of comment can be 80 kB of UTF-8; anything much bigger is not a person.
  const sizeLimit = bodyLimit({
    maxSize: 256 * 1024,
    onError: (c) => c.text("Comment too large.", 413),
  });
  app.post("/review/:slug/comments", liveOnly(), sizeLimit, receive("review"));
  app.post("/post/:slug/comments", liveOnly(), sizeLimit, receive("post"));
  app.post("/pages/:slug/comments", liveOnly(), sizeLimit, receive("page"));

  // A comment's permalink: the comment page that holds it, at the comment.
  app.get("/comment/:id", publicPage(pageTags.listing), async (c) => {
    const id = parseId(c.req.param("id"));
    const comment = id === undefined ? undefined : await commentById(db, id);
    if (!comment || comment.status !== "approved") return c.notFound();
    const subject = subjectOf(comment);
    const details = await subjectDetails(db, subject);
    const address = details && subjectAddressOf(details.path);
    const target = address && (await publicCommentTarget(db, address, nowIso()));
    if (!target) return c.notFound();
    const { settings } = c.var;
    const where = await pageOfComment(db, subject, comment.id, settings);
    if (!where) return c.notFound();
    const path = commentPagePath(target.path, where.page, where.defaultPage);
    return c.redirect(`${path}#comment-${comment.id}`, 302);
  });

  const rss = (c: Context, body: string) => {
    c.header("Content-Type", "application/rss+xml; charset=utf-8");
    return c.body(body);
  };

  app.get("/comments/feed.xml", publicPage(pageTags.listing), async (c) => {
    const { site } = c.var;
    return rss(
      c,
      renderCommentRss({
        title: `Comments on ${site.title}`,
        description: `The latest replies to reviews on ${site.title}.`,
        pageUrl: `${site.url}/`,
        selfUrl: `${site.url}/comments/feed.xml`,
        siteUrl: site.url,
        comments: await latestApprovedComments(db, nowIso()),
        fallbackUpdated: "2000-01-01T00:00:00.000Z",
      }),
    );
  });

  app.get("/review/:slug/comments/feed.xml", publicPage(pageTags.listing), async (c) => {
    const slug = parseSlug(c.req.param("slug"));
    const data = slug && (await loadReviewPage(db, slug, nowIso()));
    if (!data) return c.notFound();
    const { site } = c.var;
    const label = filmLabel(data.film);
    return rss(
      c,
      renderCommentRss({
        title: `Comments on “${label}”`,
        description: `Replies to the review of ${label} on ${site.title}.`,
        pageUrl: `${site.url}/review/${data.review.slug}`,
        selfUrl: `${site.url}/review/${data.review.slug}/comments/feed.xml`,
        siteUrl: site.url,
        comments: await latestApprovedComments(db, nowIso(), data.review.id),
        fallbackUpdated: data.review.published_at ?? data.review.created_at,
      }),
    );
  });
}

/** Fresh time tokens a reader may ask for in a window (15 minutes) before being told to wait. */
const tokenAllowance = 60;

/**
 * GET …/comments/token: a time token minted for this reader, which the form's script asks for
 * when the reader first touches the form (src/web/assets/comment-reply.js), so the minimum fill
 * time runs from then and not from when the cached page was rendered. Declared never cached
 * (and kept out of the static copy); limited per client address.
 */
export function registerCommentTokenRoutes(app: Hono, services: Services): void {
  const { db } = services;
  const mint = (kind: SubjectKind) => async (c: Context) => {
    c.header("Cache-Control", "no-store");
    const slug = parseSlug(c.req.param("slug") ?? "");
    const target = slug && (await publicCommentTarget(db, { kind, slug }, nowIso()));
    if (!target) return c.json({ error: "No such page." }, 404);
    const waitMinutes = await spendAllowance(
      db,
      `comment-token:${clientAddress(c)}`,
      tokenAllowance,
    );
    if (waitMinutes > 0) {
      c.header("Retry-After", String(waitMinutes * 60));
      return c.json({ error: "Too many requests." }, 429);
    }
    return c.json({ token: await issueFormToken(db, target.subject) });
  };
  app.get("/review/:slug/comments/token", liveOnly(), mint("review"));
  app.get("/post/:slug/comments/token", liveOnly(), mint("post"));
  app.get("/pages/:slug/comments/token", liveOnly(), mint("page"));
}

/**
 * A form posted from another site's page (a forged submission). Browsers send Origin on
 * POST, and Sec-Fetch-Site says where the request came from. The site's own address may be
 * its configured URL or the one it was reached at.
 */
function isCrossSite(c: Context, siteUrl: string): boolean {
  if (c.req.header("sec-fetch-site") === "cross-site") return true;
  const origin = c.req.header("origin");
  if (!origin) return false;
  return origin !== new URL(siteUrl).origin && origin !== new URL(c.req.url).origin;
}

function clientAddress(c: Context): string {
  return clientAddressOf(c, "");
}
