// Commenter sign-in routes (issue 6). The comment form's provider buttons post the whole
// form to /auth/KEY/start, which keeps what was typed with the sign-in and sends the reader to
// the provider; the provider sends them back to /auth/KEY/callback, which checks the answer,
// reads the profile and starts a commenter session, and the reader is back at the form with
// their comment. Every failure ends there too, with a message and the comment intact.
import type { Context, Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { checkFormToken } from "../../domain/comment-tokens.ts";
import {
  endCommenterSession,
  startCommenterSession,
} from "../../domain/commenter-sign-in/commenter-sessions.ts";
import { saveIdentity } from "../../domain/commenter-sign-in/identities.ts";
import {
  savePendingSignIn,
  takePendingSignIn,
  type Draft,
  type PendingSignIn,
} from "../../domain/commenter-sign-in/pending-sign-ins.ts";
import { safeReturnPath } from "../../domain/commenter-sign-in/return-path.ts";
import { isProviderKey, type ProviderKey } from "../../domain/sign-in-providers/presets.ts";
import { providerSummary } from "../../domain/sign-in-providers/provider-settings.ts";
import { nowIso } from "../../domain/time.ts";
import { copyAvatar } from "../../media/avatar-copy.ts";
import {
  clearCommenterSession,
  commenterSessionToken,
  setCommenterSession,
  setSignInState,
  takeSignInState,
} from "../auth/commenter/commenter-session-cookie.ts";
import { providerClient, ProviderSetupError } from "../auth/commenter/provider-client.ts";
import {
  beginSignIn,
  finishSignIn,
  isUnreachable,
  SignInError,
  type SignInFailure,
} from "../auth/commenter/sign-in-flow.ts";
import { isCrossSiteRequest, siteOrigins } from "../auth/csrf.ts";
import { renderPage } from "../render.ts";
import type { Services } from "../services.ts";
import {
  LeavingForProvider,
  SignInProblemPage,
} from "../views/comments/commenter-sign-in-pages.tsx";
import { messages as commentMessages } from "./comment-refusals.ts";
import { parseCommentForm } from "./comment-form-input.ts";
import { draftOf, valuesOfDraft } from "./commenter-sign-in-form.ts";
import { publicCommentTarget } from "../../domain/comment-targets.ts";
import { renderSubjectPage, subjectAddressOf } from "./subject-pages.tsx";
import { liveOnly } from "../route-facts.ts";

const kept = "Your comment is still here.";

/** What the reader is told when a sign-in does not complete, by why. */
export const signInMessages: Record<SignInFailure, (provider: string) => string> = {
  refused: (p) =>
    `You did not allow ${p} to share your account, so you are not logged in. ${kept} Log in again, or fill in your details to comment as a guest.`,
  "provider-error": (p) =>
    `${p} could not log you in. ${kept} Try again, or fill in your details to comment as a guest.`,
  state: (p) =>
    `This log-in with ${p} could not be matched to one started in this browser (it may have been started in another window, or taken too long). ${kept} Try again.`,
  expired: (p) =>
    `${p} answered that the log-in had expired or was already used. ${kept} Try again.`,
  unreachable: (p) =>
    `${p} could not be reached just now, so you are not logged in. ${kept} Try again in a moment, or fill in your details to comment as a guest.`,
  profile: (p) =>
    `Your account at ${p} could not be read, so you are not logged in. ${kept} Try again, or fill in your details to comment as a guest.`,
  setup: (p) =>
    `Logging in with ${p} is not available just now. ${kept} Fill in your details to comment as a guest.`,
};

const statusOf: Record<SignInFailure, ContentfulStatusCode> = {
  refused: 400,
  "provider-error": 502,
  state: 400,
  expired: 400,
  unreachable: 502,
  profile: 502,
  setup: 503,
};

function failureOf(error: unknown): SignInFailure {
  if (error instanceof SignInError) return error.failure;
  if (error instanceof ProviderSetupError) return "setup";
  return isUnreachable(error) ? "unreachable" : "setup";
}

export function registerCommenterSignInRoutes(app: Hono, services: Services): void {
  const { db, config } = services;
  // The comment form travels with the sign-in buttons: the same limit as posting it.
  const limit = bodyLimit({
    maxSize: 256 * 1024,
    onError: (c) => c.text("Comment too large.", 413),
  });

  /**
   * Reads a post of the comment form: the review, post or page it came from (`review`), the
   * draft, and whether the post is genuine (sent from this site, with its form token).
   */
  async function formPost(c: Context) {
    const body = await c.req.parseBody();
    const form = parseCommentForm(body);
    const returnPath = safeReturnPath(body.return_to);
    const address = returnPath && subjectAddressOf(returnPath);
    const review = address ? await publicCommentTarget(db, address, nowIso()) : undefined;
    if (!review) return { review: undefined } as const;
    const draft = draftOf(form.values, form.parentId);
    const back = (status: ContentfulStatusCode, notice?: string, choosing = false) =>
      showDraft(c, review.path, draft, status, notice, choosing);
    let refusal: Response | undefined;
    if (
      isCrossSiteRequest({ get: (n) => c.req.header(n) }, siteOrigins(config.siteUrl, c.req.url))
    ) {
      refusal = await back(403, commentMessages.crossSite);
    } else if (!(await checkFormToken(db, review.subject, form.token)).ok) {
      refusal = await back(422, commentMessages.expired);
    }
    return { review, draft, back, refusal } as const;
  }

  /** The review's (or post's) page again, with the comment as the reader left it. */
  async function showDraft(
    c: Context,
    returnPath: string,
    draft: Draft,
    status: ContentfulStatusCode,
    notice?: string,
    choosing = false,
  ): Promise<Response> {
    const address = subjectAddressOf(returnPath);
    const page =
      address &&
      (await renderSubjectPage(c, services, address, nowIso(), {
        returned: {
          status,
          values: valuesOfDraft(draft),
          notice,
          parentId: draft.parentId,
          choosing,
        },
      }));
    return page ?? problemPage(c, status, notice ?? "");
  }

  async function problemPage(c: Context, status: ContentfulStatusCode, message: string) {
    const { site } = c.var;
    return renderPage(
      c,
      site,
      { title: "Not logged in", status, styles: ["comments"] },
      <SignInProblemPage message={message} />,
    );
  }

  const labelOf = async (key: ProviderKey) => (await providerSummary(db, key)).label;

  app.post("/auth/:provider/start", liveOnly(), limit, async (c) => {
    const key = c.req.param("provider");
    if (!isProviderKey(key)) return c.notFound();
    const post = await formPost(c);
    if (!post.review) return c.notFound();
    if (post.refusal) return post.refusal;
    const label = await labelOf(key);
    try {
      const pc = await providerClient(db, key, config.siteUrl);
      const { url, checks } = await beginSignIn(pc);
      await savePendingSignIn(db, {
        ...checks,
        provider: key,
        returnPath: post.review.path,
        draft: post.draft,
      });
      setSignInState(c, config.siteUrl, checks.state);
      // A page that moves on by itself rather than a redirect: the review page's policy lets
      // its forms post only to this site ("form-action 'self'"), which browsers apply to
      // where a form's redirect leads as well.
      const { site } = c.var;
      return renderPage(
        c,
        site,
        {
          title: `Logging in with ${label}`,
          styles: ["comments"],
          head: <meta http-equiv="refresh" content={`0; url=${url.href}`} />,
        },
        <LeavingForProvider label={label} url={url.href} />,
      );
    } catch (error) {
      const failure = failureOf(error);
      services.logger.warn({ err: error, provider: key, failure }, "commenter sign-in not started");
      return post.back(statusOf[failure], signInMessages[failure](label));
    }
  });

  app.get("/auth/:provider/callback", liveOnly(), async (c) => {
    const key = c.req.param("provider");
    if (!isProviderKey(key)) return c.notFound();
    const label = await labelOf(key);
    const query = new URL(c.req.url).searchParams;
    const state = query.get("state") ?? "";
    const browserState = takeSignInState(c, config.siteUrl);
    const pending = state ? await takePendingSignIn(db, state) : undefined;
    // On failure the comment shown is the one this browser left with, found by its cookie.
    const own =
      browserState === state
        ? pending
        : browserState
          ? await takePendingSignIn(db, browserState)
          : undefined;
    const fail = (failure: SignInFailure, mine: PendingSignIn | undefined = own) => {
      const message = signInMessages[failure](label);
      return mine
        ? showDraft(c, mine.returnPath, mine.draft, statusOf[failure], message)
        : problemPage(c, statusOf[failure], message);
    };

    if (!pending || browserState !== state || pending.provider !== key) return fail("state");
    const error = query.get("error");
    if (error) return fail(error === "access_denied" ? "refused" : "provider-error");
    try {
      const pc = await providerClient(db, key, config.siteUrl);
      // The registered address exactly, whatever address this request arrived at.
      const callbackUrl = new URL(pc.redirectUri);
      callbackUrl.search = query.toString();
      const profile = await finishSignIn(pc, pending, callbackUrl);
      const avatarPath = await copyAvatar(
        profile.avatar,
        `${key}:${profile.subject}`,
        config.mediaDir,
        pc.local,
      );
      const identity = await saveIdentity(db, {
        provider: key,
        subject: profile.subject,
        name: profile.name,
        email: profile.email,
        avatarPath,
        profileUrl: profile.profileUrl,
      });
      const previous = commenterSessionToken(c);
      if (previous) await endCommenterSession(db, previous);
      const token = await startCommenterSession(db, identity.id, {
        returnPath: pending.returnPath,
        draft: pending.draft,
      });
      setCommenterSession(c, config.siteUrl, token);
      return c.redirect(`${pending.returnPath}#respond`, 303);
    } catch (err) {
      const failure = failureOf(err);
      services.logger.warn({ err, provider: key, failure }, "commenter sign-in failed");
      return fail(failure, pending);
    }
  });

  app.post("/auth/commenter/logout", liveOnly(), limit, async (c) => {
    const post = await formPost(c);
    if (!post.review) return c.notFound();
    if (post.refusal) return post.refusal;
    const token = commenterSessionToken(c);
    if (token) await endCommenterSession(db, token);
    clearCommenterSession(c, config.siteUrl);
    return post.back(200);
  });

  app.post("/auth/commenter/change", liveOnly(), limit, async (c) => {
    const post = await formPost(c);
    if (!post.review) return c.notFound();
    if (post.refusal) return post.refusal;
    return post.back(200, undefined, true);
  });
}
