// Where a reader goes back to after signing in: only a path on this site. An absolute
// address, a scheme-relative one (//host) or a backslash trick (/\host, which browsers read
// as //host) would make the sign-in an open redirect.
export function safeReturnPath(value: unknown): string | undefined {
  if (typeof value !== "string" || value.length > 500) return undefined;
  if (!value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return undefined;
  if (/[\p{Cc}\\]/u.test(value)) return undefined;
  try {
    // Resolving against a placeholder host must keep that host: the path stays on this site.
    const url = new URL(value, "http://site.invalid");
    if (url.host !== "site.invalid") return undefined;
    return `${url.pathname}${url.search}`;
  } catch {
    return undefined;
  }
}
