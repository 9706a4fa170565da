// A post or page that is not a review: title, byline (posts only: a page such as "About"
// is the site speaking, not dated), the body, and its tags. The body was rendered and
// sanitised when it was saved; the review page's classes give it the same typography. Its
// comments follow, as under a review.
import type { Child } from "hono/jsx";
import type { PostPageData } from "../../domain/posts-public.ts";
import { DateTime } from "./names.tsx";

/** `comments`: the comments section (src/web/public/comments-render.tsx), after the article. */
export function PostPage(props: { data: PostPageData; comments?: Child }) {
  const { post, authorName, tags, parent } = props.data;
  return (
    <>
      <article class="review post" aria-labelledby="post-title">
        <header class="review-header">
          {parent ? (
            <p class="meta">
              <a href={`/pages/${parent.slug}`}>{parent.title}</a>
            </p>
          ) : null}
          <h1 id="post-title">{post.title}</h1>
          {post.kind === "post" ? (
            <p class="meta">
              <span>
                By {authorName}, <DateTime iso={post.published_at ?? ""} />
              </span>
            </p>
          ) : null}
        </header>
        <div class="review-body" dangerouslySetInnerHTML={{ __html: post.body_html }} />
        {tags.length > 0 && (
          <p class="tags">
            Filed under: <span>{tags.map((t) => t.name).join(", ")}</span>
          </p>
        )}
      </article>
      {props.comments}
    </>
  );
}
