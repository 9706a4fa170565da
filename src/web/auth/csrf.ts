// Cross-site request forgery defences for every state-changing form.
//
// Two independent checks:
// - the request must come from this site: `Sec-Fetch-Site` (sent by every current browser)
//   or, failing that, `Origin` must match. This needs no session, so forms that have none
//   (sign-in, setup, a reader's comment) can use it too;
// - a signed-in person's forms carry a token bound to their session, an HMAC under the site
//   secret, so it cannot be guessed, and it dies with the session.
import type { Db } from "../../db/connect.ts";
import { sign, verifySignature } from "../../domain/secrets.ts";

export const csrfFieldName = "_csrf";

export function csrfTokenFor(db: Db, sessionId: string): Promise<string> {
  return sign(db, `csrf:${sessionId}`);
}

export async function csrfTokenIsValid(
  db: Db,
  sessionId: string,
  token: unknown,
): Promise<boolean> {
  if (typeof token !== "string" || token.length === 0 || token.length > 200) return false;
  return verifySignature(db, `csrf:${sessionId}`, token);
}

/**
 * True when a request was sent by another site. `allowedOrigins` are this site's origins
 * (its public SITE_URL, and the address the request arrived at).
 * A request with neither header (an old browser, curl) is not treated as cross-site: the
 * token check still protects it.
 */
export function isCrossSiteRequest(
  headers: { get(name: string): string | null | undefined },
  allowedOrigins: readonly string[],
): boolean {
  const fetchSite = headers.get("sec-fetch-site");
  // "none" is a person typing the address or using a bookmark.
  if (fetchSite) return fetchSite !== "same-origin" && fetchSite !== "none";
  const origin = headers.get("origin");
  if (!origin) return false;
  return !allowedOrigins.includes(origin);
}

/** This site's origins for a request: the configured public URL and the request's own. */
export function siteOrigins(siteUrl: string, requestUrl: string): string[] {
  return [new URL(siteUrl).origin, new URL(requestUrl).origin];
}
