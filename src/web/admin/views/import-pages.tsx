// The imports pages: a form for each kind of export, the list of past imports, and one
// import's page with its progress bar (refreshed by import-progress.js, or without
// JavaScript by the page reloading itself) and, at the end, its summary or its error.
import type { ImportJobKind } from "../../../db/schema.ts";
import type {
  ImportedReviewLink,
  ImportJob,
  StoredSummary,
} from "../../../importers/jobs/import-jobs.ts";
import { CsrfField, Field, SubmitRow } from "./form-fields.tsx";
import { FormError } from "./form-messages.tsx";
import { shortTime } from "./overview-pages.tsx";

export const kindNames: Record<ImportJobKind, string> = {
  wordpress: "WordPress",
  letterboxd: "Letterboxd",
};

const statusNames: Record<ImportJob["status"], string> = {
  queued: "Waiting to start",
  running: "Running",
  done: "Done",
  failed: "Failed",
};

interface KindForm {
  kind: ImportJobKind;
  label: string;
  accept: string;
  intro: string;
  hint: string;
}

const forms: KindForm[] = [
  {
    kind: "wordpress",
    label: "WordPress export file (.xml)",
    accept: ".xml,application/xml,text/xml",
    intro:
      "Brings in the authors, tags and categories, posts whose title reads “Title (Year)” as reviews of that film, their comments, and the old addresses as redirects.",
    hint: "In WordPress: Tools → Export → All content. Featured images are imported when the old site can still be reached.",
  },
  {
    kind: "letterboxd",
    label: "Letterboxd export file (.zip)",
    accept: ".zip,application/zip",
    intro:
      "Brings in your diary, reviews, ratings, watched films, likes, watchlist and lists (as series), matched to films by title and year.",
    hint: "On Letterboxd: Settings → Data → Export your data. Upload the .zip as it is.",
  },
];

