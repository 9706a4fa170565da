// The comment moderation queue. Owners and editors moderate every comment; authors only the
// comments under their own reviews; contributors none. The check is made here for every
// comment a request names, whatever the page offered, so a forged post changes nothing.
import type { Hono } from "hono";
import type { User } from "../../db/schema.ts";
import {
  actionApplies,
  editComment,
  moderateComment,
  moderateComments,
  moderationActions,
  moderationPageSize,
  moderationQueue,
  moderationTarget,
  moderationTargets,
  queueCounts,
  replyAsUser,
  reviewsWithComments,
  type ModerationAction,
  type ModerationTarget,
} from "../../domain/comment-moderation.ts";
import { can, scopeOf } from "../../domain/roles.ts";
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
  parseQueueQuery,
  rowAnchor,
  safeBack,
  validateEdit,
  validateReply,
  withNotice,
} from "./comment-form.ts";
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

const doneNotices: Record<string, (n: number) => string> = {
  approve: (n) => `${plural(n)} approved.`,
  unapprove: (n) => `${plural(n)} sent back to pending.`,
  spam: (n) => `${plural(n)} marked as spam.`,
  notspam: (n) => `${plural(n)} taken out of spam, back where ${n === 1 ? "it was" : "they were"}.`,
  trash: (n) => `${plural(n)} moved to the trash.`,
  restore: (n) => `${plural(n)} restored to where ${n === 1 ? "it was" : "they were"}.`,
  delete: (n) => `${plural(n)} deleted permanently.`,
  edit: () => "Comment saved.",
  reply: () => "Reply published.",
  none: () => "Select at least one comment first.",
};

function plural(n: number): string {
  return n === 1 ? "1 comment" : `${n} comments`;
}

function mayModerate(user: User, target: ModerationTarget): boolean {
  return can(user, "moderate_comments", {
    authorId: target.subject.authorId,
    status: target.subject.status,
  });
}

const rowAction = `:action{${moderationActions.filter((a) => a !== "delete").join("|")}}`;

