// The dashboard, the list of reviews and the review editor. Who may write, edit, publish or
// schedule is decided here, on the server, whatever the form's buttons offered.
import type { Hono } from "hono";
import { renderReviewBody } from "../../content/markdown.ts";
import { inTransaction } from "../../db/transaction.ts";
import type { Review, ReviewStatus, User } from "../../db/schema.ts";
import {
  adminReviews,
  filmChoices,
  reviewCounts,
  type FilmChoice,
} from "../../domain/admin-overview.ts";
import { createFilm, filmById } from "../../domain/films.ts";
import { updateReview, reviewForEditing, reviewRevisions } from "../../domain/review-editing.ts";
import { createReview, ReviewInputError } from "../../domain/reviews.ts";
import { pendingCount } from "../../domain/comment-moderation.ts";
import { can, scopeOf, type ReviewResource } from "../../domain/roles.ts";
import { nowIso } from "../../domain/time.ts";
import { signedInUser, type AdminEnv } from "../auth/session.ts";
import { siteContext } from "../public/site.ts";
import type { Services } from "../services.ts";
import {
  currentCsrfToken,
  forbidden,
  notFoundInAdmin,
  renderAdmin,
  type AdminContext,
} from "./admin-page.ts";
import {
  emptyEditorValues,
  intentFromForm,
  scaleInput,
  validateEditor,
  valuesFromForm,
  valuesFromReview,
  type EditorErrors,
  type EditorValues,
  type Intent,
  type ValidEditorInput,
} from "./review-form.ts";
import { DashboardPage, ReviewsListPage, shortTime } from "./views/overview-pages.tsx";
import { ReviewEditorPage } from "./views/review-editor.tsx";

function resourceOf(review: Review): ReviewResource {
  return { authorId: review.author_id, status: review.status };
}

const statusForIntent: Record<Exclude<Intent, "preview">, ReviewStatus> = {
  draft: "draft",
  schedule: "scheduled",
  publish: "published",
};

const savedNotices: Record<string, string> = {
  draft: "Saved as a draft.",
  schedule: "Scheduled. It goes public on its own at the time given.",
  publish: "Published.",
};

