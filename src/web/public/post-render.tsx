// Renders a post or page with its comments (src/web/public/comments-render.tsx), as the review
// page does: one comment page, reply links, a commenter's own waiting comment, and a
// submission that comes back with problems. Undefined when the comment page asked for does
// not exist.
import type { Context } from "hono";
import { postSubject } from "../../domain/comment-subjects.ts";
import { postPath } from "../../domain/posts.ts";
import type { PostPageData } from "../../domain/posts-public.ts";
import { renderPage } from "../render.ts";
import type { Services } from "../services.ts";
import { PostPage } from "../views/post-page.tsx";
import { SocialTags } from "../views/seo.tsx";
import { buildComments, PagingLinks, type ReturnedForm } from "./comments-render.tsx";
import { WebmentionLink } from "./webmention-routes.tsx";

export async function renderPostPage(
  c: Context,
  services: Services,
  data: PostPageData,
  returned?: ReturnedForm,
  commentPage?: number,
): Promise<Response | undefined> {
  const { site, settings } = c.var;
  const { post, tags } = data;
  const built = await buildComments(
    c,
    services,
    settings,
    {
      subject: postSubject(post.id),
      path: postPath(post.kind, post.slug),
      label: post.title,
      publishedAt: post.published_at,
    },
    { returned, commentPage },
  );
  if (!built) return undefined;
  if (typeof built === "string") return c.redirect(built, 301);
  const published = post.published_at ?? post.updated_at;
  const paged = built.page.page !== built.page.defaultPage;
  return renderPage(
    c,
    site,
    {
      title: paged ? `${post.title} – comment page ${built.page.page}` : post.title,
      styles: ["comments"],
      description: post.excerpt || undefined,
      head: (
        <>
          <WebmentionLink siteUrl={services.config.siteUrl} />
          {post.kind === "post" ? (
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
          )}
          <PagingLinks prev={built.prev} next={built.next} />
        </>
      ),
      status: returned?.status ?? 200,
    },
    <PostPage data={data} comments={built.section} />,
  );
}