export function registerCommentModerationRoutes(admin: Hono<AdminEnv>, services: Services): void {
  const { db } = services;

  admin.get("/comments", adminRoute("signed-in"), async (c) => {
    const { user } = signedInUser(c);
    const scope = scopeOf(user, "moderate_comments");
    if (!scope) return forbidden(c, services);
    const reviewAuthorId = scope === "own" ? user.id : undefined;
    const query = parseQueueQuery(c.req.query());
    const { rows, total } = await moderationQueue(db, { ...query, reviewAuthorId });
    const done = doneNotices[c.req.query("done") ?? ""];
    const back = queueHref(query, query.page);
    return renderAdmin(
      c,
      services,
      { title: "Comments", styles: ["comments"] },
      <CommentQueuePage
        {...query}
        pages={Math.max(1, Math.ceil(total / moderationPageSize))}
        total={total}
        counts={await queueCounts(db, { reviewAuthorId, reviewId: query.reviewId })}
        reviews={await reviewsWithComments(db, reviewAuthorId)}
        rows={rows}
        back={back}
        notice={done?.(Number(c.req.query("n") ?? 1))}
        csrf={await currentCsrfToken(c, services)}
      />,
    );
  });

  /** The comment named in the path, if it exists and this user may moderate it. */
  async function targetFor(
    c: AdminContext,
  ): Promise<{ target: ModerationTarget; user: User } | Response> {
    const { user } = signedInUser(c);
    if (!scopeOf(user, "moderate_comments")) return forbidden(c, services);
    const target = await moderationTarget(db, Number(c.req.param("id")));
    if (!target) return notFoundInAdmin(c, services);
    if (!mayModerate(user, target)) return forbidden(c, services);
    return { target, user };
  }

  admin.post(`/comments/:id{[0-9]+}/${rowAction}`, adminRoute("signed-in"), async (c) => {
    // The router's alternation is not anchored at both ends: "approvexyz" arrives here with
    // the action "approve". Only a path that ends in exactly the action is one.
    const action = c.req.param("action") as ModerationAction;
    const named = c.req.path.split("/").at(-1);
    if (named !== action || !moderationActions.includes(action) || action === "delete") {
      return notFoundInAdmin(c, services);
    }
    const found = await targetFor(c);
    if (found instanceof Response) return found;
    const body = await c.req.parseBody();
    const back = safeBack(field(body, "back"));
    // An action that no longer applies (another moderator was quicker) changes nothing.
    const changed = await moderateComment(db, found.target.comment, action);
    const where = withNotice(back, action, changed ? 1 : 0) + rowAnchor(field(body, "anchor"));
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
    const found = await targetFor(c);
    if (found instanceof Response) return found;
    if (!actionApplies("delete", found.target.comment.status)) return cannotDelete(c);
    return renderAdmin(
      c,
      services,
      { title: "Delete comment", styles: ["comments"] },
      <CommentDeletePage
        target={found.target}
        back={safeBack(c.req.query("back") ?? "")}
        csrf={await currentCsrfToken(c, services)}
      />,
    );
  });

  admin.post("/comments/:id{[0-9]+}/delete", adminRoute("signed-in"), async (c) => {
    const found = await targetFor(c);
    if (found instanceof Response) return found;
    if (!actionApplies("delete", found.target.comment.status)) return cannotDelete(c);
    const back = safeBack(field(await c.req.parseBody(), "back"));
    await moderateComment(db, found.target.comment, "delete");
    return c.redirect(withNotice(back, "delete", 1), 303);
  });

  admin.post("/comments/bulk", adminRoute("signed-in"), async (c) => {
    const { user } = signedInUser(c);
    if (!scopeOf(user, "moderate_comments")) return forbidden(c, services);
    const body = await c.req.parseBody({ all: true });
    const back = safeBack(field(body, "back"));
    const action = moderationActions.find((a) => a === field(body, "action"));
    const raw = body.ids;
    const ids = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw])
      .map((v) => (typeof v === "string" && /^\d{1,12}$/.test(v) ? Number(v) : NaN))
      .filter((n) => Number.isSafeInteger(n));
    if (!action) return c.redirect(back, 303);
    if (ids.length === 0) return c.redirect(withNotice(back, "none"), 303);
    const targets = await moderationTargets(db, ids.slice(0, 1000));
    // One comment the user may not touch refuses the whole request: it was forged.
    if (targets.some((t) => !mayModerate(user, t))) return forbidden(c, services);
    const changed = await moderateComments(
      db,
      targets.map((t) => t.comment),
      action,
    );
    return c.redirect(withNotice(back, action, changed), 303);
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
    const found = await targetFor(c);
    if (found instanceof Response) return found;
    const { comment } = found.target;
    return showEdit(
      c,
      found.target,
      {
        name: comment.author_name,
        email: comment.author_email,
        url: comment.author_url ?? "",
        body: comment.body_md,
        status: comment.status,
      },
      c.req.query("saved") ? { notice: "Comment saved." } : {},
    );
  });

  admin.post(
    "/comments/:id{[0-9]+}/edit",
    adminRoute("signed-in", { keepInput: true }),
    async (c) => {
      const found = await targetFor(c);
      if (found instanceof Response) return found;
      const values = editValuesFromForm(await c.req.parseBody());
      if (!c.get("csrfValid")) {
        return showEdit(c, found.target, values, {
          status: 403,
          formError:
            "This form expired, so nothing was saved. What you typed is below: save again.",
        });
      }
      const checked = validateEdit(values);
      if (!checked.ok)
        return showEdit(c, found.target, values, { errors: checked.errors, status: 400 });
      await editComment(db, found.target.comment.id, checked.edit);
      return c.redirect(`/admin/comments/${found.target.comment.id}/edit?saved=1`, 303);
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

  /** Spam and trash are out of sight: answering them would publish a reply to nothing. */
  const repliable = (target: ModerationTarget) =>
    target.comment.status === "pending" || target.comment.status === "approved";
  const notRepliable =
    "This comment is in spam or the trash. Restore and approve it before replying.";

  admin.get("/comments/:id{[0-9]+}/reply", adminRoute("signed-in"), async (c) => {
    const found = await targetFor(c);
    if (found instanceof Response) return found;
    if (!repliable(found.target)) {
      return showReply(c, found.target, "", { status: 409, formError: notRepliable });
    }
    return showReply(c, found.target, "");
  });

  admin.post(
    "/comments/:id{[0-9]+}/reply",
    adminRoute("signed-in", { keepInput: true }),
    async (c) => {
      const found = await targetFor(c);
      if (found instanceof Response) return found;
      const body = field(await c.req.parseBody(), "body").replace(/\r\n/g, "\n");
      if (!c.get("csrfValid")) {
        return showReply(c, found.target, body, {
          status: 403,
          formError: "This form expired, so nothing was sent. Your reply is below: send it again.",
        });
      }
      if (!repliable(found.target)) {
        return showReply(c, found.target, body, { status: 409, formError: notRepliable });
      }
      const checked = validateReply(body);
      if (!checked.ok)
        return showReply(c, found.target, body, { error: checked.error, status: 400 });
      const { settings } = c.var;
      await replyAsUser(db, {
        to: found.target.comment,
        user: found.user,
        body,
        maxDepth: settings.commentThreadDepth,
      });
      return c.redirect(withNotice("/admin/comments", "reply"), 303);
    },
  );
}
