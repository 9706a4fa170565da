// Headers every response carries, whether rendered by the app or served from the page cache.
import { gravatarOrigin } from "../content/identicon.ts";
import type { Db } from "../db/connect.ts";
import { gravatarShown } from "../domain/moderation/comment-settings.ts";

// Pages load nothing from other hosts: a strict policy makes that a rule, not a habit. The one
// exception is the owner's to make: "Show Gravatar images" lets in that host, for images only.
function contentSecurityPolicy(imageHosts: string[]): string {
  return [
    "default-src 'self'",
    ["img-src 'self' data:", ...imageHosts].join(" "),
    "style-src 'self'",
    // Only for the ThumbHash placeholder behind each still (a data: URL in a style attribute)
    // and the local avatar behind a Gravatar image.
    "style-src-attr 'unsafe-inline'",
    "script-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

function headersWith(policy: string): Readonly<Record<string, string>> {
  return Object.freeze({
    "Content-Security-Policy": policy,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
  });
}

/** The strict headers: no other host at all. */
const securityHeaders = headersWith(contentSecurityPolicy([]));

const withGravatar = headersWith(contentSecurityPolicy([gravatarOrigin]));

/** The headers for this site's responses, as its settings stand (read at once, no query). */
export function securityHeadersFor(db: Db): Readonly<Record<string, string>> {
  return gravatarShown(db) ? withGravatar : securityHeaders;
}
