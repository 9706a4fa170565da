// What the comment form shows about commenter sign-in for this request: the enabled
// providers' buttons, or who is signed in (and the comment they typed before leaving for the
// provider). A page with a signed-in reader is personal: the page cache passes it by
// (src/web/cache/cache-middleware.ts).
import { createHash } from "node:crypto";
import type { Context } from "hono";
import { identiconDataUri } from "../../content/identicon.ts";
import {
  commenterOfSession,
  type ActiveCommenter,
} from "../../domain/commenter-sign-in/commenter-sessions.ts";
import type { CommenterIdentity } from "../../domain/commenter-sign-in/identities.ts";
import type { Draft } from "../../domain/commenter-sign-in/pending-sign-ins.ts";
import { isProviderKey, presets } from "../../domain/sign-in-providers/presets.ts";
import { enabledProviders } from "../../domain/sign-in-providers/provider-settings.ts";
import { siteWideRead } from "../cache/site-reads.ts";
import {
  clearCommenterSession,
  commenterSessionToken,
} from "../auth/commenter/commenter-session-cookie.ts";
import type { Services } from "../services.ts";
import type { SignInOffer } from "../views/comments/comment-sign-in.tsx";
import {
  emptyCommentForm,
  usableWebsite,
  type CommentAuthor,
  type CommentFormValues,
} from "./comment-form-input.ts";

/** The signed-in reader behind a request, if any; a dead session's cookie is dropped. */
export async function currentCommenter(
  c: Context,
  services: Services,
): Promise<ActiveCommenter | undefined> {
  const token = commenterSessionToken(c);
  if (!token) return undefined;
  const active = await commenterOfSession(services.db, token);
  if (!active) clearCommenterSession(c, services.config.siteUrl);
  return active;
}

interface FormSignIn {
  offer: SignInOffer | undefined;
  /** The comment typed before signing in, when it belongs to this page. */
  draft: Draft | undefined;
}

export async function formSignIn(
  c: Context,
  services: Services,
  returnPath: string,
  choosing = false,
): Promise<FormSignIn> {
  const [providers, active] = await Promise.all([
    siteWideRead(services.db, "sign-in buttons", enabledProviders),
    currentCommenter(c, services),
  ]);
  if (!active && providers.length === 0) return { offer: undefined, draft: undefined };
  const { identity } = active ?? {};
  return {
    offer: {
      providers,
      signedIn: identity && {
        name: identity.name,
        avatarUrl: avatarUrlOf(identity),
        providerLabel:
          providers.find((p) => p.key === identity.provider)?.label ??
          providerLabel(identity.provider),
        hasEmail: identity.email !== "",
      },
      choosing: choosing && !!identity,
    },
    draft: active?.draft?.returnPath === returnPath ? active.draft.draft : undefined,
  };
}

export function providerLabel(key: string): string {
  return isProviderKey(key) ? presets[key].label : key;
}

/** The copy made at sign-in, or the site's own drawing when there is none. */
function avatarUrlOf(identity: CommenterIdentity): string {
  if (identity.avatar_path) return `/media/${identity.avatar_path}`;
  const hash = createHash("sha256")
    .update(`${identity.provider}:${identity.subject}`)
    .digest("hex");
  return identiconDataUri(hash);
}

/**
 * Who a signed-in reader's comment is from. An account without an e-mail address gets a
 * stand-in that never receives mail but names the account, so that rate limits and "known
 * commenter" moderation count per account, as they count per address for guests.
 */
export function authorOf(identity: CommenterIdentity): CommentAuthor {
  const standIn = `${identity.provider}.${createHash("sha256").update(identity.subject).digest("hex").slice(0, 24)}@sign-in.invalid`;
  return {
    name: identity.name.slice(0, 100),
    email: identity.email || standIn,
    url: usableWebsite(identity.profile_url),
  };
}

export function valuesOfDraft(draft: Draft): CommentFormValues {
  return {
    ...emptyCommentForm,
    comment: draft.comment,
    name: draft.name,
    email: draft.email,
    url: draft.url,
    save: draft.save,
    notifyReplies: draft.notifyReplies,
    notifyPosts: draft.notifyPosts,
  };
}

/** The form as typed, cut to the form's own limits (a longer one was refused by it anyway). */
export function draftOf(values: CommentFormValues, parentId: number | undefined): Draft {
  return {
    ...values,
    comment: values.comment.slice(0, 20_000),
    name: values.name.slice(0, 100),
    email: values.email.slice(0, 254),
    url: values.url.slice(0, 200),
    parentId,
  };
}
