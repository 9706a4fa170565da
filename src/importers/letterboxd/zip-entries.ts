// The files inside a Letterboxd export zip, read one at a time as streams: the zip's
// directory is read first (a few hundred bytes per file), and each file is inflated only
// while it is being read, so the export is never held in memory whole.
import type { Readable } from "node:stream";
import yauzl from "yauzl";
import {
  defaultImportLimits,
  ImportLimitError,
  type ImportLimits,
} from "../../config/import-limits.ts";
import { ZipBudget } from "../zip-budget.ts";
import { LetterboxdError } from "./letterboxd-error.ts";

export interface ZipMember {
  /** Path inside the zip, without the folder Letterboxd sometimes wraps everything in. */
  name: string;
  size: number;
}

export interface ZipArchive {
  members: ZipMember[];
  open(member: ZipMember): Promise<Readable>;
  close(): void;
}

export async function openZip(
  file: string,
  limits: Pick<ImportLimits, "zipSize" | "zipEntries"> = defaultImportLimits,
): Promise<ZipArchive> {
  const budget = new ZipBudget(limits.zipSize, limits.zipEntries);
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.openPromise(file, { lazyEntries: true, autoClose: false });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new LetterboxdError(`${file}: no such file.`);
    if (code === "EISDIR") throw new LetterboxdError(`${file} is a folder, not a zip file.`);
    throw new LetterboxdError(
      `${file} is not a zip file (${(error as Error).message}). ` +
        "Give the .zip that Letterboxd's Settings → Data → Export your data downloads.",
    );
  }
  let entries: yauzl.Entry[];
  try {
    entries = await readDirectory(zip, budget);
  } catch (error) {
    zip.close();
    if (error instanceof ImportLimitError) throw new LetterboxdError(`Refused: ${error.message}.`);
    throw new LetterboxdError(`${file} is a damaged zip file: ${(error as Error).message}`);
  }
  const files = entries.filter((e) => !e.fileName.endsWith("/"));
  const prefix = commonFolder(files.map((e) => e.fileName));
  const byMember = new Map<ZipMember, yauzl.Entry>();
  for (const entry of files) {
    byMember.set(
      { name: entry.fileName.slice(prefix.length), size: entry.uncompressedSize },
      entry,
    );
  }
  return {
    members: [...byMember.keys()],
    async open(member) {
      const entry = byMember.get(member);
      if (!entry) throw new Error(`not a member of this zip: ${member.name}`);
      try {
        return budget.meter(
          await zip.openReadStreamPromise(entry),
          member.name,
          entry.uncompressedSize,
        );
      } catch (error) {
        throw new LetterboxdError(`${member.name}: ${(error as Error).message}`);
      }
    },
    close: () => zip.close(),
  };
}

function readDirectory(zip: yauzl.ZipFile, budget: ZipBudget): Promise<yauzl.Entry[]> {
  return new Promise((resolve, reject) => {
    const entries: yauzl.Entry[] = [];
    zip.on("entry", (entry: yauzl.Entry) => {
      try {
        budget.countEntry(entry.fileName);
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
        return;
      }
      entries.push(entry);
      zip.readEntry();
    });
    zip.on("end", () => resolve(entries));
    zip.on("error", reject);
    zip.readEntry();
  });
}

/** "letterboxd-user-2024-…/" when every file sits in that one folder, else "". */
function commonFolder(names: string[]): string {
  const first = names[0];
  if (!first?.includes("/")) return "";
  const folder = first.slice(0, first.indexOf("/") + 1);
  // Letterboxd's own folders are never a wrapper, even when they hold every file.
  if (["lists/", "likes/", "deleted/", "orphaned/"].includes(folder)) return "";
  return names.every((n) => n.startsWith(folder)) ? folder : "";
}