export function registerReviewRoutes(admin: Hono<AdminEnv>, services: Services): void {
  const { db } = services;

  admin.get("/", async (c) => {
    const { user } = signedInUser(c);
    const ownOnly = !can(user, "edit_all_reviews");
    const links: [string, string][] = [
      ["/admin/reviews/new", "Write a review"],
      ["/admin/reviews", ownOnly ? "Your reviews" : "All reviews"],
    ];
    const commentScope = scopeOf(user, "moderate_comments");
    if (commentScope) {
      const waiting = await pendingCount(db, commentScope === "own" ? user.id : undefined);
      links.push(["/admin/comments?status=pending", `Comments awaiting moderation: ${waiting}`]);
    }
    if (can(user, "manage_settings")) links.push(["/admin/settings", "Settings"]);
    if (can(user, "manage_users")) links.push(["/admin/users", "Accounts"]);
    return renderAdmin(
      c,
      services,
      { title: "Dashboard" },
      <DashboardPage
        name={user.display_name}
        counts={await reviewCounts(db, ownOnly ? user.id : undefined)}
        ownOnly={ownOnly}
        csrf={await currentCsrfToken(c, services)}
        links={links}
      />,
    );
  });

  admin.get("/reviews", async (c) => {
    const { user } = signedInUser(c);
    const ownOnly = !can(user, "edit_all_reviews");
    const rows = await adminReviews(db, ownOnly ? user.id : undefined);
    const reviews = rows.map((r) => ({
      ...r,
      editable: can(user, "edit_review", { authorId: r.authorId, status: r.status }),
    }));
    return renderAdmin(
      c,
      services,
      { title: "Reviews" },
      <ReviewsListPage reviews={reviews} ownOnly={ownOnly} now={nowIso()} />,
    );
  });

  interface EditorState {
    user: User;
    existing?: Review;
    values: EditorValues;
    errors?: EditorErrors;
    formError?: string;
    notice?: string;
    filmSearch?: string;
    previewHtml?: string;
    status?: 200 | 400 | 403;
  }

  async function showEditor(c: AdminContext, state: EditorState): Promise<Response> {
    const { settings } = await siteContext(services);
    const { existing, user } = state;
    const mayPublish = can(
      user,
      "publish_review",
      existing ? resourceOf(existing) : { authorId: user.id, status: "draft" },
    );
    const films = await filmsIncluding(state.filmSearch ?? "", state.values.filmId);
    const isPublic =
      existing && existing.status !== "draft" && (existing.published_at ?? "") <= nowIso();
    const rating = scaleInput(settings.ratingScale);
    return renderAdmin(
      c,
      services,
      { title: existing ? "Edit review" : "Write a review", status: state.status ?? 200 },
      <ReviewEditorPage
        {...(existing
          ? {
              reviewId: existing.id,
              status: existing.status,
              ...(isPublic ? { publicPath: `/review/${existing.slug}` } : {}),
            }
          : {})}
        values={state.values}
        errors={state.errors ?? {}}
        {...(state.formError ? { formError: state.formError } : {})}
        {...(state.notice ? { notice: state.notice } : {})}
        {...(state.previewHtml !== undefined ? { previewHtml: state.previewHtml } : {})}
        {...(rating ? { rating } : {})}
        films={films}
        filmSearch={state.filmSearch ?? ""}
        mayPublish={mayPublish}
        revisions={existing ? await reviewRevisions(db, existing.id) : []}
        csrf={await currentCsrfToken(c, services)}
      />,
    );
  }

  /** The films to offer, always including the one already chosen. */
  async function filmsIncluding(search: string, chosenId: string): Promise<FilmChoice[]> {
    const films = await filmChoices(db, search);
    const id = Number(chosenId);
    if (id && !films.some((f) => f.id === id)) {
      const film = await filmById(db, id);
      if (film) films.unshift({ id: film.id, title: film.title, year: film.year });
    }
    return films;
  }

  admin.get("/reviews/new", async (c) => {
    const { user } = signedInUser(c);
    if (!can(user, "write_reviews")) return forbidden(c, services);
    const filmSearch = (c.req.query("film") ?? "").slice(0, 200);
    return showEditor(c, { user, values: emptyEditorValues, filmSearch });
  });

  admin.get("/reviews/:id{[0-9]+}/edit", async (c) => {
    const { user } = signedInUser(c);
    const editable = await reviewForEditing(db, Number(c.req.param("id")));
    if (!editable) return notFoundInAdmin(c, services);
    if (!can(user, "edit_review", resourceOf(editable.review))) return forbidden(c, services);
    const { settings } = await siteContext(services);
    const values = valuesFromReview(editable.review, editable.tags, settings.ratingScale);
    let notice = savedNotices[c.req.query("saved") ?? ""];
    // Restoring a revision only fills the form: the author reads it, then saves (and the
    // body it replaces becomes a revision in turn), so a restore can itself be undone.
    const revisionId = Number(c.req.query("revision"));
    if (revisionId) {
      const revision = (await reviewRevisions(db, editable.review.id)).find(
        (r) => r.id === revisionId,
      );
      if (!revision) return notFoundInAdmin(c, services);
      values.body = revision.body_md;
      notice = `The text from ${shortTime(revision.created_at)} UTC is in the form below. Save to restore it.`;
    }
    return showEditor(c, {
      user,
      existing: editable.review,
      values,
      ...(notice ? { notice } : {}),
    });
  });

  async function handleEditorPost(c: AdminContext, existing?: Review): Promise<Response> {
    const { user } = signedInUser(c);
    const form = await c.req.parseBody();
    const values = valuesFromForm(form);
    // Enter in a text field presses the form's first button, Preview: nothing is saved by accident.
    const intent = intentFromForm(form) ?? "preview";
    const base = { user, values, ...(existing ? { existing } : {}) };
    if (!c.get("csrfValid")) {
      return showEditor(c, {
        ...base,
        status: 403,
        formError:
          "This form expired, so nothing was saved. Everything you typed is below: save again.",
      });
    }
    if (intent === "preview") {
      return showEditor(c, { ...base, previewHtml: renderReviewBody(values.body) });
    }
    const resource = existing
      ? resourceOf(existing)
      : { authorId: user.id, status: "draft" as const };
    if (intent !== "draft" && !can(user, "publish_review", resource)) {
      return showEditor(c, {
        ...base,
        status: 403,
        formError: "Your role cannot publish or schedule reviews. Save it as a draft instead.",
      });
    }
    const { settings } = await siteContext(services);
    const checked = validateEditor(values, settings.ratingScale, intent);
    if (!checked.ok) return showEditor(c, { ...base, errors: checked.errors, status: 400 });

    const input = checked.input;
    let saved: Review;
    try {
      saved = await save(input, intent, user, existing);
    } catch (error) {
      // A film or review that vanished meanwhile: say so, keep the form.
      if (!(error instanceof ReviewInputError)) throw error;
      return showEditor(c, { ...base, status: 400, formError: error.message });
    }
    return c.redirect(`/admin/reviews/${saved.id}/edit?saved=${intent}`, 303);
  }

  function save(
    input: ValidEditorInput,
    intent: Exclude<Intent, "preview">,
    user: User,
    existing: Review | undefined,
  ): Promise<Review> {
    return inTransaction(db, async (trx) => {
      const filmId =
        "id" in input.film
          ? input.film.id
          : (
              await createFilm(trx, {
                title: input.film.title,
                year: input.film.year,
                credits: input.film.directors.map((name) => ({ role: "director", name })),
              })
            ).id;
      const common = {
        filmId,
        body: input.body,
        watchedOn: input.watchedOn,
        isRewatch: input.isRewatch,
        hasSpoilers: input.hasSpoilers,
        status: statusForIntent[intent],
        publishedAt: intent === "draft" ? null : input.publishAt,
        tags: input.tags,
      };
      if (existing) {
        return updateReview(trx, existing.id, {
          ...common,
          rating: input.rating === undefined ? existing.rating : input.rating,
          editorId: user.id,
        });
      }
      return createReview(trx, { ...common, authorId: user.id, rating: input.rating ?? null });
    });
  }

  admin.post("/reviews/new", async (c) => {
    const { user } = signedInUser(c);
    if (!can(user, "write_reviews")) return forbidden(c, services);
    return handleEditorPost(c);
  });

  admin.post("/reviews/:id{[0-9]+}/edit", async (c) => {
    const { user } = signedInUser(c);
    const editable = await reviewForEditing(db, Number(c.req.param("id")));
    if (!editable) return notFoundInAdmin(c, services);
    if (!can(user, "edit_review", resourceOf(editable.review))) return forbidden(c, services);
    return handleEditorPost(c, editable.review);
  });
}
