// The comment moderation screens: the queue, a row's actions, bulk actions, permanent deletion,
// editing and replying. Each handler parses the request, checks the role, calls an operation of
// domain/comment-moderation-operations.ts and renders its answer; whether this person may
// moderate each comment a request names (whatever the page offered, so a forged post changes
// nothing) is decided there.
import type { Hono } from "hono";
import {
  actionApplies,
  editComment,
  moderationActions,
  type ModerationAction,
  type ModerationTarget,
} from "../../domain/comment-moderation.ts";
import {
  commentToModerate,
  isRepliable,
  moderateOneComment,
  moderateSelectedComments,
  moderationQueuePage,
  replyToComment,
} from "../../domain/comment-moderation-operations.ts";
import { scopeOf } from "../../domain/roles.ts";
import { signedInUser, type AdminEnv } from "../auth/session.ts";
import type { Services } from "../services.ts";
import {
  currentCsrfToken,
  field,
  forbidden,
  notFoundInAdmin,
  renderAdmin,
  type AdminContext,
} from "./admin-page.ts";
import {
  editValuesFromForm,
  editValuesOf,
  parseQueueQuery,
  rowAnchor,
  safeBack,
  selectedIds,
  validateEdit,
  validateReply,
  withNotice,
} from "./comment-form.ts";
import { doneNotices, notRepliable } from "./comment-moderation-notices.ts";
import { MessagePage } from "./views/admin-sign-in-pages.tsx";
import {
  CommentDeletePage,
  CommentEditPage,
  CommentReplyPage,
  type CommentEditErrors,
  type CommentEditValues,
} from "./views/comment-forms.tsx";
import { CommentQueuePage, queueHref } from "./views/comment-queue.tsx";
import { adminRoute } from "../route-facts.ts";

const rowAction = `:action{${moderationActions.filter((a) => a !== "delete").join("|")}}`;

