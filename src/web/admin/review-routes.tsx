// The dashboard, the list of reviews and the review editor. Who may write, edit, publish or
// schedule is decided here, on the server, whatever the form's buttons offered.
import type { Hono } from "hono";
import { renderReviewBody } from "../../content/markdown.ts";
import type { Review, ReviewStatus, User } from "../../db/schema.ts";
import { filmsWithSameTitleAndYear, type FilmMatch } from "../../domain/film-matches.ts";
import { reviewForEditing } from "../../domain/review-editing.ts";
import { reviewEditorReads } from "../../domain/review-editor-read.ts";
import { editorStartingPoint, newReviewStartingPoint } from "../../domain/review-editor-start.ts";
import { saveReviewFromEditor } from "../../domain/review-editor-save.ts";
import { draftKeyPattern, newDraftKey } from "../../domain/review-autosave.ts";
import { ReviewSeriesError } from "../../domain/review-series.ts";
import { ReviewInputError } from "../../domain/reviews.ts";
import { can, reviewResource } from "../../domain/roles.ts";
import { signedInUser, type AdminEnv } from "../auth/session.ts";
import type { Services } from "../services.ts";
import {
  currentCsrfToken,
  forbidden,
  notFoundInAdmin,
  renderAdmin,
  type AdminContext,
} from "./admin-page.ts";
import { registerFilmSearchRoutes } from "./film-search-routes.ts";
import { autosaveOffers } from "./review-autosave-offers.ts";
import { registerReviewLiveRoutes } from "./review-live-routes.ts";
import {
  emptyEditorValues,
  intentFromForm,
  scaleInput,
  validateEditor,
  valuesFromForm,
  valuesFromAutosave,
  valuesFromReview,
  type EditorErrors,
  type EditorValues,
  type Intent,
} from "./review-form.ts";
import { ReviewEditorPage } from "./views/review-editor.tsx";
import { adminRoute } from "../route-facts.ts";
import { editorStartNoticeText, sameFilmMessage } from "./review-notices.ts";

type SaveIntent = Exclude<Intent, "preview" | "find">;

const statusForIntent: Record<SaveIntent, ReviewStatus> = {
  draft: "draft",
  schedule: "scheduled",
  publish: "published",
};

