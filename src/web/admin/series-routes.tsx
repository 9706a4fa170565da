// The series queue editor: create a series, fill its queue with films on record or new ones,
// put it in order (Move up / Move down forms, or a whole new order from series-queue.js) and
// take films out. Only roles with `manage_series` may do any of it, checked here for every
// request. Why moves go by entry id and drags by the order the page showed: see
// src/domain/series-editing.ts.
import type { Hono } from "hono";
import type { Series } from "../../db/schema.ts";
import { filmLabel } from "../../domain/films.ts";
import {
  moveEntry,
  removeEntry,
  reorderEntries,
  seriesById,
  seriesQueue,
  updateSeries,
  type MoveDirection,
} from "../../domain/series-editing.ts";
import {
  addFilmOnRecordToQueue,
  addNewFilmToQueue,
  createSeriesAtAddress,
  queueEditorReads,
  queueEntry,
  type AddToQueueResult,
} from "../../domain/series-queue-operations.ts";
import { allSeriesWithProgress } from "../../domain/series.ts";
import { nowIso } from "../../domain/time.ts";
import { seriesQueueScript } from "../assets/assets.ts";
import type { AdminEnv } from "../auth/session.ts";
import type { Services } from "../services.ts";
import {
  currentCsrfToken,
  field,
  notFoundInAdmin,
  renderAdmin,
  type AdminContext,
} from "./admin-page.ts";
import {
  emptyNewFilmValues,
  emptySeriesValues,
  newFilmValuesFromForm,
  parseOrder,
  seriesValuesFromForm,
  validateNewFilm,
  validateSeries,
  type NewFilmErrors,
  type NewFilmValues,
  type SeriesErrors,
  type SeriesValues,
} from "./series-form.ts";
import { focusAfterMove, queueNotice } from "./series-notices.ts";
import { RemoveEntryPage, SeriesListPage, SeriesQueuePage } from "./views/series-pages.tsx";
import { adminRoute } from "../route-facts.ts";

const expiredForm =
  "This form expired, so nothing was saved. What you typed is below: send it again.";

type Status = 200 | 400 | 403 | 409;

interface QueueState {
  details?: { values: SeriesValues; errors: SeriesErrors };
  search?: string;
  addError?: string;
  newFilm?: { values: NewFilmValues; errors: NewFilmErrors };
  notice?: string;
  formError?: string;
  status?: Status;
}

