// The cookies of commenter sign-in. The session cookie is a reader's own: not the admin's
// session cookie and not the "save my details" one, so nothing in /admin ever reads it. The
// state cookie ties a sign-in to the browser that began it (a callback arriving in another
// browser, or with another state, is refused), and is only sent to /auth/.
import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { commenterSessionLifetimeMs } from "../../../domain/commenter-sign-in/commenter-sessions.ts";

export const commenterSessionCookieName = "cinelog_reader_session";
const stateCookieName = "cinelog_signin_state";

const secure = (siteUrl: string) => siteUrl.startsWith("https:");

export function setCommenterSession(c: Context, siteUrl: string, token: string): void {
  setCookie(c, commenterSessionCookieName, token, {
    httpOnly: true,
    sameSite: "Lax",
    path: "/",
    secure: secure(siteUrl),
    maxAge: Math.floor(commenterSessionLifetimeMs / 1000),
  });
}

export function commenterSessionToken(c: Context): string | undefined {
  return getCookie(c, commenterSessionCookieName);
}

export function clearCommenterSession(c: Context, siteUrl: string): void {
  deleteCookie(c, commenterSessionCookieName, { path: "/", secure: secure(siteUrl) });
}

export function setSignInState(c: Context, siteUrl: string, state: string): void {
  setCookie(c, stateCookieName, state, {
    httpOnly: true,
    // Lax: sent when the provider sends the reader back with a top-level GET.
    sameSite: "Lax",
    path: "/auth/",
    secure: secure(siteUrl),
    maxAge: 15 * 60,
  });
}

/** The state this browser's sign-in began with, forgotten as it is read. */
export function takeSignInState(c: Context, siteUrl: string): string | undefined {
  const state = getCookie(c, stateCookieName);
  if (state !== undefined)
    deleteCookie(c, stateCookieName, { path: "/auth/", secure: secure(siteUrl) });
  return state;
}
