// The request's address cleaned like any other text from outside (src/content/clean-text.ts),
// before routing: a `%00` in a path or query would reach a database lookup (an old address,
// a search) as a NUL, which PostgreSQL refuses with an error where SQLite answers.
import { cleanText } from "../content/clean-text.ts";

// Escapes of a C0 control, DEL or (in UTF-8) a C1 control: the only escapes worth a look.
const suspectEscape = /%(?:[01][0-9A-Fa-f]|7[Ff]|[Cc]2%[89][0-9A-Fa-f])/;

/**
 * The URL with control characters removed from its escaped runs (`%0D%0A` becomes `%0A`,
 * `%00` nothing); every other byte is left as it came, and a clean URL is returned as is.
 */
function cleanUrl(url: string): string {
  if (!suspectEscape.test(url)) return url;
  return url.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
    let text: string;
    try {
      text = decodeURIComponent(run);
    } catch {
      // Not UTF-8 (an old Latin-1 link, say): it never decodes, so it is no NUL either.
      return run;
    }
    const cleaned = cleanText(text);
    return cleaned === text ? run : encodeURIComponent(cleaned);
  });
}

/** The request itself when its address is clean, else the same request at the clean one. */
export function withCleanUrl(request: Request): Request {
  const url = cleanUrl(request.url);
  if (url === request.url) return request;
  const init: RequestInit & { duplex?: "half" } = {
    method: request.method,
    headers: request.headers,
    signal: request.signal,
  };
  if (request.body) {
    init.body = request.body;
    init.duplex = "half";
  }
  return new Request(url, init);
}
