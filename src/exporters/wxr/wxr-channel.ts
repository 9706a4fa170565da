// The start and end of the export: the channel with the site, its authors and its tags.
// Authors are named by a login made from their e-mail address (Cinelog has none), and the
// posts name their author by it, as WordPress expects.
import type { Db } from "../../db/connect.ts";
import { cdataTag, rssTime, tag } from "./wxr-text.ts";

interface ChannelSite {
  title: string;
  description: string;
  siteUrl: string;
}

/** User id → WordPress login, unique within the export. */
export type Logins = Map<number, string>;

export async function loadLogins(db: Db): Promise<{ logins: Logins; authors: string[] }> {
  const users = await db.kysely
    .selectFrom("users")
    .select(["id", "email", "display_name"])
    .orderBy("id")
    .execute();
  const logins: Logins = new Map();
  const taken = new Set<string>();
  const authors: string[] = [];
  for (const user of users) {
    const base =
      (user.email.split("@")[0] ?? "")
        .toLowerCase()
        .replace(/[^a-z0-9._-]+/g, "")
        .slice(0, 50) || "author";
    let login = base;
    for (let n = 2; taken.has(login); n++) login = `${base}${n}`;
    taken.add(login);
    logins.set(user.id, login);
    authors.push(
      `\t<wp:author>${tag("wp:author_id", user.id)}${cdataTag("wp:author_login", login)}` +
        `${cdataTag("wp:author_email", user.email)}${cdataTag("wp:author_display_name", user.display_name)}` +
        `${cdataTag("wp:author_first_name", "")}${cdataTag("wp:author_last_name", "")}</wp:author>\n`,
    );
  }
  return { logins, authors };
}

export function channelHead(site: ChannelSite, authors: string[], now: string): string {
  return `<?xml version="1.0" encoding="UTF-8" ?>
<!-- This is a WordPress eXtended RSS file written by Cinelog, to import into WordPress
     (Tools > Import > WordPress) or into another Cinelog (cinelog import wordpress FILE). -->
<rss version="2.0"
\txmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
\txmlns:content="http://purl.org/rss/1.0/modules/content/"
\txmlns:wfw="http://wellformedweb.org/CommentAPI/"
\txmlns:dc="http://purl.org/dc/elements/1.1/"
\txmlns:wp="http://wordpress.org/export/1.2/"
>
<channel>
\t${tag("title", site.title)}
\t${tag("link", site.siteUrl)}
\t${tag("description", site.description)}
\t${tag("pubDate", rssTime(now))}
\t<language>en</language>
\t<wp:wxr_version>1.2</wp:wxr_version>
\t${tag("wp:base_site_url", site.siteUrl)}
\t${tag("wp:base_blog_url", site.siteUrl)}
${authors.join("")}`;
}

/** Every tag, as `wp:tag` terms (WordPress creates them before the posts that use them). */
export async function tagTerms(db: Db): Promise<string> {
  const tags = await db.kysely
    .selectFrom("tags")
    .select(["id", "slug", "name"])
    .orderBy("id")
    .execute();
  return tags
    .map(
      (t) =>
        `\t<wp:tag>${tag("wp:term_id", t.id)}${cdataTag("wp:tag_slug", t.slug)}${cdataTag("wp:tag_name", t.name)}</wp:tag>\n`,
    )
    .join("");
}

export const channelTail = "</channel>\n</rss>\n";
