// Reader routes for posts and pages that are not reviews. Pages live under /pages/ rather
// than at the site's root as WordPress had them: /page/N is the home page's pagination and
// a root address could one day collide with a new section. Imported WordPress addresses
// redirect here (src/importers/wordpress/import-posts.ts).
import type { Context, Hono } from "hono";
import type { PostKind } from "../../db/schema.ts";
import { loadPostPage } from "../../domain/posts-public.ts";
import { nowIso } from "../../domain/time.ts";
import { renderPage } from "../render.ts";
import type { Services } from "../services.ts";
import { PostPage } from "../views/post-page.tsx";
import { SocialTags } from "../views/seo.tsx";
import { parseSlug } from "./params.ts";
import { notFound } from "./routes.tsx";
import { siteContext } from "./site.ts";

export function registerPostRoutes(app: Hono, services: Services): void {
  const show = (kind: PostKind) => async (c: Context) => {
    const slug = parseSlug(c.req.param("slug") ?? "");
    const data = slug && (await loadPostPage(services.db, kind, slug, nowIso()));
    if (!data) return notFound(c, services);
    const { site } = await siteContext(services);
    const { post, tags } = data;
    const published = post.published_at ?? post.updated_at;
    return renderPage(
      c,
      site,
      {
        title: post.title,
        description: post.excerpt || undefined,
        head:
          kind === "post" ? (
            <SocialTags
              type="article"
              article={{
                published,
                modified: post.updated_at > published ? post.updated_at : published,
                tags: tags.map((t) => t.name),
              }}
            />
          ) : (
            <SocialTags type="website" />
          ),
      },
      <PostPage data={data} />,
    );
  };
  app.get("/post/:slug", show("post"));
  app.get("/pages/:slug", show("page"));
}
