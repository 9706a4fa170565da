// Turns a page component into a full HTML response inside the shared layout, sent as the
// UTF-8 bytes it is (src/web/html-bytes.ts) rather than as one long string.
import type { Context } from "hono";
import type { Child } from "hono/jsx";
import { jsx } from "hono/jsx";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { publicStylesheets, type PageFamily } from "./assets/assets.ts";
import { htmlBytes } from "./html-bytes.ts";
import { Layout, type SiteInfo } from "./views/layout.tsx";

interface PageMeta {
  title?: string;
  description?: string;
  status?: ContentfulStatusCode;
  /** Extra elements for <head>: feed links, Open Graph and JSON-LD (see views/seo). */
  head?: Child;
  /**
   * The page families whose stylesheets the page needs besides the base one (assets.ts): a
   * page links only the rules it can use.
   */
  styles: readonly PageFamily[];
}

export async function renderPage(
  c: Context,
  site: SiteInfo,
  meta: PageMeta,
  body: Child,
): Promise<Response> {
  const page = jsx(Layout, {
    site,
    title: meta.title,
    description: meta.description,
    path: new URL(c.req.url).pathname,
    stylesheets: publicStylesheets(meta.styles),
    head: meta.head,
    children: body,
  });
  const bytes = await htmlBytes("<!doctype html>", page);
  return c.body(bytes, meta.status ?? 200, { "Content-Type": "text/html; charset=UTF-8" });
}
