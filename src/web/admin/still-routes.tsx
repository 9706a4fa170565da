// The stills page of a review and its uploads: the routes, each parsing the request, asking
// `can(user, "upload_stills", review)`, calling an operation of domain/still-operations.ts and
// rendering. Reading an upload as it streams in, and what each file's refusal says, is
// still-form.ts; what is stored, in which order, is the domain's.
import type { Hono } from "hono";
import { jsx } from "hono/jsx";
import type { Review } from "../../db/schema.ts";
import { filmById, filmLabel } from "../../domain/films.ts";
import { can, reviewResource } from "../../domain/roles.ts";
import { reviewById } from "../../domain/review-editing.ts";
import {
  numberedStill,
  removeStillWithFiles,
  saveStillsPage,
} from "../../domain/still-operations.ts";
import { stillsOfReview } from "../../domain/stills.ts";
import { stillUploadScript } from "../assets/assets.ts";
import { signedInUser, type AdminEnv } from "../auth/session.ts";
import type { Services } from "../services.ts";
import {
  currentCsrfToken,
  forbidden,
  notFoundInAdmin,
  renderAdmin,
  type AdminContext,
} from "./admin-page.ts";
import {
  maxMegabytes,
  receiveOneStill,
  receiveStillsPage,
  stillsPageRequest,
  typedValues,
} from "./still-form.ts";
import {
  RemoveStillPage,
  StillRow,
  StillsPage,
  type RefusedFile,
  type StillValues,
} from "./views/still-pages.tsx";
import { adminRoute } from "../route-facts.ts";

/**
 * Posts that stream their own body: the admin's CSRF guard must not read it first (that
 * would buffer it whole); these routes check the token themselves, before any file.
 */
export const streamedUploadPath = /^\/admin\/reviews\/\d+\/stills(?:\/upload)?$/;

export function registerStillRoutes(admin: Hono<AdminEnv>, services: Services): void {
  const { db } = services;

  /** The review named in the path, if the signed-in person may handle its stills. */
  async function reviewWithStills(c: AdminContext): Promise<Review | Response> {
    const { user } = signedInUser(c);
    const review = await reviewById(db, Number(c.req.param("id")));
    if (!review) return notFoundInAdmin(c, services);
    if (!can(user, "upload_stills", reviewResource(review))) {
      return forbidden(c, services);
    }
    return review;
  }

  async function showStills(
    c: AdminContext,
    review: Review,
    state: {
      refused?: RefusedFile[];
      notice?: string | undefined;
      formError?: string | undefined;
      typed?: Map<number, StillValues>;
      status?: 200 | 400 | 403 | 413;
    } = {},
  ): Promise<Response> {
    const film = await filmById(db, review.film_id);
    return renderAdmin(
      c,
      services,
      { title: "Stills", status: state.status ?? 200, styles: ["editors"] },
      <StillsPage
        reviewId={review.id}
        filmLabel={film ? filmLabel(film) : "this review"}
        stills={await stillsOfReview(db, review.id)}
        {...(state.typed ? { typed: state.typed } : {})}
        refused={state.refused ?? []}
        notice={state.notice}
        formError={state.formError}
        maxMegabytes={maxMegabytes}
        scriptHref={stillUploadScript.href}
        csrf={await currentCsrfToken(c, services)}
      />,
    );
  }

  admin.get("/reviews/:id{[0-9]+}/stills", adminRoute("signed-in"), async (c) => {
    const review = await reviewWithStills(c);
    if (review instanceof Response) return review;
    return showStills(c, review, { notice: noticeFor(c.req.query("done"), c.req.query("added")) });
  });

  admin.post("/reviews/:id{[0-9]+}/stills", adminRoute("signed-in"), async (c) => {
    const review = await reviewWithStills(c);
    if (review instanceof Response) return review;
    const { fields, added, refused, problem } = await receiveStillsPage(c, services, review.id);
    const addedNotice = added.length ? addedText(added.length) : undefined;
    if (problem) {
      return showStills(c, review, {
        status: problem.status,
        formError: problem.message,
        typed: typedValues(fields),
        refused,
        notice: addedNotice,
      });
    }
    const { input, action } = stillsPageRequest(fields);
    await saveStillsPage(db, review.id, input);
    if (refused.length) {
      return showStills(c, review, { status: 400, refused, notice: addedNotice });
    }
    const base = `/admin/reviews/${review.id}/stills`;
    if (action?.kind === "remove") return c.redirect(`${base}/${action.stillId}/remove`, 303);
    if (action) return c.redirect(`${base}?done=moved#still-${action.stillId}`, 303);
    return c.redirect(`${base}?done=saved&added=${added.length}`, 303);
  });

  // One file at a time from still-upload.js, answered with JSON: the new still's row of the
  // list, or why the file was refused.
  admin.post("/reviews/:id{[0-9]+}/stills/upload", adminRoute("signed-in"), async (c) => {
    const review = await reviewWithStills(c);
    if (review instanceof Response) return review;
    const { added, refused, problem } = await receiveOneStill(c, services, review.id);
    if (problem) {
      const message =
        problem.status === 403
          ? "The page has expired (perhaps you signed out meanwhile): reload it and try again."
          : problem.message;
      return c.json({ ok: false, message }, problem.status);
    }
    if (refused[0]) return c.json({ ok: false, message: refused[0].message }, 400);
    const still = added[0];
    if (!still) return c.json({ ok: false, message: "No file was sent." }, 400);
    const count = (await stillsOfReview(db, review.id)).length;
    const row = jsx(StillRow, {
      still,
      number: count,
      count,
      values: { alt: "", caption: "" },
    });
    return c.json({ ok: true, id: still.id, row: String(await row.toString()) });
  });

  admin.get(
    "/reviews/:id{[0-9]+}/stills/:stillId{[0-9]+}/remove",
    adminRoute("signed-in"),
    async (c) => {
      const review = await reviewWithStills(c);
      if (review instanceof Response) return review;
      const found = await numberedStill(db, review.id, Number(c.req.param("stillId")));
      if (!found) return notFoundInAdmin(c, services);
      return renderAdmin(
        c,
        services,
        { title: "Remove a still", styles: ["editors"] },
        <RemoveStillPage
          reviewId={review.id}
          still={found.still}
          number={found.number}
          csrf={await currentCsrfToken(c, services)}
        />,
      );
    },
  );

  admin.post(
    "/reviews/:id{[0-9]+}/stills/:stillId{[0-9]+}/remove",
    adminRoute("signed-in"),
    async (c) => {
      const review = await reviewWithStills(c);
      if (review instanceof Response) return review;
      const stillId = Number(c.req.param("stillId"));
      const { mediaDir } = services.config;
      if (!(await removeStillWithFiles(db, mediaDir, review.id, stillId))) {
        return notFoundInAdmin(c, services);
      }
      return c.redirect(`/admin/reviews/${review.id}/stills?done=removed`, 303);
    },
  );
}

function addedText(count: number): string {
  return `${count === 1 ? "One still" : `${count} stills`} added: give ${count === 1 ? "it" : "each"} alt text before publishing.`;
}

function noticeFor(done: string | undefined, added: string | undefined): string | undefined {
  const count = Number(added);
  if (done === "saved") return count > 0 ? addedText(count) : "Saved.";
  if (done === "moved") return "Moved, and everything typed saved.";
  if (done === "removed") return "The still was removed.";
  return undefined;
}
