// Runs an import (WordPress, Letterboxd or a backup restore) in a child process with a capped
// heap, for the admin's jobs and the command line alike. A file that makes the importer throw
// where no caller can catch it, or fill its memory, ends the child, not the server: the import
// fails with a message and everything else goes on. It was a worker thread, but V8 does not
// always stop a thread at its heap limit in time: a file that fills the heap fast enough ended
// the whole process with "Reached heap limit" (seen in a test run, 2026-12-07). A process of
// its own costs a Node start and some 40 MB while an import runs.
//
// The child runs under Node's permission model (import-permissions.ts): it reads the app and its
// file, writes the media folder and the database, and starts no process or thread. From the
// compiled build it runs the .js file next to this one; from the TypeScript sources
// (development, tests) it runs its .ts file with Node's own TypeScript support, not tsx: tsx
// compiles through esbuild, which needs a worker thread and a child process of its own, the
// very things the child may not start.
import { fork } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { formatBytes, type ImportLimits } from "../../config/import-limits.ts";
import type {
  ImportRequest,
  IsolatedProgress,
  IsolatedSummary,
  WorkerInput,
  WorkerMessage,
} from "./import-protocol.ts";
import { removeCreated } from "../../backup/media-writes.ts";
import { importPermissionFlags } from "./import-permissions.ts";

export type { ImportRequest, IsolatedProgress, IsolatedSummary } from "./import-protocol.ts";

/** An import that did not finish; `message` is written for the owner or operator. */
export class ImportFailed extends Error {
  constructor(
    message: string,
    /** "refused": the file or the site explains it; "memory": the heap cap; "crash": a bug. */
    readonly reason: "refused" | "memory" | "crash",
    readonly code?: string,
    readonly detail?: string,
  ) {
    super(message);
  }
}

interface RunImportOptions {
  /** How the worker reaches the database: `Db.url` of the caller's connection. */
  databaseUrl: string;
  limits: ImportLimits;
  onProgress?: (progress: IsolatedProgress) => void;
  /** Content the import changed, for the caller's page cache. */
  onChanges?: (tags: string[]) => void;
}

/**
 * The worker's young generation (V8's nursery), in MB. Left to itself, V8 on Node 24 grows it
 * to 128 MB for an import's stream of short-lived strings (parser chunks, comment HTML), which
 * is most of a WordPress import's peak memory; 24 MB (8 MB semi-spaces, like
 * `--max-semi-space-size=8`) costs no measurable time (bench/README.md, section 4).
 */
const importYoungGenerationMb = 24;

const here = fileURLToPath(import.meta.url);
const fromSources = path.extname(here) === ".ts";
const workerFile = path.join(path.dirname(here), `import-worker${path.extname(here)}`);

export function runImport(
  request: ImportRequest,
  options: RunImportOptions,
): Promise<IsolatedSummary> {
  const input: WorkerInput = {
    request,
    databaseUrl: options.databaseUrl,
    limits: options.limits,
  };
  const heapMb = Math.max(32, Math.floor(options.limits.memory / 1024 / 1024));
  // The media folder is made here, not in the child: Node 24 takes a grant on a folder that does
  // not exist yet as one on a file, and refused the child its first still's folder in it.
  if ("mediaDir" in request) fs.mkdirSync(request.mediaDir, { recursive: true });
  const worker = fork(workerFile, [], {
    execArgv: [
      ...(fromSources
        ? ["--experimental-transform-types", "--disable-warning=ExperimentalWarning"]
        : []),
      ...importPermissionFlags(request, options.databaseUrl),
      // "--allow-addons could invalidate the permission model": known, see import-permissions.ts.
      "--disable-warning=PERM0001",
      `--max-old-space-size=${heapMb}`,
      // V8's young generation is three semi-spaces' worth.
      `--max-semi-space-size=${importYoungGenerationMb / 3}`,
    ],
    serialization: "advanced",
    // Its output goes where the caller's goes; its errors are also read for an out-of-memory end.
    stdio: ["ignore", "inherit", "pipe", "ipc"],
  });
  let stderrTail = "";
  worker.stderr?.on("data", (chunk: Buffer) => {
    process.stderr.write(chunk);
    stderrTail = (stderrTail + chunk.toString("utf8")).slice(-4096);
  });
  worker.send(input);
  const created: string[] = [];
  let outcome:
    { ok: true; summary: IsolatedSummary } | { ok: false; failure: ImportFailed } | undefined;

  worker.on("message", (message: WorkerMessage) => {
    switch (message.type) {
      case "progress":
        options.onProgress?.(message.progress);
        break;
      case "changes":
        options.onChanges?.(message.tags);
        break;
      case "created":
        created.push(message.path);
        break;
      case "done":
        outcome ??= { ok: true, summary: message.summary };
        break;
      case "failed": {
        const { failure } = message;
        outcome ??= {
          ok: false,
          failure: new ImportFailed(
            failure.message,
            failure.expected ? "refused" : "crash",
            failure.code,
            failure.stack,
          ),
        };
        break;
      }
    }
  });
  const outOfMemory = () => {
    outcome ??= {
      ok: false,
      failure: new ImportFailed(
        `The import ran out of memory: it may use ${formatBytes(options.limits.memory)}, and this ` +
          "file needed more. The file is damaged or hostile, or very large (the limit is the " +
          "`memory` entry of CINELOG_IMPORT_LIMITS). What was imported before this point stays.",
        "memory",
        "ERR_WORKER_OUT_OF_MEMORY",
      ),
    };
  };
  worker.on("error", (error: Error & { code?: string }) => {
    // The child could not be started or reached.
    outcome ??= {
      ok: false,
      failure: new ImportFailed(error.message, "crash", error.code, error.stack),
    };
  });

  return new Promise((resolve, reject) => {
    worker.once("exit", (exitCode, signal) => {
      if (/heap out of memory|Reached heap limit/.test(stderrTail)) outOfMemory();
      const result = outcome ?? {
        ok: false as const,
        failure: new ImportFailed(
          `The import stopped unexpectedly (its process exited with ${signal ? `signal ${signal}` : `code ${exitCode}`}).`,
          "crash",
        ),
      };
      if (result.ok) {
        resolve(result.summary);
        return;
      }
      // A worker that died could not remove what it had written (a restore's media files).
      void removeCreated(created).finally(() => reject(result.failure));
    });
  });
}
