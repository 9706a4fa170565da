// Imports run from the admin (the owner's alone: they create accounts and content). An
// export is uploaded, stored under the data directory, and imported in the background (in a
// child process of this one) while its page shows the progress; one import at a time.
import { rm } from "node:fs/promises";
import type { Hono } from "hono";
import type { ImportJobKind } from "../../db/schema.ts";
import { runImportJob } from "../../importers/jobs/import-job-runner.ts";
import {
  activeImportJob,
  failAbandonedImportJobs,
  importedByJob,
  importJob,
  percentOf,
  queueImportJob,
  recentImportJobs,
  summaryOfJob,
  type ImportJob,
} from "../../importers/jobs/import-jobs.ts";
import { importProgressScript } from "../assets/assets.ts";
import { signedInUser, type AdminEnv } from "../auth/session.ts";
import type { Services } from "../services.ts";
import { currentCsrfToken, notFoundInAdmin, renderAdmin, type AdminContext } from "./admin-page.ts";
import { maxImportMegabytes, receiveImportUpload } from "./import-upload.ts";
import { ImportJobPage, ImportJobRefresh, ImportsPage, kindNames } from "./views/import-pages.tsx";
import { adminRoute } from "../route-facts.ts";

/**
 * Posts that stream their own body: the admin's CSRF guard must not read it first (that
 * would buffer a whole export); the route checks the token itself, before storing the file.
 */
export const importUploadPath = /^\/admin\/imports\/(wordpress|letterboxd)$/;

const busyMessage =
  "Another import is under way: wait for it to finish (its progress is linked above), then upload this file again.";

export function registerImportRoutes(admin: Hono<AdminEnv>, services: Services): void {
  const { db } = services;

  /** Marks failed the jobs of processes that died, and deletes their uploads. */
  async function sweep(): Promise<void> {
    for (const file of await failAbandonedImportJobs(db)) await rm(file, { force: true });
  }

  async function showImports(
    c: AdminContext,
    state: {
      errors?: Partial<Record<ImportJobKind, string>>;
      status?: 200 | 400 | 403 | 409 | 413;
    },
  ): Promise<Response> {
    await sweep();
    return renderAdmin(
      c,
      services,
      { title: "Imports", status: state.status ?? 200 },
      <ImportsPage
        jobs={await recentImportJobs(db)}
        active={await activeImportJob(db)}
        errors={state.errors ?? {}}
        maxMegabytes={maxImportMegabytes}
        csrf={await currentCsrfToken(c, services)}
      />,
    );
  }

  admin.get("/imports", adminRoute({ capability: "run_imports" }), (c) => showImports(c, {}));

  admin.post(
    "/imports/:kind{wordpress|letterboxd}",
    adminRoute({ capability: "run_imports" }),
    async (c) => {
      const kind = c.req.param("kind") as ImportJobKind;
      const { user } = signedInUser(c);
      // Refused before a byte of the file is read: it could not be used.
      await sweep();
      if (await activeImportJob(db)) {
        return showImports(c, { errors: { [kind]: busyMessage }, status: 409 });
      }
      const upload = await receiveImportUpload(c, services, kind);
      if (!("storedPath" in upload)) {
        return showImports(c, { errors: { [kind]: upload.message }, status: upload.status });
      }
      const job = await queueImportJob(db, {
        kind,
        originalName: upload.originalName,
        storedPath: upload.storedPath,
        createdBy: user.id,
      });
      if (!job) {
        await rm(upload.storedPath, { force: true });
        return showImports(c, { errors: { [kind]: busyMessage }, status: 409 });
      }
      // Not awaited: the import goes on after this response; its page follows it.
      void runImportJob(
        {
          db,
          mediaDir: services.config.mediaDir,
          logger: services.logger,
          limits: services.config.importLimits,
        },
        job,
      );
      return c.redirect(`/admin/imports/${job.id}`, 303);
    },
  );

  admin.get("/imports/:id{[0-9]+}", adminRoute({ capability: "run_imports" }), async (c) => {
    await sweep();
    const job = await importJob(db, Number(c.req.param("id")));
    if (!job) return notFoundInAdmin(c, services);
    const running = job.status === "queued" || job.status === "running";
    // The page's script asks for the progress alone, as JSON, while the import runs.
    if (c.req.query("format") === "json") return c.json(progressOf(job));
    return renderAdmin(
      c,
      services,
      {
        title: `Import from ${kindNames[job.kind]}`,
        styles: ["editors"],
        ...(running ? { head: <ImportJobRefresh /> } : {}),
      },
      <ImportJobPage
        job={job}
        percent={percentOf(job)}
        summary={summaryOfJob(job)}
        imported={await importedByJob(db, job)}
        progressUrl={`/admin/imports/${job.id}?format=json`}
        scriptHref={importProgressScript.path}
      />,
    );
  });
}

function progressOf(job: ImportJob) {
  return {
    status: job.status,
    percent: percentOf(job),
    done: job.progress_done,
    total: job.progress_total,
    detail: job.progress_detail,
  };
}
