// How an import's child judges the error that ended its import, before it crosses to the
// process that started it: a refusal the file or the site explains (a damaged export, a limit, a
// path outside what the child may touch) is told to the owner as it is; anything else is a bug,
// sent with its stack to be logged.
import { BackupError } from "../../backup/backup-format.ts";
import { ImportLimitError } from "../../config/import-limits.ts";
import { LetterboxdError } from "../letterboxd/import-letterboxd.ts";
import { WxrError } from "../wordpress/wxr-types.ts";
import type { WorkerFailure } from "./import-protocol.ts";

/** What Node's permission model refused, as `ERR_ACCESS_DENIED` names it, in the owner's words. */
const refusedActions: Record<string, string> = {
  FileSystemRead: "read",
  FileSystemWrite: "write",
  ChildProcess: "start a process",
  WorkerThreads: "start a worker thread",
};

export function failureOf(error: unknown): WorkerFailure {
  const err = error instanceof Error ? error : new Error(String(error));
  const { code, permission, resource } = (error ?? {}) as NodeJS.ErrnoException & {
    permission?: string;
    resource?: string;
  };
  if (code === "ERR_ACCESS_DENIED") {
    // The child runs under Node's permission model (import-permissions.ts): whatever in the
    // file led here, nothing outside its grants was touched, and the owner hears what was tried.
    const action = refusedActions[permission ?? ""] ?? "use";
    const what = resource ? ` ${resource}` : "";
    return {
      expected: true,
      code,
      message:
        `Refused: the import tried to ${action}${what}, outside what an import may touch ` +
        "(its own file, and the media folder and the database to write). Nothing there was changed.",
    };
  }
  const expected =
    error instanceof WxrError ||
    error instanceof LetterboxdError ||
    error instanceof BackupError ||
    error instanceof ImportLimitError ||
    code === "ENOENT";
  return {
    expected,
    message: err.message,
    ...(typeof code === "string" ? { code } : {}),
    ...(expected || !err.stack ? {} : { stack: err.stack }),
  };
}
