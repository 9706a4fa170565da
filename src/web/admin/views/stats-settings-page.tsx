// The owner's stats settings: whether /stats is public, which parts it shows, a yearly goal.
// A wrong goal comes back with its message and every choice as it was ticked.
import { statsParts, type StatsPart } from "../../../domain/stats/stats-settings.ts";
import { Checkbox, CsrfField, InputField, SubmitRow } from "./form-fields.tsx";
import { FormError, Notice } from "./form-messages.tsx";

export interface StatsSettingsValues {
  statsEnabled: boolean;
  shown: Set<StatsPart>;
  statsYearlyGoal: string;
}

export function StatsSettingsPage(props: {
  values: StatsSettingsValues;
  goalError?: string | undefined;
  notice?: string | undefined;
  formError?: string | undefined;
  csrf: string;
}) {
  const v = props.values;
  return (
    <section aria-labelledby="stats-settings-title">
      <nav aria-label="Breadcrumb" class="hint">
        <a href="/admin/settings">Settings</a> › Stats
      </nav>
      <h1 id="stats-settings-title">Stats settings</h1>
      <FormError error={props.formError} />
      {props.goalError ? (
        <p class="form-error" role="alert">
          One setting needs a look; nothing was saved.
        </p>
      ) : null}
      <Notice text={props.notice} />
      <form method="post" action="/admin/settings/stats" class="admin-form">
        <CsrfField token={props.csrf} />
        <Checkbox
          id="statsEnabled"
          label="Publish the stats pages"
          checked={v.statsEnabled}
          hint="/stats and a year in review for each year, linked from the footer and the archive. Off, they are not found."
        />
        <fieldset>
          <legend>Parts shown</legend>
          {statsParts.map(([key, label]) => (
            <Checkbox id={`show-${key}`} label={label} checked={v.shown.has(key)} />
          ))}
        </fieldset>
        <InputField
          id="statsYearlyGoal"
          label="Yearly goal (films watched)"
          hint="The stats pages and the dashboard show the pace against it. 0 for no goal."
          error={props.goalError}
          inputmode="numeric"
          size={6}
          value={v.statsYearlyGoal}
        />
        <SubmitRow label="Save stats settings" />
      </form>
    </section>
  );
}