export function registerReviewRoutes(admin: Hono<AdminEnv>, services: Services): void {
  const { db } = services;
  registerReviewLiveRoutes(admin, services);
  registerFilmSearchRoutes(admin, services);

  interface EditorState {
    user: User;
    existing?: Review;
    values: EditorValues;
    errors?: EditorErrors;
    formError?: string;
    notice?: string;
    previewHtml?: string;
    /** Films on record with the title and year typed as a new film's. */
    filmMatches?: FilmMatch[];
    status?: 200 | 400 | 403;
    /** A new review's key for its autosave, until it is saved (see review-autosave.ts). */
    draftKey?: string;
    /** True when the form shows exactly what is stored: nothing typed waits to be saved. */
    pristine?: boolean;
    /** The draft key whose copy on the device can go: that review was just saved. */
    savedDraftKey?: string;
    /** The page right after a save: whatever the device kept of this review is now stored. */
    justSaved?: boolean;
  }

  async function showEditor(c: AdminContext, state: EditorState): Promise<Response> {
    const { settings } = c.var;
    const { existing, user } = state;
    const mayPublish = can(
      user,
      "publish_review",
      existing ? reviewResource(existing) : { authorId: user.id, status: "draft" },
    );
    const reads = await reviewEditorReads(db, {
      userId: user.id,
      existing,
      filmSearch: state.values.filmSearch,
      typedFilmId: state.values.filmId,
      draftKey: state.draftKey,
      pristine: state.pristine ?? false,
    });
    const rating = scaleInput(settings.ratingScale);
    return renderAdmin(
      c,
      services,
      {
        title: existing ? "Edit review" : "Write a review",
        status: state.status ?? 200,
        styles: ["editors"],
      },
      <ReviewEditorPage
        {...(existing
          ? {
              reviewId: existing.id,
              status: existing.status,
              ...(reads.isPublic ? { publicPath: `/review/${existing.slug}` } : {}),
            }
          : {})}
        values={state.values}
        errors={state.errors ?? {}}
        {...(state.formError ? { formError: state.formError } : {})}
        {...(state.notice ? { notice: state.notice } : {})}
        {...(state.previewHtml !== undefined ? { previewHtml: state.previewHtml } : {})}
        {...(rating ? { rating } : {})}
        films={reads.films}
        filmMatches={state.filmMatches ?? []}
        mayPublish={mayPublish}
        revisions={reads.revisions}
        csrf={await currentCsrfToken(c, services)}
        userId={user.id}
        {...(state.draftKey ? { draftKey: state.draftKey } : {})}
        {...(state.savedDraftKey ? { savedDraftKey: state.savedDraftKey } : {})}
        justSaved={state.justSaved ?? false}
        pristine={state.pristine ?? false}
        autosaveOffers={autosaveOffers(
          reads.autosaves,
          existing
            ? {
                reviewId: existing.id,
                stored: valuesFromReview(existing, reads.storedTags, settings.ratingScale),
              }
            : {},
        )}
        series={{
          choices: reads.seriesChoices,
          ofFilm: reads.seriesOfFilm,
          mayAppend: can(user, "manage_series"),
        }}
        ownUpNext={reads.ownUpNext}
      />,
    );
  }

  admin.get("/reviews/new", adminRoute("signed-in"), async (c) => {
    const { user } = signedInUser(c);
    if (!can(user, "write_reviews")) return forbidden(c, services);
    const filmSearch = (c.req.query("film") ?? "").slice(0, 200);
    const start = await newReviewStartingPoint(db, user.id, c.req.query());
    return showEditor(c, {
      user,
      values: {
        ...(start.autosaved ? valuesFromAutosave(start.autosaved) : emptyEditorValues),
        filmSearch,
      },
      draftKey: start.draftKey,
      pristine: start.pristine,
      ...(start.notice ? { notice: editorStartNoticeText(start.notice) } : {}),
    });
  });

  admin.get("/reviews/:id{[0-9]+}/edit", adminRoute("signed-in"), async (c) => {
    const { user } = signedInUser(c);
    const editable = await reviewForEditing(db, Number(c.req.param("id")));
    if (!editable) return notFoundInAdmin(c, services);
    if (!can(user, "edit_review", reviewResource(editable.review))) return forbidden(c, services);
    const start = await editorStartingPoint(db, editable.review, user.id, c.req.query());
    if (!start) return notFoundInAdmin(c, services);
    const { text } = start;
    const values =
      text.from === "autosave"
        ? valuesFromAutosave(text.fields)
        : valuesFromReview(editable.review, editable.tags, c.var.settings.ratingScale);
    if (text.from === "revision") values.body = text.body;
    return showEditor(c, {
      user,
      existing: editable.review,
      values,
      pristine: start.pristine,
      ...(start.notice ? { notice: editorStartNoticeText(start.notice) } : {}),
      ...(start.savedDraftKey ? { savedDraftKey: start.savedDraftKey } : {}),
      justSaved: start.justSaved,
    });
  });

  async function handleEditorPost(c: AdminContext, existing?: Review): Promise<Response> {
    const { user } = signedInUser(c);
    const form = await c.req.parseBody();
    const values = valuesFromForm(form);
    // Enter in a text field presses the form's first button, Find (a preview with the film
    // list narrowed): nothing is saved by accident.
    const intent = intentFromForm(form) ?? "preview";
    const typedKey = typeof form.draftKey === "string" ? form.draftKey : "";
    const draftKey = existing
      ? undefined
      : draftKeyPattern.test(typedKey)
        ? typedKey
        : newDraftKey();
    const base = {
      user,
      values,
      ...(existing ? { existing } : {}),
      ...(draftKey ? { draftKey } : {}),
    };
    if (!c.get("csrfValid")) {
      return showEditor(c, {
        ...base,
        status: 403,
        formError:
          "This form expired, so nothing was saved. Everything you typed is below: save again.",
      });
    }
    // Find (the film search, without a script) is a preview too: the form comes back whole.
    if (intent === "preview" || intent === "find") {
      return showEditor(c, { ...base, previewHtml: renderReviewBody(values.body) });
    }
    const resource = existing
      ? reviewResource(existing)
      : { authorId: user.id, status: "draft" as const };
    if (intent !== "draft" && !can(user, "publish_review", resource)) {
      return showEditor(c, {
        ...base,
        status: 403,
        formError: "Your role cannot publish or schedule reviews. Save it as a draft instead.",
      });
    }
    const { settings } = c.var;
    const checked = validateEditor(values, settings.ratingScale, intent);
    if (!checked.ok) return showEditor(c, { ...base, errors: checked.errors, status: 400 });
    if (checked.input.series?.placement === "append" && !can(user, "manage_series")) {
      return showEditor(c, {
        ...base,
        status: 403,
        errors: {
          seriesPlacement:
            "Your role cannot add films to a series: attach the review to the film's entry instead.",
        },
      });
    }

    const input = checked.input;
    if ("title" in input.film && !values.differentFilm) {
      const filmMatches = await filmsWithSameTitleAndYear(db, input.film.title, input.film.year);
      if (filmMatches.length) {
        return showEditor(c, {
          ...base,
          status: 400,
          filmMatches,
          errors: { newFilmTitle: sameFilmMessage(filmMatches) },
        });
      }
    }
    let saved: Review;
    try {
      saved = await saveReviewFromEditor(db, {
        input,
        status: statusForIntent[intent],
        userId: user.id,
        existing,
        draftKey,
      });
    } catch (error) {
      if (error instanceof ReviewSeriesError) {
        return showEditor(c, { ...base, status: 400, errors: { seriesPlacement: error.message } });
      }
      // A film or review that vanished meanwhile: say so, keep the form.
      if (!(error instanceof ReviewInputError)) throw error;
      return showEditor(c, { ...base, status: 400, formError: error.message });
    }
    const cleared = draftKey ? `&draft=${draftKey}` : "";
    return c.redirect(`/admin/reviews/${saved.id}/edit?saved=${intent}${cleared}`, 303);
  }

  admin.post("/reviews/new", adminRoute("signed-in", { keepInput: true }), async (c) => {
    const { user } = signedInUser(c);
    if (!can(user, "write_reviews")) return forbidden(c, services);
    return handleEditorPost(c);
  });

  admin.post(
    "/reviews/:id{[0-9]+}/edit",
    adminRoute("signed-in", { keepInput: true }),
    async (c) => {
      const { user } = signedInUser(c);
      const editable = await reviewForEditing(db, Number(c.req.param("id")));
      if (!editable) return notFoundInAdmin(c, services);
      if (!can(user, "edit_review", reviewResource(editable.review))) return forbidden(c, services);
      return handleEditorPost(c, editable.review);
    },
  );
}
