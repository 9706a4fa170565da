// The stills page of a review and its uploads. Uploads are read as they stream in
// (src/media/multipart.ts), never buffered whole: each file is judged on its own, so a bad
// one (not an image, cut short, over the size limit, a decompression bomb) is refused with
// its own message while the rest of the batch, and the alt text typed on the page, are kept.
// Who may do any of this is `can(user, "upload_stills", review)`, asked on every route.
import type { Hono } from "hono";
import { jsx } from "hono/jsx";
import type { Review, Still } from "../../db/schema.ts";
import { filmById, filmLabel } from "../../domain/films.ts";
import { can, reviewResource } from "../../domain/roles.ts";
import { reviewById } from "../../domain/review-editing.ts";
import {
  addStill,
  stillOf,
  orderAfterMove,
  removeStill,
  saveStillDetails,
  stillOfReview,
  stillsOfReview,
  variantsOf,
  type StillDetails,
} from "../../domain/stills.ts";
import { cleanText } from "../../content/clean-text.ts";
import { boundaryOf, MultipartError, readMultipart, readSmallText } from "../../media/multipart.ts";
import { deleteStillFiles, storeUploadedStill } from "../../media/still-storage.ts";
import { MAX_STILL_BYTES, StillRejected } from "../../media/still-variants.ts";
import { stillUploadScript } from "../assets/assets.ts";
import { csrfFieldName, csrfTokenIsValid } from "../auth/csrf.ts";
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
  RemoveStillPage,
  StillRow,
  StillsPage,
  type RefusedFile,
  type StillValues,
} from "./views/still-pages.tsx";
import { adminRoute } from "../route-facts.ts";

/** How many files one post of the stills form may carry. */
const MAX_STILLS_PER_BATCH = 20;
/** Room for the form's other fields (alt text and captions of every still) in a post. */
const formFieldBytes = 1024 * 1024;
const maxMegabytes = MAX_STILL_BYTES / 1024 / 1024;

/**
 * Posts that stream their own body: the admin's CSRF guard must not read it first (that
 * would buffer it whole); these routes check the token themselves, before any file.
 */
export const streamedUploadPath = /^\/admin\/reviews\/\d+\/stills(?:\/upload)?$/;

interface Received {
  fields: Map<string, string[]>;
  added: Still[];
  refused: RefusedFile[];
  /** A problem with the whole post; files stored before it was found are kept. */
  problem?: { status: 400 | 403 | 413; message: string };
}