export function registerCommentModerationRoutes(admin: Hono<AdminEnv>, services: Services): void {
  const { db } = services;

  admin.get("/comments", adminRoute("signed-in"), async (c) => {
    const { user } = signedInUser(c);
    if (!scopeOf(user, "moderate_comments")) return forbidden(c, services);
    const query = parseQueueQuery(c.req.query());
    const queue = await moderationQueuePage(db, user, query);
    if (!queue.ok) return forbidden(c, services);
    const done = doneNotices[c.req.query("done") ?? ""];
    const back = queueHref(query, query.page);
    return renderAdmin(
      c,
      services,
      { title: "Comments", styles: ["comments"] },
      <CommentQueuePage
        {...query}
        pages={queue.pages}
        total={queue.total}
        counts={queue.counts}
        reviews={queue.reviews}
        rows={queue.rows}
        back={back}
        notice={done?.(Number(c.req.query("n") ?? 1))}
        csrf={await currentCsrfToken(c, services)}
      />,
    );
  });

  /** The page for an operation refused: no such comment, or not this person's to moderate. */
  const refusal = (c: AdminContext, reason: "not-found" | "forbidden") =>
    reason === "not-found" ? notFoundInAdmin(c, services) : forbidden(c, services);

  /** The comment named in the path, if it exists and this user may moderate it. */
  async function targetFor(c: AdminContext): Promise<ModerationTarget | Response> {
    const { user } = signedInUser(c);
    const found = await commentToModerate(db, user, Number(c.req.param("id")));
    return found.ok ? found.target : refusal(c, found.reason);
  }

  admin.post(`/comments/:id{[0-9]+}/${rowAction}`, adminRoute("signed-in"), async (c) => {
    // The router's alternation is not anchored at both ends: "approvexyz" arrives here with
    // the action "approve". Only a path that ends in exactly the action is one.
    const action = c.req.param("action") as ModerationAction;
    const named = c.req.path.split("/").at(-1);
    if (named !== action || !moderationActions.includes(action) || action === "delete") {
      return notFoundInAdmin(c, services);
    }
    const { user } = signedInUser(c);
    const done = await moderateOneComment(db, user, Number(c.req.param("id")), action);
    if (!done.ok) return refusal(c, done.reason);
    const body = await c.req.parseBody();
    const back = safeBack(field(body, "back"));
    // An action that no longer applies (another moderator was quicker) changes nothing.
    const where = withNotice(back, action, done.changed ? 1 : 0) + rowAnchor(field(body, "anchor"));
    return c.redirect(where, 303);
  });

  const cannotDelete = (c: AdminContext) =>
    renderAdmin(
      c,
      services,
      { title: "Not deleted", status: 409, styles: ["comments"] },
      <MessagePage
        title="Not deleted"
        message="Only spam and trashed comments can be deleted permanently. Move it to the trash first."
        link={["/admin/comments", "Back to comments"]}
      />,
    );

  admin.get("/comments/:id{[0-9]+}/delete", adminRoute("signed-in"), async (c) => {
    const target = await targetFor(c);
    if (target instanceof Response) return target;
    if (!actionApplies("delete", target.comment.status)) return cannotDelete(c);
    return renderAdmin(
      c,
      services,
      { title: "Delete comment", styles: ["comments"] },
      <CommentDeletePage
        target={target}
        back={safeBack(c.req.query("back") ?? "")}
        csrf={await currentCsrfToken(c, services)}
      />,
    );
  });

  admin.post("/comments/:id{[0-9]+}/delete", adminRoute("signed-in"), async (c) => {
    const { user } = signedInUser(c);
    // Only spam or trash is deleted: anything else changes nothing and is refused.
    const done = await moderateOneComment(db, user, Number(c.req.param("id")), "delete");
    if (!done.ok) return refusal(c, done.reason);
    if (!done.changed) return cannotDelete(c);
    const back = safeBack(field(await c.req.parseBody(), "back"));
    return c.redirect(withNotice(back, "delete", 1), 303);
  });

  admin.post("/comments/bulk", adminRoute("signed-in"), async (c) => {
    const { user } = signedInUser(c);
    if (!scopeOf(user, "moderate_comments")) return forbidden(c, services);
    const body = await c.req.parseBody({ all: true });
    const back = safeBack(field(body, "back"));
    const action = moderationActions.find((a) => a === field(body, "action"));
    const ids = selectedIds(body.ids);
    if (!action) return c.redirect(back, 303);
    if (ids.length === 0) return c.redirect(withNotice(back, "none"), 303);
    const done = await moderateSelectedComments(db, user, ids, action);
    if (!done.ok) return refusal(c, done.reason);
    return c.redirect(withNotice(back, action, done.changed), 303);
  });

  const showEdit = async (
    c: AdminContext,
    target: ModerationTarget,
    values: CommentEditValues,
    extra: {
      errors?: CommentEditErrors;
      formError?: string;
      notice?: string;
      status?: 200 | 400 | 403;
    } = {},
  ) =>
    renderAdmin(
      c,
      services,
      { title: "Edit comment", status: extra.status ?? 200, styles: ["comments"] },
      <CommentEditPage
        target={target}
        values={values}
        errors={extra.errors ?? {}}
        formError={extra.formError}
        notice={extra.notice}
        csrf={await currentCsrfToken(c, services)}
      />,
    );

  admin.get("/comments/:id{[0-9]+}/edit", adminRoute("signed-in"), async (c) => {
    const target = await targetFor(c);
    if (target instanceof Response) return target;
    const notice = c.req.query("saved") ? { notice: "Comment saved." } : {};
    return showEdit(c, target, editValuesOf(target.comment), notice);
  });

  admin.post(
    "/comments/:id{[0-9]+}/edit",
    adminRoute("signed-in", { keepInput: true }),
    async (c) => {
      const target = await targetFor(c);
      if (target instanceof Response) return target;
      const values = editValuesFromForm(await c.req.parseBody());
      if (!c.get("csrfValid")) {
        return showEdit(c, target, values, {
          status: 403,
          formError:
            "This form expired, so nothing was saved. What you typed is below: save again.",
        });
      }
      const checked = validateEdit(values);
      if (!checked.ok) return showEdit(c, target, values, { errors: checked.errors, status: 400 });
      await editComment(db, target.comment.id, checked.edit);
      return c.redirect(`/admin/comments/${target.comment.id}/edit?saved=1`, 303);
    },
  );

  const showReply = async (
    c: AdminContext,
    target: ModerationTarget,
    body: string,
    extra: { error?: string; formError?: string; status?: 400 | 403 | 409 } = {},
  ) =>
    renderAdmin(
      c,
      services,
      { title: "Reply to a comment", status: extra.status ?? 200, styles: ["comments"] },
      <CommentReplyPage
        target={target}
        body={body}
        error={extra.error}
        formError={extra.formError}
        csrf={await currentCsrfToken(c, services)}
      />,
    );

  admin.get("/comments/:id{[0-9]+}/reply", adminRoute("signed-in"), async (c) => {
    const target = await targetFor(c);
    if (target instanceof Response) return target;
    if (!isRepliable(target.comment)) {
      return showReply(c, target, "", { status: 409, formError: notRepliable });
    }
    return showReply(c, target, "");
  });

  admin.post(
    "/comments/:id{[0-9]+}/reply",
    adminRoute("signed-in", { keepInput: true }),
    async (c) => {
      const target = await targetFor(c);
      if (target instanceof Response) return target;
      const body = field(await c.req.parseBody(), "body").replace(/\r\n/g, "\n");
      if (!c.get("csrfValid")) {
        return showReply(c, target, body, {
          status: 403,
          formError: "This form expired, so nothing was sent. Your reply is below: send it again.",
        });
      }
      // Asked before the reply's words are checked: no wording makes such a reply possible.
      const closed = () => showReply(c, target, body, { status: 409, formError: notRepliable });
      if (!isRepliable(target.comment)) return closed();
      const checked = validateReply(body);
      if (!checked.ok) return showReply(c, target, body, { error: checked.error, status: 400 });
      const { user } = signedInUser(c);
      const maxDepth = c.var.settings.commentThreadDepth;
      const replied = await replyToComment(db, { target, user, body, maxDepth });
      if (!replied.ok) return closed();
      return c.redirect(withNotice("/admin/comments", "reply"), 303);
    },
  );
}
