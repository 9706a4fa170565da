// The signed-in person behind a request: reads the session cookie, slides its expiry, and
// guards admin routes. Sign-in state lives in the database (src/domain/sessions.ts), so any
// app instance recognises any session.
import type { Context, MiddlewareHandler } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { Session, User } from "../../db/schema.ts";
import { resumeSession, sessionLifetimeMs } from "../../domain/sessions.ts";
import { clientAddressOf } from "../client-address.ts";
import type { Services } from "../services.ts";
import { sessionCookieName } from "../cookie-names.ts";

interface SignedIn {
  user: User;
  session: Session;
}

/** Hono environment of the admin: who is signed in, and whether the form's token held. */
export interface AdminEnv {
  Variables: {
    signedIn: SignedIn | undefined;
    csrfValid: boolean;
  };
}

export function setSessionCookie(c: Context, siteUrl: string, token: string): void {
  setCookie(c, sessionCookieName, token, {
    httpOnly: true,
    sameSite: "Lax",
    path: "/",
    // Over plain http (a local install) a Secure cookie would never come back.
    secure: siteUrl.startsWith("https:"),
    maxAge: Math.floor(sessionLifetimeMs / 1000),
  });
}

export function clearSessionCookie(c: Context, siteUrl: string): void {
  deleteCookie(c, sessionCookieName, {
    path: "/",
    secure: siteUrl.startsWith("https:"),
    httpOnly: true,
    sameSite: "Lax",
  });
}

/** Loads the session named by the cookie, if it is live, into `signedIn`. */
export function loadSession(services: Services): MiddlewareHandler<AdminEnv> {
  return async (c, next) => {
    const token = getCookie(c, sessionCookieName);
    const active = token ? await resumeSession(services.db, token) : undefined;
    c.set("signedIn", active ? { user: active.user, session: active.session } : undefined);
    if (token && !active) clearSessionCookie(c, services.config.siteUrl);
    if (token && active?.renewed) setSessionCookie(c, services.config.siteUrl, token);
    await next();
  };
}

/**
 * Admin pages need a session: a stranger's GET goes to the sign-in page (and comes back
 * after), any other method is refused outright.
 */
export function requireSignedIn(
  forbidden: (c: Context<AdminEnv>) => Promise<Response>,
): MiddlewareHandler<AdminEnv> {
  return async (c, next) => {
    if (c.get("signedIn")) return next();
    if (c.req.method === "GET" || c.req.method === "HEAD") {
      const next = new URL(c.req.url);
      return c.redirect(`/admin/sign-in?next=${encodeURIComponent(next.pathname)}`, 303);
    }
    return forbidden(c);
  };
}

/** The client's address for rate limiting (see src/web/client-address.ts). */
export function clientAddress(c: Context): string {
  return clientAddressOf(c, "unknown");
}

export function signedInUser(c: Context<AdminEnv>): SignedIn {
  const signedIn = c.get("signedIn");
  if (!signedIn) throw new Error("requireSignedIn must run before this route");
  return signedIn;
}
