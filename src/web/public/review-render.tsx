// Renders a review page with its comments section (src/web/public/comments-render.tsx): for a
// plain visit (cached), one comment page (/review/SLUG/comment-page-N), a reply link
// (?replytocom=ID), a commenter's own waiting comment (?comment=ID.SIG), and a submission
// that comes back with problems (every field kept). Undefined when the comment page asked
// for does not exist.
import type { Context } from "hono";
import { reviewSubject } from "../../domain/comment-subjects.ts";
import { filmLabel } from "../../domain/films.ts";
import type { ReviewPageData } from "../../domain/review-page.ts";
import { renderPage } from "../render.ts";
import type { Services } from "../services.ts";
import { ReviewPage } from "../views/review-page.tsx";
import { ReviewHead } from "../views/seo.tsx";
import { buildComments, PagingLinks, type ReturnedForm } from "./comments-render.tsx";
import { WebmentionLink } from "./webmention-routes.tsx";

export type { ReturnedForm } from "./comments-render.tsx";

export async function renderReviewPage(
  c: Context,
  services: Services,
  data: ReviewPageData,
  returned?: ReturnedForm,
  commentPage?: number,
): Promise<Response | undefined> {
  const { site, settings } = c.var;
  const { review } = data;
  const label = filmLabel(data.film);
  const built = await buildComments(
    c,
    services,
    settings,
    {
      subject: reviewSubject(review.id),
      path: `/review/${review.slug}`,
      label,
      publishedAt: review.published_at,
      approvedComments: data.approvedComments,
    },
    { returned, commentPage },
  );
  if (!built) return undefined;
  if (typeof built === "string") return c.redirect(built, 301);
  return renderPage(
    c,
    site,
    {
      styles: ["comments"],
      title:
        built.page.page === built.page.defaultPage
          ? label
          : `${label} – comment page ${built.page.page}`,
      description: review.excerpt,
      head: (
        <>
          <ReviewHead data={data} scale={settings.ratingScale} />
          <PagingLinks prev={built.prev} next={built.next} />
          <WebmentionLink siteUrl={services.config.siteUrl} />
        </>
      ),
      status: returned?.status ?? 200,
    },
    <ReviewPage
      data={data}
      bodyHtml={review.body_html}
      scale={settings.ratingScale}
      mediaBase="/media"
      comments={built.section}
    />,
  );
}
