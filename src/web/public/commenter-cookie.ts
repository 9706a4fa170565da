// The "save my name, email, and website" cookie. Its holder gets a pre-filled form, so the
// page cache must never serve them a shared page (src/web/cache/cache-middleware.ts).
import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { Db } from "../../db/connect.ts";
import { commenterCookieValue, type Commenter } from "../../domain/comment-tokens.ts";
import { clientUsesHttps } from "../client-address.ts";
import { commenterCookieName } from "../cookie-names.ts";

export async function rememberCommenter(c: Context, db: Db, who: Commenter): Promise<void> {
  setCookie(c, commenterCookieName, await commenterCookieValue(db, who), {
    httpOnly: true,
    sameSite: "Lax",
    path: "/",
    maxAge: 365 * 24 * 60 * 60,
    secure: clientUsesHttps(c),
  });
}

export function forgetCommenter(c: Context): void {
  if (getCookie(c, commenterCookieName) !== undefined) {
    deleteCookie(c, commenterCookieName, { path: "/" });
  }
}
