// The writer's numbers on the dashboard (src/domain/stats/dashboard-numbers.ts), beside the
// comments waiting for them.
import type { DashboardNumbers } from "../../../domain/stats/dashboard-numbers.ts";
import { monthLong } from "../../views/month-names.ts";
import { plural } from "../../views/stats/stats-labels.ts";

export function DashboardStats(props: { numbers: DashboardNumbers; waitingComments?: number }) {
  const n = props.numbers;
  return (
    <section aria-labelledby="dashboard-numbers" class="dashboard-numbers">
      <h2 id="dashboard-numbers">In numbers</h2>
      <ul class="counts">
        <li>
          {monthLong[n.month - 1]}: {plural(n.monthWatched, "film")} watched,{" "}
          {plural(n.monthReviewed, "review")} written
        </li>
        <li>
          {n.year}: {plural(n.yearWatched, "film")} watched, {plural(n.yearReviewed, "review")}{" "}
          written
          {n.goal ? `; goal ${n.goal.target}, on pace for ${n.goal.pace.projected}` : ""}
        </li>
        {props.waitingComments !== undefined && (
          // Plain text: the links above already lead to the queue, once is enough.
          <li>{plural(props.waitingComments, "comment")} awaiting moderation</li>
        )}
        {n.series.map((s) => (
          <li>
            {s.title}: {s.reviewed} of {s.entries}, on pace for {s.pace.projected} this year
          </li>
        ))}
      </ul>
      <p>
        <a href="/stats">All the numbers</a> · <a href="/admin/settings/stats">Stats settings</a>
      </p>
    </section>
  );
}
