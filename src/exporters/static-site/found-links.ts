// The site's own addresses found in what the app wrote: root-relative links in a page's
// attributes, and absolute ones (the configured site URL) in feeds, the sitemap, social
// cards and structured data. The exporter follows them to catch anything the domain's list
// missed, such as later pages of a list.
import sanitizeHtml from "sanitize-html";

/** Attributes that name another address, by element. */
const urlAttributes: Record<string, string[]> = {
  a: ["href"],
  link: ["href"],
  img: ["src", "srcset"],
  script: ["src"],
  source: ["src", "srcset"],
  meta: ["content"],
};

/**
 * The site path a reference names (without query or fragment), or undefined when it leaves
 * the site. `siteUrl` has no trailing slash.
 */
export function sitePath(ref: string, siteUrl: string): string | undefined {
  let rest: string;
  if (ref === siteUrl || ref.startsWith(`${siteUrl}/`)) rest = ref.slice(siteUrl.length) || "/";
  else if (ref.startsWith("/") && !ref.startsWith("//")) rest = ref;
  else return undefined;
  const path = rest.replace(/[?#].*$/s, "");
  return path === "" ? "/" : path;
}

/** Every site path an HTML page refers to: links, images and their srcsets, scripts, forms. */
export function linksInHtml(html: string, siteUrl: string): string[] {
  const refs: string[] = [];
  // sanitize-html is only the parser here (htmlparser2, entities decoded); its output is
  // thrown away.
  sanitizeHtml(html, {
    allowedTags: [],
    allowedAttributes: {},
    onOpenTag: (tag, attributes) => {
      for (const name of urlAttributes[tag] ?? []) {
        const value = attributes[name];
        if (value === undefined) continue;
        if (name === "srcset") refs.push(...srcsetUrls(value));
        else refs.push(value);
      }
      // A form that posts needs the live server; only a GET form (search) names a page.
      const method = (attributes.method ?? "get").toLowerCase();
      if (tag === "form" && attributes.action !== undefined && method === "get") {
        refs.push(attributes.action);
      }
    },
  });
  const paths = refs.map((ref) => sitePath(ref.trim(), siteUrl));
  // Absolute addresses inside JSON-LD and the like, which are not attributes.
  return unique([...paths, ...linksInText(html, siteUrl)]);
}

/** Absolute addresses of the site inside any text: feeds, the sitemap, robots.txt. */
export function linksInText(text: string, siteUrl: string): string[] {
  const escaped = siteUrl.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const pattern = new RegExp(`${escaped}(/[^\\s"'<>\\\\)&]*)?`, "g");
  return unique([...text.matchAll(pattern)].map((m) => sitePath(m[0], siteUrl)));
}

/** "a.jpg 480w, b.jpg 960w" -> ["a.jpg", "b.jpg"]. */
function srcsetUrls(srcset: string): string[] {
  return srcset
    .split(",")
    .map((candidate) => candidate.trim().split(/\s+/)[0] ?? "")
    .filter(Boolean);
}

function unique(paths: (string | undefined)[]): string[] {
  return [...new Set(paths.filter((p): p is string => p !== undefined))];
}