const expiredMessage =
  "This form expired, so nothing was saved or uploaded. What you typed is below: save again.";

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

  /**
   * Reads a post of the stills form: its fields, and each file stored (or refused) as soon as
   * it has arrived, once the form's token has been checked.
   */
  async function receive(
    c: AdminContext,
    review: Review,
    maxBytes: number,
    maxFiles: number,
  ): Promise<Received> {
    const received: Received = { fields: new Map(), added: [], refused: [] };
    const addField = (name: string, value: string) =>
      received.fields.set(name, [...(received.fields.get(name) ?? []), value]);
    const { session } = signedInUser(c);
    const declared = Number(c.req.header("content-length") ?? "0");
    if (declared > maxBytes) {
      received.problem = {
        status: 413,
        message:
          maxFiles === 1
            ? `The file is larger than ${maxMegabytes} MB.`
            : `That upload was ${Math.ceil(declared / 1024 / 1024)} MB in all, too much for one post. Nothing was received: send fewer files at once (up to ${maxMegabytes} MB each).`,
      };
      return received;
    }
    const body = c.req.raw.body;
    const contentType = c.req.header("content-type");
    const boundary = boundaryOf(contentType);
    if (!body || !boundary) {
      // A form without files (or a script-less client) may come URL-encoded.
      const text = body ? await readSmallText(body, formFieldBytes) : "";
      if (text === undefined) {
        received.problem = { status: 413, message: "The form was too large." };
        return received;
      }
      // Cleaned as the multipart reader cleans its fields (src/content/clean-text.ts).
      for (const [name, value] of new URLSearchParams(text)) {
        addField(cleanText(name), cleanText(value));
      }
      if (!(await csrfTokenIsValid(db, session.id, received.fields.get(csrfFieldName)?.[0]))) {
        received.problem = { status: 403, message: expiredMessage };
      }
      return received;
    }

    let csrfValid = false;
    try {
      const parts = readMultipart(body, boundary, {
        maxFileBytes: MAX_STILL_BYTES,
        maxFiles,
        maxFieldBytes: 64 * 1024,
        maxFields: 5000,
        maxTotalBytes: maxBytes,
      });
      for await (const part of parts) {
        if (part.kind === "field") {
          addField(part.name, part.value);
          if (part.name === csrfFieldName && !csrfValid) {
            csrfValid = await csrfTokenIsValid(db, session.id, part.value);
          }
          continue;
        }
        // An empty file input still sends a part: no name, no bytes.
        if (part.filename === "" && part.size === 0) continue;
        if (!csrfValid) {
          received.problem = { status: 403, message: expiredMessage };
          return received;
        }
        if (!part.data) {
          received.refused.push({
            filename: part.filename,
            message: `The file is larger than ${maxMegabytes} MB.`,
          });
          continue;
        }
        try {
          const processed = await storeUploadedStill(
            part.data,
            services.config.mediaDir,
            review.id,
          );
          received.added.push(await addStill(db, stillOf(review.id, processed, { alt: "" })));
        } catch (error) {
          if (!(error instanceof StillRejected)) throw error;
          received.refused.push({ filename: part.filename, message: error.message });
        }
      }
    } catch (error) {
      if (!(error instanceof MultipartError)) throw error;
      received.problem = {
        status: error.tooLarge ? 413 : 400,
        message: `${error.message} Files that arrived whole before that were kept.`,
      };
      return received;
    }
    if (!csrfValid) received.problem = { status: 403, message: expiredMessage };
    return received;
  }

  admin.get("/reviews/:id{[0-9]+}/stills", adminRoute("signed-in"), async (c) => {
    const review = await reviewWithStills(c);
    if (review instanceof Response) return review;
    return showStills(c, review, { notice: noticeFor(c.req.query("done"), c.req.query("added")) });
  });

  admin.post("/reviews/:id{[0-9]+}/stills", adminRoute("signed-in"), async (c) => {
    const review = await reviewWithStills(c);
    if (review instanceof Response) return review;
    const received = await receive(
      c,
      review,
      MAX_STILLS_PER_BATCH * MAX_STILL_BYTES + formFieldBytes,
      MAX_STILLS_PER_BATCH,
    );
    const { fields, added, refused, problem } = received;
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
    const stills = await stillsOfReview(db, review.id);
    const order = (fields.get("order") ?? []).map(Number).filter(Number.isInteger);
    await saveStillDetails(db, review.id, detailsFrom(fields, stills), order);

    const action = /^(up|down|remove):(\d+)$/.exec(fields.get("action")?.[0] ?? "");
    const stillId = action ? Number(action[2]) : undefined;
    if (action && stillId !== undefined && action[1] !== "remove") {
      const ids = (await stillsOfReview(db, review.id)).map((s) => s.id);
      const moved = orderAfterMove(ids, stillId, action[1] as "up" | "down");
      await saveStillDetails(db, review.id, [], moved);
    }
    if (refused.length) {
      return showStills(c, review, { status: 400, refused, notice: addedNotice });
    }
    const base = `/admin/reviews/${review.id}/stills`;
    if (action?.[1] === "remove") return c.redirect(`${base}/${stillId}/remove`, 303);
    if (action) return c.redirect(`${base}?done=moved#still-${stillId}`, 303);
    return c.redirect(`${base}?done=saved&added=${added.length}`, 303);
  });

  // One file at a time from still-upload.js, answered with JSON: the new still's row of the
  // list, or why the file was refused.
  admin.post("/reviews/:id{[0-9]+}/stills/upload", adminRoute("signed-in"), async (c) => {
    const review = await reviewWithStills(c);
    if (review instanceof Response) return review;
    const { added, refused, problem } = await receive(
      c,
      review,
      MAX_STILL_BYTES + formFieldBytes,
      1,
    );
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
      const stills = await stillsOfReview(db, review.id);
      const index = stills.findIndex((s) => s.id === Number(c.req.param("stillId")));
      const still = stills[index];
      if (!still) return notFoundInAdmin(c, services);
      return renderAdmin(
        c,
        services,
        { title: "Remove a still", styles: ["editors"] },
        <RemoveStillPage
          reviewId={review.id}
          still={still}
          number={index + 1}
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
      if (!(await stillOfReview(db, review.id, stillId))) return notFoundInAdmin(c, services);
      const removed = await removeStill(db, review.id, stillId);
      if (removed) await deleteStillFiles(services.config.mediaDir, variantsOf(removed));
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

/** Alt text and captions the form sent for the review's own stills. */
function detailsFrom(fields: Map<string, string[]>, stills: Still[]): StillDetails[] {
  const details: StillDetails[] = [];
  for (const still of stills) {
    const alt = fields.get(`alt-${still.id}`)?.[0];
    if (alt === undefined) continue;
    details.push({
      id: still.id,
      alt: alt.slice(0, 1000),
      caption: (fields.get(`caption-${still.id}`)?.[0] ?? "").slice(0, 500),
    });
  }
  return details;
}

/** What was typed for each still, to show again when the post could not be saved. */
function typedValues(fields: Map<string, string[]>): Map<number, StillValues> {
  const typed = new Map<number, StillValues>();
  for (const [name, values] of fields) {
    const match = /^alt-(\d+)$/.exec(name);
    if (!match) continue;
    typed.set(Number(match[1]), {
      alt: values[0] ?? "",
      caption: fields.get(`caption-${match[1]}`)?.[0] ?? "",
    });
  }
  return typed;
}
