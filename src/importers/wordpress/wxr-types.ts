// What a WordPress export (WXR 1.0, 1.1 or 1.2) holds, as the reader hands it over: one
// record at a time, in file order, so a large export never sits in memory whole.

export interface WxrSite {
  title: string;
  link: string;
  /** `wp:base_site_url` (1.1+) or the channel link: names the source for re-runs. */
  baseUrl: string;
  wxrVersion: string;
}

export interface WxrAuthor {
  id: string;
  login: string;
  email: string;
  displayName: string;
}

export interface WxrTerm {
  kind: "category" | "tag";
  slug: string;
  name: string;
}

export interface WxrComment {
  id: string;
  parentId: string;
  author: string;
  email: string;
  url: string;
  ip: string;
  /** Local time as WordPress wrote it, `2012-03-04 21:05:00`. */
  date: string;
  dateGmt: string;
  content: string;
  /** `1`, `0`, `spam`, `trash` or `post-trashed`. */
  approved: string;
  /** Empty or `comment` for a comment; `pingback`; `trackback`. */
  type: string;
}

export interface WxrItem {
  postId: string;
  title: string;
  link: string;
  postName: string;
  /** `post`, `page`, `attachment`, `revision`, `nav_menu_item`, … */
  postType: string;
  /** `publish`, `draft`, `pending`, `private`, `future`, `trash`, `inherit`. */
  status: string;
  postDate: string;
  postDateGmt: string;
  /** The RSS `pubDate` (RFC 822), the last resort for a post's date. */
  pubDate: string;
  creator: string;
  content: string;
  excerpt: string;
  parentId: string;
  attachmentUrl: string;
  terms: { domain: string; slug: string; name: string }[];
  meta: Record<string, string>;
  comments: WxrComment[];
}

export type WxrRecord =
  | { type: "site"; site: WxrSite }
  | { type: "author"; author: WxrAuthor }
  | { type: "term"; term: WxrTerm }
  | { type: "item"; item: WxrItem };

export class WxrError extends Error {}
