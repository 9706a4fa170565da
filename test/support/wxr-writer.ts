// Writes WordPress exports (WXR) for the importer's tests and benchmark: the same elements,
// namespaces and CDATA sections WordPress's own exporter writes, one item at a time.

export interface WxrCommentSpec {
  id: number;
  parent?: number;
  author: string;
  email: string;
  url?: string;
  date: string;
  content: string;
  approved?: "1" | "0" | "spam" | "trash";
  type?: "" | "comment" | "pingback" | "trackback";
}

export interface WxrItemSpec {
  id: number;
  title: string;
  slug: string;
  type?: "post" | "page" | "attachment" | "revision";
  status?: "publish" | "draft" | "future" | "trash" | "inherit";
  /** `YYYY-MM-DD HH:MM:SS`, the site's local time and (here) also GMT. */
  date: string;
  /** `wp:post_date_gmt` when it differs from `date` (WordPress writes `0000-00-00 00:00:00` for drafts). */
  dateGmt?: string;
  /** The RSS `pubDate`; a fixed date in March 2012 by default. */
  pubDate?: string;
  creator?: string;
  content: string;
  tags?: string[];
  categories?: string[];
  comments?: WxrCommentSpec[];
  /** Post meta, as `wp:postmeta` pairs (`_thumbnail_id`, `_wp_attached_file`, …). */
  meta?: Record<string, string>;
  /** For an attachment: where the file was on the old site. */
  attachmentUrl?: string;
  /** A page's parent page (`wp:post_parent`). */
  parent?: number;
  /** The item's `link`; by default `/YYYY/MM/slug/` as a post's permalink. */
  link?: string;
}

export interface WxrSpec {
  version?: "1.0" | "1.1" | "1.2";
  title?: string;
  baseUrl?: string;
  authors?: { login: string; email: string; name: string }[];
}

export function cdata(text: string): string {
  return `<![CDATA[${text.replaceAll("]]>", "]]]]><![CDATA[>")}]]>`;
}

export function wxrHead(spec: WxrSpec = {}): string {
  const version = spec.version ?? "1.2";
  const base = spec.baseUrl ?? "https://films.example.org";
  const authors = (spec.authors ?? [{ login: "vera", email: "vera@example.org", name: "Vera" }])
    .map(
      (a, i) => `
  <wp:author><wp:author_id>${i + 1}</wp:author_id><wp:author_login>${cdata(a.login)}</wp:author_login><wp:author_email>${cdata(a.email)}</wp:author_email><wp:author_display_name>${cdata(a.name)}</wp:author_display_name></wp:author>`,
    )
    .join("");
  return `<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0"
  xmlns:excerpt="http://wordpress.org/export/${version}/excerpt/"
  xmlns:content="http://purl.org/rss/1.0/modules/content/"
  xmlns:wfw="http://wellformedweb.org/CommentAPI/"
  xmlns:dc="http://purl.org/dc/elements/1.1/"
  xmlns:wp="http://wordpress.org/export/${version}/">
<channel>
  <title>${spec.title ?? "Every Film in Order"}</title>
  <link>${base}</link>
  <description>A film journal</description>
  <language>en-GB</language>
  <wp:wxr_version>${version}</wp:wxr_version>
  <wp:base_site_url>${base}</wp:base_site_url>
  <wp:base_blog_url>${base}</wp:base_blog_url>${authors}
  <wp:category><wp:term_id>1</wp:term_id><wp:category_nicename>reviews</wp:category_nicename><wp:category_parent></wp:category_parent><wp:cat_name>${cdata("Reviews")}</wp:cat_name></wp:category>
  <wp:tag><wp:term_id>2</wp:term_id><wp:tag_slug>noir</wp:tag_slug><wp:tag_name>${cdata("Noir")}</wp:tag_name></wp:tag>
`;
}

export const wxrTail = "</channel>\n</rss>\n";

