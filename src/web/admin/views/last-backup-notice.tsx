// The dashboard's line about scheduled backups (`cinelog backup`): when the last good one
// was made, and a warning once it is more than a day old or there has never been one, so a
// timer that stopped working is noticed before the backup is needed.
import type { BackupRun } from "../../../domain/backup-runs.ts";

const day = 24 * 60 * 60 * 1000;

function ageText(ms: number): string {
  const hours = Math.floor(ms / (60 * 60 * 1000));
  if (hours < 1) return "less than an hour ago";
  if (hours < 48) return `${hours} hour${hours === 1 ? "" : "s"} ago`;
  return `${Math.floor(hours / 24)} days ago`;
}

export function LastBackupNotice(props: { last: BackupRun | undefined; now: string }) {
  const { last } = props;
  const age = last ? Date.parse(props.now) - Date.parse(last.finishedAt) : Infinity;
  return (
    <section aria-labelledby="backup-title">
      <h2 id="backup-title">Backups</h2>
      {last ? (
        <p
          class={age > day ? "form-error" : "hint"}
          data-backup-age={age > day ? "stale" : "fresh"}
        >
          {age > day ? "Warning: the last good backup is more than a day old. " : ""}
          Last good backup: {last.file}, <time datetime={last.finishedAt}>{ageText(age)}</time>.
        </p>
      ) : (
        <p class="form-error" data-backup-age="none">
          Warning: no backup has been recorded. Schedule <code>cinelog backup --to DIR</code> (see
          "Running in production" in the README).
        </p>
      )}
    </section>
  );
}