export function ImportsPage(props: {
  jobs: ImportJob[];
  active: ImportJob | undefined;
  errors: Partial<Record<ImportJobKind, string>>;
  maxMegabytes: number;
  csrf: string;
}) {
  return (
    <section aria-labelledby="imports-title">
      <h1 id="imports-title">Imports</h1>
      <p>
        Importing the same export again adds only what is new: nothing is duplicated. Files of up to{" "}
        {props.maxMegabytes} MB are accepted here.
      </p>
      {props.active ? (
        <p class="form-notice" role="status">
          An import is under way:{" "}
          <a href={`/admin/imports/${props.active.id}`}>follow its progress</a>. Another can start
          when it has finished.
        </p>
      ) : null}
      {forms.map((form) => (
        <section aria-labelledby={`${form.kind}-title`} class="import-kind">
          <h2 id={`${form.kind}-title`}>From {kindNames[form.kind]}</h2>
          <p>{form.intro}</p>
          <form
            method="post"
            action={`/admin/imports/${form.kind}`}
            enctype="multipart/form-data"
            class="admin-form"
          >
            {/* The token first: the server checks it before it stores any of the file. */}
            <CsrfField token={props.csrf} />
            <Field
              id={`${form.kind}-file`}
              label={form.label}
              hint={form.hint}
              error={props.errors[form.kind]}
            >
              {(aria) => <input {...aria} type="file" name="file" accept={form.accept} required />}
            </Field>
            <SubmitRow label={`Import from ${kindNames[form.kind]}`} />
          </form>
        </section>
      ))}
      <h2>Past imports</h2>
      {props.jobs.length === 0 ? (
        <p>No imports yet.</p>
      ) : (
        <table class="admin-table">
          <thead>
            <tr>
              <th scope="col">File</th>
              <th scope="col">From</th>
              <th scope="col">Started (UTC)</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {props.jobs.map((job) => (
              <tr>
                <td>
                  <a href={`/admin/imports/${job.id}`}>{job.original_name || "(no name)"}</a>
                </td>
                <td>{kindNames[job.kind]}</td>
                <td>{shortTime(job.started_at ?? job.created_at)}</td>
                <td>{statusNames[job.status]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

interface ImportJobView {
  job: ImportJob;
  percent: number;
  summary: StoredSummary | undefined;
  imported: { kinds: [string, number][]; reviews: ImportedReviewLink[] };
  progressUrl: string;
  scriptHref: string;
}

/** The head of a job's page while it runs: without JavaScript, the page reloads itself. */
export function ImportJobRefresh() {
  return (
    <noscript>
      <meta http-equiv="refresh" content="2" />
    </noscript>
  );
}

export function ImportJobPage(props: ImportJobView) {
  const { job } = props;
  const running = job.status === "queued" || job.status === "running";
  return (
    <section aria-labelledby="import-title">
      <h1 id="import-title">
        Import from {kindNames[job.kind]}: {job.original_name || "(no name)"}
      </h1>
      <p>
        <a href="/admin/imports">All imports</a>
      </p>
      <p>
        Status: <strong class="import-status">{statusNames[job.status]}</strong>
        {job.started_at ? ` (started ${shortTime(job.started_at)} UTC` : ""}
        {job.started_at && job.finished_at ? `, ended ${shortTime(job.finished_at)} UTC)` : ""}
        {job.started_at && !job.finished_at ? ")" : ""}
      </p>
      {running || job.status === "done" ? (
        <div class="import-progress" data-import-progress={running ? props.progressUrl : undefined}>
          <label for="import-progress-bar">Progress</label>{" "}
          <progress
            id="import-progress-bar"
            max="100"
            value={String(props.percent)}
            aria-describedby="import-progress-text"
          >
            {props.percent}%
          </progress>{" "}
          <span id="import-progress-text" class="import-progress-text">
            {progressText(props.percent, job.progress_detail)}
          </span>
        </div>
      ) : null}
      {running ? (
        <p class="hint">
          This page follows the import as it runs; you may leave it and come back. The import goes
          on meanwhile.
        </p>
      ) : null}
      {job.status === "failed" ? (
        <>
          <FormError error={job.error ?? "The import failed."} />
          <p>
            <a href="/admin/imports">Try again</a>: what was imported before it stopped is
            recognised, and not brought in twice.
          </p>
        </>
      ) : null}
      {job.status === "done" ? <Outcome {...props} /> : null}
      {running ? <script src={props.scriptHref} defer /> : null}
    </section>
  );
}

function progressText(percent: number, detail: string): string {
  return detail ? `${percent}% · ${detail}` : `${percent}%`;
}

function Outcome(props: ImportJobView) {
  const summary = props.summary ?? { counts: [], skipped: [] };
  const { kinds, reviews } = props.imported;
  const count = (kind: string) => kinds.find(([k]) => k === kind)?.[1] ?? 0;
  return (
    <>
      <h2>Imported</h2>
      {summary.counts.length === 0 ? (
        <p>Nothing new: everything in this file was already here.</p>
      ) : (
        <ul class="import-counts">
          {summary.counts.map(([what, n]) => (
            <li>
              {what}: {n.toLocaleString("en")}
            </li>
          ))}
        </ul>
      )}
      <h2>Skipped</h2>
      {summary.skipped.length === 0 ? (
        <p>Nothing was skipped.</p>
      ) : (
        <ul class="import-skipped">
          {summary.skipped.map((group) => (
            <li>
              <strong>{group.count.toLocaleString("en")}</strong> × {group.why}
              {group.examples.length ? (
                <>
                  {" "}
                  (for example {group.examples.join("; ")}
                  {group.count > group.examples.length ? "; …" : ""})
                </>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {summary.fidelity ? (
        <>
          <h2>Fidelity check</h2>
          <p class="import-fidelity">
            {summary.fidelity.changed.length.toLocaleString("en")}{" "}
            {summary.fidelity.changed.length === 1 ? "post" : "posts"} changed (of{" "}
            {summary.fidelity.compared.toLocaleString("en")} compared word for word with the export)
          </p>
          {summary.fidelity.changed.length ? (
            <ul class="import-changed">
              {summary.fidelity.changed.map((what) => (
                <li>{what}</li>
              ))}
            </ul>
          ) : null}
        </>
      ) : null}
      {(summary.reported ?? []).map((group) => (
        <>
          <h2>
            {group.count.toLocaleString("en")} × {group.why}
          </h2>
          <ul class="import-reported">
            {group.examples.map((what) => (
              <li>{what}</li>
            ))}
            {group.count > group.examples.length ? (
              <li>… and {(group.count - group.examples.length).toLocaleString("en")} more</li>
            ) : null}
          </ul>
        </>
      ))}
      <h2>See what came in</h2>
      {reviews.length ? (
        <>
          <p>
            {count("review") > reviews.length
              ? `The first ${reviews.length} of ${count("review").toLocaleString("en")} reviews brought in:`
              : "Reviews brought in:"}
          </p>
          <ul class="import-reviews">
            {reviews.map((r) => (
              <li>
                <a href={`/admin/reviews/${r.id}/edit`}>{r.title}</a>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <ul>
        <li>
          <a href="/admin/reviews">All reviews</a>
        </li>
        <li>
          <a href="/admin/series">Series</a>
        </li>
        <li>
          <a href="/admin/comments">Comments</a>
        </li>
        {count("author") ? (
          <li>
            <a href="/admin/users">Accounts</a>, where the imported authors are listed
          </li>
        ) : null}
      </ul>
    </>
  );
}