export function registerSeriesRoutes(admin: Hono<AdminEnv>, services: Services): void {
  const { db } = services;

  async function showList(
    c: AdminContext,
    state: { values?: SeriesValues; errors?: SeriesErrors; formError?: string; status?: Status },
  ): Promise<Response> {
    return renderAdmin(
      c,
      services,
      { title: "Series", status: state.status ?? 200, styles: ["editors"] },
      <SeriesListPage
        series={await allSeriesWithProgress(db, nowIso())}
        values={state.values ?? emptySeriesValues}
        errors={state.errors ?? {}}
        formError={state.formError}
        csrf={await currentCsrfToken(c, services)}
      />,
    );
  }

  admin.get("/series", adminRoute({ capability: "manage_series" }), (c) => showList(c, {}));

  admin.post(
    "/series",
    adminRoute({ capability: "manage_series" }, { keepInput: true }),
    async (c) => {
      const values = seriesValuesFromForm(await c.req.parseBody());
      if (!c.get("csrfValid")) return showList(c, { values, formError: expiredForm, status: 403 });
      const checked = validateSeries(values);
      if (!checked.ok) return showList(c, { values, errors: checked.errors, status: 400 });
      const created = await createSeriesAtAddress(db, checked.input);
      if (!created.ok) {
        const taken = { slug: "Another series already has this address: choose another one." };
        return showList(c, { values, errors: taken, status: 400 });
      }
      return c.redirect(`/admin/series/${created.series.id}?done=created`, 303);
    },
  );

  /** The series named in the path, if it exists. */
  async function seriesFor(c: AdminContext): Promise<Series | Response> {
    const series = await seriesById(db, Number(c.req.param("id")));
    return series ?? notFoundInAdmin(c, services);
  }

  /** A queue form whose token failed: shown again with what was typed, nothing saved. */
  const expiredQueueForm = (c: AdminContext, series: Series, kept: QueueState) =>
    showQueue(c, series, { ...kept, formError: expiredForm, status: 403 });

  async function showQueue(c: AdminContext, series: Series, state: QueueState): Promise<Response> {
    const search = (state.search ?? "").trim().slice(0, 200);
    const done = c.req.query("done");
    const { queue, results, removedFilm } = await queueEditorReads(db, series, {
      search,
      ...(done === "removed" ? { removedFilmId: c.req.query("film") } : {}),
    });
    return renderAdmin(
      c,
      services,
      { title: `Series: ${series.title}`, status: state.status ?? 200, styles: ["editors"] },
      <SeriesQueuePage
        series={series}
        items={queue.items}
        reviewed={queue.reviewed}
        total={queue.total}
        details={
          state.details ?? {
            values: { title: series.title, slug: series.slug, description: series.description },
            errors: {},
          }
        }
        search={search}
        {...(results ? { results } : {})}
        addError={state.addError}
        newFilm={state.newFilm ?? { values: emptyNewFilmValues, errors: {} }}
        notice={
          state.notice ??
          queueNotice(done, queue.items, {
            entryId: Number(c.req.query("entry")),
            removed: removedFilm,
          })
        }
        formError={state.formError}
        script={seriesQueueScript.path}
        csrf={await currentCsrfToken(c, services)}
      />,
    );
  }

  admin.get("/series/:id{[0-9]+}", adminRoute({ capability: "manage_series" }), async (c) => {
    const series = await seriesFor(c);
    if (series instanceof Response) return series;
    return showQueue(c, series, { search: c.req.query("film") ?? "" });
  });

  admin.post(
    "/series/:id{[0-9]+}",
    adminRoute({ capability: "manage_series" }, { keepInput: true }),
    async (c) => {
      const series = await seriesFor(c);
      if (series instanceof Response) return series;
      const values = { ...seriesValuesFromForm(await c.req.parseBody()), slug: series.slug };
      if (!c.get("csrfValid")) {
        return expiredQueueForm(c, series, { details: { values, errors: {} } });
      }
      const checked = validateSeries(values);
      if (!checked.ok) {
        return showQueue(c, series, {
          details: { values, errors: checked.errors },
          formError: "The title and description were not saved: see below.",
          status: 400,
        });
      }
      await updateSeries(db, series.id, checked.input);
      return c.redirect(`/admin/series/${series.id}?done=saved`, 303);
    },
  );

  admin.post(
    "/series/:id{[0-9]+}/entries",
    adminRoute({ capability: "manage_series" }, { keepInput: true }),
    async (c) => {
      const series = await seriesFor(c);
      if (series instanceof Response) return series;
      const body = await c.req.parseBody();
      const added = (entryId: number) =>
        c.redirect(`/admin/series/${series.id}?done=added&entry=${entryId}#entry-${entryId}`, 303);
      const filmIdText = field(body, "filmId");
      const search = field(body, "film");

      if (filmIdText) {
        // A film on record, chosen from the search results.
        if (!c.get("csrfValid")) return expiredQueueForm(c, series, { search });
        const result: AddToQueueResult = /^\d{1,12}$/.test(filmIdText)
          ? await addFilmOnRecordToQueue(db, series.id, Number(filmIdText))
          : { ok: false, reason: "no-film" };
        if (result.ok) return added(result.entryId);
        if (result.reason === "in-queue") {
          return showQueue(c, series, {
            search,
            addError: `“${filmLabel(result.film)}” is already in the queue, as number ${result.number}.`,
            status: 409,
          });
        }
        return showQueue(c, series, {
          search,
          addError: "That film is no longer on record. Search again.",
          status: 400,
        });
      }

      // A new film: title, year and directors.
      const values = newFilmValuesFromForm(body);
      if (!c.get("csrfValid")) {
        return expiredQueueForm(c, series, { newFilm: { values, errors: {} } });
      }
      const checked = validateNewFilm(values);
      if (!checked.ok) {
        return showQueue(c, series, { newFilm: { values, errors: checked.errors }, status: 400 });
      }
      const result = await addNewFilmToQueue(db, series.id, checked.input);
      if (result.ok) return added(result.entryId);
      if (result.reason !== "on-record") throw new Error(`Unexpected refusal: ${result.reason}`);
      return showQueue(c, series, {
        newFilm: {
          values,
          errors: {
            filmTitle: `“${filmLabel(result.film)}” is already on record: find it above and add it from there.`,
          },
        },
        status: 409,
      });
    },
  );

  admin.post(
    "/series/:id{[0-9]+}/entries/:entryId{[0-9]+}/:direction{up|down}",
    adminRoute({ capability: "manage_series" }),
    async (c) => {
      const direction = c.req.param("direction") as MoveDirection;
      // The router matches "upward" as "up" (its alternation is not anchored at both ends).
      if (c.req.path.split("/").at(-1) !== direction) return notFoundInAdmin(c, services);
      const series = await seriesFor(c);
      if (series instanceof Response) return series;
      const entryId = Number(c.req.param("entryId"));
      const result = await moveEntry(db, series.id, entryId, direction);
      if (!result) return notFoundInAdmin(c, services);
      const done = result.moved ? "moved" : direction === "up" ? "first" : "last";
      const target = focusAfterMove(result, direction);
      return c.redirect(
        `/admin/series/${series.id}?done=${done}&entry=${entryId}#${target}-${entryId}`,
        303,
      );
    },
  );

  /** The entry named in the path, with its place in the queue. */
  async function entryFor(c: AdminContext, series: Series) {
    return queueEntry(await seriesQueue(db, series, nowIso()), Number(c.req.param("entryId")));
  }

  admin.get(
    "/series/:id{[0-9]+}/entries/:entryId{[0-9]+}/remove",
    adminRoute({ capability: "manage_series" }),
    async (c) => {
      const series = await seriesFor(c);
      if (series instanceof Response) return series;
      const entry = await entryFor(c, series);
      if (!entry) return notFoundInAdmin(c, services);
      return renderAdmin(
        c,
        services,
        { title: "Remove from the queue", styles: ["editors"] },
        <RemoveEntryPage
          series={series}
          item={entry.item}
          number={entry.number}
          csrf={await currentCsrfToken(c, services)}
        />,
      );
    },
  );

  admin.post(
    "/series/:id{[0-9]+}/entries/:entryId{[0-9]+}/remove",
    adminRoute({ capability: "manage_series" }),
    async (c) => {
      const series = await seriesFor(c);
      if (series instanceof Response) return series;
      const entry = await entryFor(c, series);
      if (!entry || !(await removeEntry(db, series.id, entry.item.entryId))) {
        return notFoundInAdmin(c, services);
      }
      return c.redirect(
        `/admin/series/${series.id}?done=removed&film=${entry.item.filmId}#queue-title`,
        303,
      );
    },
  );

  // The queue script's endpoint: the order the page showed ("seen") and the new one, as entry
  // ids. Answers JSON to the script, and a redirect to a plain form post.
  admin.post(
    "/series/:id{[0-9]+}/order",
    adminRoute({ capability: "manage_series" }),
    async (c) => {
      const series = await seriesFor(c);
      if (series instanceof Response) return series;
      const wantsJson = (c.req.header("accept") ?? "").includes("application/json");
      const back = (done: string) => c.redirect(`/admin/series/${series.id}?done=${done}`, 303);
      const parsed = parseOrder(await c.req.parseBody());
      if (!parsed) {
        return wantsJson
          ? c.json({ ok: false, message: "The new order could not be read. Reload the page." }, 400)
          : back("stale");
      }
      const result = await reorderEntries(db, series.id, parsed.seen, parsed.order);
      if (result.ok) {
        return wantsJson ? c.json({ ok: true, order: result.order }) : back("reordered");
      }
      if (result.reason === "missing") return notFoundInAdmin(c, services);
      if (!wantsJson) return back("stale");
      return c.json(
        {
          ok: false,
          order: result.order,
          message:
            result.reason === "stale"
              ? "Someone changed this queue meanwhile, so your order was not saved. Reload the page to see the queue as it is now."
              : "The new order does not match the queue. Reload the page.",
        },
        result.reason === "stale" ? 409 : 400,
      );
    },
  );
}