function slugOf(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, "-");
}

export function wxrItem(item: WxrItemSpec, baseUrl = "https://films.example.org"): string {
  const [day] = item.date.split(" ");
  const [year, month] = (day ?? "").split("-");
  const terms = [
    ...(item.categories ?? []).map(
      (c) => `<category domain="category" nicename="${slugOf(c)}">${cdata(c)}</category>`,
    ),
    ...(item.tags ?? []).map(
      (t) => `<category domain="post_tag" nicename="${slugOf(t)}">${cdata(t)}</category>`,
    ),
  ].join("\n    ");
  const comments = (item.comments ?? [])
    .map(
      (c) => `
    <wp:comment>
      <wp:comment_id>${c.id}</wp:comment_id>
      <wp:comment_author>${cdata(c.author)}</wp:comment_author>
      <wp:comment_author_email>${cdata(c.email)}</wp:comment_author_email>
      <wp:comment_author_url>${c.url ?? ""}</wp:comment_author_url>
      <wp:comment_author_IP>${cdata("192.0.2.10")}</wp:comment_author_IP>
      <wp:comment_date>${cdata(c.date)}</wp:comment_date>
      <wp:comment_date_gmt>${cdata(c.date)}</wp:comment_date_gmt>
      <wp:comment_content>${cdata(c.content)}</wp:comment_content>
      <wp:comment_approved>${cdata(c.approved ?? "1")}</wp:comment_approved>
      <wp:comment_type>${cdata(c.type ?? "comment")}</wp:comment_type>
      <wp:comment_parent>${c.parent ?? 0}</wp:comment_parent>
      <wp:comment_user_id>0</wp:comment_user_id>
    </wp:comment>`,
    )
    .join("");
  return `  <item>
    <title>${cdata(item.title)}</title>
    <link>${item.link ?? `${baseUrl}/${year}/${month}/${item.slug}/`}</link>
    <pubDate>${item.pubDate ?? "Mon, 05 Mar 2012 21:00:00 +0000"}</pubDate>
    <dc:creator>${cdata(item.creator ?? "vera")}</dc:creator>
    <guid isPermaLink="false">${baseUrl}/?p=${item.id}</guid>
    <description></description>
    <content:encoded>${cdata(item.content)}</content:encoded>
    <excerpt:encoded>${cdata("")}</excerpt:encoded>
    <wp:post_id>${item.id}</wp:post_id>
    <wp:post_date>${cdata(item.date)}</wp:post_date>
    <wp:post_date_gmt>${cdata(item.dateGmt ?? item.date)}</wp:post_date_gmt>
    <wp:comment_status>${cdata("open")}</wp:comment_status>
    <wp:post_name>${cdata(item.slug)}</wp:post_name>
    <wp:status>${cdata(item.status ?? "publish")}</wp:status>
    <wp:post_parent>${item.parent ?? 0}</wp:post_parent>
    <wp:menu_order>0</wp:menu_order>
    <wp:post_type>${cdata(item.type ?? "post")}</wp:post_type>
    <wp:post_password>${cdata("")}</wp:post_password>
    <wp:is_sticky>0</wp:is_sticky>
    ${terms}
    ${item.attachmentUrl ? `<wp:attachment_url>${cdata(item.attachmentUrl)}</wp:attachment_url>` : ""}
    ${Object.entries({ _edit_last: "1", ...item.meta })
      .map(
        ([key, value]) =>
          `<wp:postmeta><wp:meta_key>${cdata(key)}</wp:meta_key><wp:meta_value>${cdata(value)}</wp:meta_value></wp:postmeta>`,
      )
      .join("\n    ")}${comments}
  </item>
`;
}

export function wxrDocument(spec: WxrSpec, items: WxrItemSpec[]): string {
  return wxrHead(spec) + items.map((i) => wxrItem(i, spec.baseUrl)).join("") + wxrTail;
}
