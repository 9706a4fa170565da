// The owner's stats settings at /admin/settings/stats (see views/stats-settings-page.tsx).
import type { Hono } from "hono";
import { z } from "zod";
import { inTransaction } from "../../db/transaction.ts";
import { loadSettings, saveSetting, type SiteSettings } from "../../domain/settings.ts";
import { hiddenPartsOf, statsParts, type StatsPart } from "../../domain/stats/stats-settings.ts";
import type { AdminEnv } from "../auth/session.ts";
import type { Services } from "../services.ts";
import { currentCsrfToken, field, renderAdmin, type AdminContext } from "./admin-page.ts";
import { StatsSettingsPage, type StatsSettingsValues } from "./views/stats-settings-page.tsx";
import { adminRoute } from "../route-facts.ts";

const statsSettingsPath = "/settings/stats";

const goalSchema = z
  .string()
  .trim()
  .regex(/^\d{1,6}$/, "Give a whole number of films, or 0 for no goal.")
  .transform(Number)
  .refine((n) => n <= 100_000, "Give a whole number up to 100,000, or 0 for no goal.");

function valuesOf(settings: SiteSettings): StatsSettingsValues {
  const hidden = hiddenPartsOf(settings.statsHidden);
  return {
    statsEnabled: settings.statsEnabled,
    shown: new Set(statsParts.map(([key]) => key).filter((key) => !hidden.has(key))),
    statsYearlyGoal: String(settings.statsYearlyGoal),
  };
}

export function registerStatsSettingsRoutes(admin: Hono<AdminEnv>, services: Services): void {
  const show = async (
    c: AdminContext,
    values: StatsSettingsValues,
    extra: { goalError?: string; notice?: string; formError?: string; status?: 200 | 400 | 403 },
  ) =>
    renderAdmin(
      c,
      services,
      { title: "Stats settings", status: extra.status ?? 200 },
      <StatsSettingsPage
        values={values}
        goalError={extra.goalError}
        notice={extra.notice}
        formError={extra.formError}
        csrf={await currentCsrfToken(c, services)}
      />,
    );

  admin.get(statsSettingsPath, adminRoute({ capability: "manage_settings" }), async (c) =>
    show(
      c,
      valuesOf(await loadSettings(services.db)),
      c.req.query("saved") ? { notice: "Stats settings saved." } : {},
    ),
  );

  admin.post(statsSettingsPath, adminRoute({ capability: "manage_settings" }), async (c) => {
    const body = await c.req.parseBody();
    const ticked = (name: string) => field(body, name) !== "";
    const values: StatsSettingsValues = {
      statsEnabled: ticked("statsEnabled"),
      shown: new Set(statsParts.map(([key]) => key).filter((key) => ticked(`show-${key}`))),
      statsYearlyGoal: field(body, "statsYearlyGoal"),
    };
    if (!c.get("csrfValid")) {
      return show(c, values, {
        status: 403,
        formError:
          "This form expired, so nothing was saved. Your choices are below: save them again.",
      });
    }
    const goal = goalSchema.safeParse(values.statsYearlyGoal);
    if (!goal.success) {
      return show(c, values, { status: 400, goalError: goal.error.issues[0]?.message });
    }
    const hidden = statsParts
      .map(([key]) => key)
      .filter((key: StatsPart) => !values.shown.has(key))
      .join(",");
    await inTransaction(services.db, async (trx) => {
      const current = await loadSettings(trx);
      if (current.statsEnabled !== values.statsEnabled) {
        await saveSetting(trx, "statsEnabled", values.statsEnabled);
      }
      if (current.statsHidden !== hidden) await saveSetting(trx, "statsHidden", hidden);
      if (current.statsYearlyGoal !== goal.data) {
        await saveSetting(trx, "statsYearlyGoal", goal.data);
      }
    });
    return c.redirect(`/admin${statsSettingsPath}?saved=1`, 303);
  });
}
