// Reader routes for posts and pages that are not reviews. Pages live under /pages/ rather
// than at the site's root as WordPress had them: /page/N is the home page's pagination and
// a root address could one day collide with a new section. Imported WordPress addresses
// redirect here (src/importers/wordpress/import-posts.ts). Each takes comments as a review
// does, with its comment pages at …/comment-page-N (src/web/public/reader-comment-routes.tsx posts).
import type { Context, Hono } from "hono";
import type { PostKind } from "../../db/schema.ts";
import { parseCommentPageSegment } from "../../domain/comment-pages.ts";
import { nowIso } from "../../domain/time.ts";
import type { Services } from "../services.ts";
import { parseSlug } from "./params.ts";
import { renderSubjectPage } from "./subject-pages.tsx";
import { pageTags } from "../cache/page-tags.ts";
import { publicPage } from "../route-facts.ts";

export function registerPostRoutes(app: Hono, services: Services): void {
  const show = (kind: PostKind) => async (c: Context) => {
    const slug = parseSlug(c.req.param("slug") ?? "");
    const segment = c.req.param("page");
    const commentPage = segment === undefined ? undefined : parseCommentPageSegment(segment);
    if (!slug || (segment !== undefined && commentPage === undefined)) {
      return c.notFound();
    }
    const response = await renderSubjectPage(c, services, { kind, slug }, nowIso(), {
      commentPage,
    });
    return response ?? c.notFound();
  };
  // A post or page, and each of its comment pages, carries its own tag.
  const shows = (kind: PostKind) => publicPage((param) => pageTags.post(kind, param("slug")));
  app.get("/post/:slug", shows("post"), show("post"));
  app.get("/pages/:slug", shows("page"), show("page"));
  app.get("/post/:slug/:page{comment-page-[^/]*}", shows("post"), show("post"));
  app.get("/pages/:slug/:page{comment-page-[^/]*}", shows("page"), show("page"));
}
