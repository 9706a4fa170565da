// The admin's posts and pages: list, write, edit, delete. They speak for the site rather
// than for one reviewer, so only roles with `manage_posts` (owners and editors) may touch
// them, checked here on every request whatever the pages offered.
import type { Hono } from "hono";
import type { Post, PostKind } from "../../db/schema.ts";
import {
  createPost,
  deletePost,
  postById,
  PostInputError,
  postPath,
  postSlugTaken,
  postsForAdmin,
  tagsOfPost,
  updatePost,
} from "../../domain/posts.ts";
import { nowIso } from "../../domain/time.ts";
import { signedInUser, type AdminEnv } from "../auth/session.ts";
import type { Services } from "../services.ts";
import { currentCsrfToken, notFoundInAdmin, renderAdmin, type AdminContext } from "./admin-page.ts";
import {
  emptyPostValues,
  postValuesFromForm,
  postValuesFromPost,
  validatePost,
  type PostErrors,
  type PostValues,
} from "./post-form.ts";
import { DeletePostPage, PostEditorPage, PostListPage } from "./views/post-pages.tsx";
import { adminRoute } from "../route-facts.ts";

const expiredForm =
  "This form expired, so nothing was saved. What you typed is below: send it again.";

const notices: Record<string, string> = {
  created: "Created.",
  saved: "Saved.",
  deleted: "Deleted.",
};

interface EditorState {
  existing?: Post;
  values: PostValues;
  errors?: PostErrors;
  formError?: string;
  notice?: string | undefined;
  status?: 200 | 400 | 403;
}

export function registerPostAdminRoutes(admin: Hono<AdminEnv>, services: Services): void {
  const { db } = services;

  admin.get("/posts", adminRoute({ capability: "manage_posts" }), async (c) => {
    const done = c.req.query("done") ?? "";
    return renderAdmin(
      c,
      services,
      { title: "Posts and pages" },
      <PostListPage
        posts={await postsForAdmin(db)}
        notice={Object.hasOwn(notices, done) ? notices[done] : undefined}
      />,
    );
  });

  async function showEditor(c: AdminContext, state: EditorState): Promise<Response> {
    const { existing } = state;
    const isPublic =
      existing && existing.status !== "draft" && (existing.published_at ?? "") <= nowIso();
    const noun = state.values.kind === "post" ? "post" : "page";
    return renderAdmin(
      c,
      services,
      { title: existing ? `Edit ${noun}` : `Write a ${noun}`, status: state.status ?? 200 },
      <PostEditorPage
        {...(existing ? { postId: existing.id } : {})}
        {...(isPublic ? { publicPath: postPath(existing.kind, existing.slug) } : {})}
        values={state.values}
        errors={state.errors ?? {}}
        notice={state.notice}
        formError={state.formError}
        csrf={await currentCsrfToken(c, services)}
      />,
    );
  }

  /** The post named in the path, if it exists. */
  async function postFor(c: AdminContext): Promise<Post | Response> {
    const post = await postById(db, Number(c.req.param("id")));
    return post ?? notFoundInAdmin(c, services);
  }

  admin.get("/posts/new", adminRoute({ capability: "manage_posts" }), (c) => {
    const kind: PostKind = c.req.query("kind") === "post" ? "post" : "page";
    return showEditor(c, { values: emptyPostValues(kind) });
  });

  admin.get("/posts/:id{[0-9]+}/edit", adminRoute({ capability: "manage_posts" }), async (c) => {
    const post = await postFor(c);
    if (post instanceof Response) return post;
    const done = c.req.query("done") ?? "";
    return showEditor(c, {
      existing: post,
      values: postValuesFromPost(post, await tagsOfPost(db, post.id)),
      notice: Object.hasOwn(notices, done) ? notices[done] : undefined,
    });
  });

  async function save(c: AdminContext, existing?: Post): Promise<Response> {
    const typed = postValuesFromForm(await c.req.parseBody());
    // A post stays the kind it was made as: its address depends on it.
    const values = existing ? { ...typed, kind: existing.kind } : typed;
    const base = { values, ...(existing ? { existing } : {}) };
    if (!c.get("csrfValid")) return showEditor(c, { ...base, formError: expiredForm, status: 403 });
    const checked = validatePost(values);
    if (!checked.ok) return showEditor(c, { ...base, errors: checked.errors, status: 400 });
    const input = checked.input;
    const slugTaken: PostErrors = {
      slug: `Another ${input.kind} already has this address: choose another one.`,
    };
    if (input.slug && (await postSlugTaken(db, input.kind, input.slug, existing?.id))) {
      return showEditor(c, { ...base, errors: slugTaken, status: 400 });
    }
    const { user } = signedInUser(c);
    let saved: Post;
    try {
      saved = existing
        ? await updatePost(db, existing.id, {
            title: input.title,
            slug: input.slug || existing.slug,
            body: input.body,
            status: input.status,
            publishedAt: input.publishAt,
            tags: input.tags,
          })
        : await createPost(db, {
            kind: input.kind,
            title: input.title,
            slug: input.slug || undefined,
            body: input.body,
            status: input.status,
            publishedAt: input.publishAt,
            authorId: user.id,
            tags: input.tags,
          });
    } catch (error) {
      // The post vanished meanwhile, or someone took the address between check and save.
      if (error instanceof PostInputError) {
        return showEditor(c, { ...base, formError: error.message, status: 400 });
      }
      if (input.slug && (await postSlugTaken(db, input.kind, input.slug, existing?.id))) {
        return showEditor(c, { ...base, errors: slugTaken, status: 400 });
      }
      throw error;
    }
    return c.redirect(`/admin/posts/${saved.id}/edit?done=${existing ? "saved" : "created"}`, 303);
  }

  admin.post("/posts/new", adminRoute({ capability: "manage_posts" }, { keepInput: true }), (c) =>
    save(c),
  );

  admin.post(
    "/posts/:id{[0-9]+}/edit",
    adminRoute({ capability: "manage_posts" }, { keepInput: true }),
    async (c) => {
      const post = await postFor(c);
      if (post instanceof Response) return post;
      return save(c, post);
    },
  );

  admin.get("/posts/:id{[0-9]+}/delete", adminRoute({ capability: "manage_posts" }), async (c) => {
    const post = await postFor(c);
    if (post instanceof Response) return post;
    const noun = post.kind === "page" ? "page" : "post";
    return renderAdmin(
      c,
      services,
      { title: `Delete this ${noun}?` },
      <DeletePostPage
        postId={post.id}
        kind={post.kind}
        title={post.title}
        csrf={await currentCsrfToken(c, services)}
      />,
    );
  });

  admin.post("/posts/:id{[0-9]+}/delete", adminRoute({ capability: "manage_posts" }), async (c) => {
    const post = await postFor(c);
    if (post instanceof Response) return post;
    await deletePost(db, post.id);
    return c.redirect("/admin/posts?done=deleted", 303);
  });
}
