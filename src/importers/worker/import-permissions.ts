// What an import's child process may touch, as Node's permission model flags (`--permission`):
// it reads the app's own code and packages, the file being imported (and the old site's uploads
// folder, when given) and the folders it writes to; it writes the media folder and the SQLite
// database's files; it may not start processes or worker threads. A file crafted to make an
// importer write or read elsewhere meets ERR_ACCESS_DENIED even where a check of our own missed
// it.
//
// What the model does not cover in Node 24, so neither does this: native addons run with the
// process's own rights once loaded (`--allow-addons` is needed for better-sqlite3 and sharp, so
// SQLite's own writes and sharp's `toFile` are not checked; the grants on the database's files
// say what it should write); symbolic links are followed wherever they lead (an uploads folder
// with a link out of it is read through it); and the network is not restricted (PostgreSQL,
// fetched attachments: those go through net/safe-fetch.ts and the database's own roles). The
// database's folder is readable as a whole, because better-sqlite3 looks for it before opening.
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { ImportRequest } from "./import-protocol.ts";

/** The folder holding this package's code: src/ or dist/'s parent. */
const appRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

/**
 * The node_modules folders the child loads packages from: the app's own, and the one they were
 * hoisted to when Cinelog is installed as a dependency.
 */
function packageFolders(): string[] {
  const marker = `${path.sep}node_modules${path.sep}`;
  return ["better-sqlite3", "kysely", "pg", "sharp"].map((name) => {
    const entry = createRequire(import.meta.url).resolve(name);
    return entry.slice(0, entry.lastIndexOf(marker) + marker.length - 1);
  });
}

/** The SQLite file of a `sqlite:` URL (connect.ts makes it absolute), else undefined. */
function sqliteFile(databaseUrl: string): string | undefined {
  return databaseUrl.startsWith("sqlite:")
    ? path.resolve(databaseUrl.slice("sqlite:".length))
    : undefined;
}

/** The paths an import of `request` into `databaseUrl` may read and write. */
function importGrants(
  request: ImportRequest,
  databaseUrl: string,
): { read: string[]; write: string[] } {
  const database = sqliteFile(databaseUrl);
  // SQLite writes its journal, or in WAL mode its -wal and -shm, beside the file.
  const databaseFiles = database
    ? ["", "-wal", "-shm", "-journal"].map((suffix) => database + suffix)
    : [];
  const mediaDir = "mediaDir" in request ? [path.resolve(request.mediaDir)] : [];
  const uploadsDir =
    request.kind === "wordpress" && request.uploadsDir ? [path.resolve(request.uploadsDir)] : [];
  const write = [...databaseFiles, ...mediaDir];
  const read = [
    appRoot,
    ...packageFolders(),
    path.resolve(request.file),
    ...uploadsDir,
    // better-sqlite3 looks for the database's folder before it opens the file (a folder's
    // grant takes in what it holds: the grant cannot be narrower).
    ...(database ? [path.dirname(database)] : []),
    ...write,
  ];
  return { read: outermost(read), write: outermost(write) };
}

/**
 * The paths without those inside another (a folder's grant covers what is in it). Node 24 also
 * needs this: given a folder and a file in it, in some orders it refused the folder itself
 * (`--allow-fs-read=/d --allow-fs-read=/d/f` denied existsSync("/d")).
 */
function outermost(paths: string[]): string[] {
  const unique = [...new Set(paths)];
  return unique.filter((p) => !unique.some((q) => q !== p && p.startsWith(q + path.sep)));
}

/** The child's Node flags for those grants: no child processes, no worker threads. */
export function importPermissionFlags(request: ImportRequest, databaseUrl: string): string[] {
  const { read, write } = importGrants(request, databaseUrl);
  return [
    "--permission",
    "--allow-addons",
    ...read.map((p) => `--allow-fs-read=${p}`),
    ...write.map((p) => `--allow-fs-write=${p}`),
  ];
}
