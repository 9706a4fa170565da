// Reading a backup zip: its list of entries first (from the zip's central directory), then any
// entry on demand as a stream, so a restore never holds more than a page of rows in memory.
// What the zip holds is counted as it is read (entries, inflated bytes, one line's length)
// and refused past the import limits, whatever its headers claim.
import type { Readable } from "node:stream";
import yauzl from "yauzl";
import {
  defaultImportLimits,
  formatBytes,
  ImportLimitError,
  type ImportLimits,
} from "../config/import-limits.ts";
import { ZipBudget } from "../importers/zip-budget.ts";
import { BackupError } from "./backup-format.ts";

export interface BackupZip {
  names(): string[];
  has(name: string): boolean;
  /** The entry's whole text, for small entries (the manifest). */
  text(name: string, maxBytes: number): Promise<string>;
  /** The entry's lines, one at a time. */
  lines(name: string): AsyncGenerator<string>;
  stream(name: string): Promise<Readable>;
  close(): void;
}

export type BackupLimits = Pick<ImportLimits, "backupSize" | "backupEntries" | "ndjsonLine">;

/**
 * A read error as the operator should see it: a limit is a refusal, anything else damage. A
 * path the import's process may not touch (Node's permission model, import-permissions.ts) is
 * no damage of the backup's: it goes on as it is, and the worker says what was refused.
 */
export function readFailure(name: string, error: unknown): Error {
  if (error instanceof BackupError) return error;
  if ((error as NodeJS.ErrnoException | undefined)?.code === "ERR_ACCESS_DENIED") {
    return error as Error;
  }
  if (error instanceof ImportLimitError) return new BackupError(`Refused: ${error.message}.`);
  return new BackupError(`The backup's ${name} is damaged (${(error as Error).message}).`);
}

export async function openBackupZip(
  file: string,
  limits: BackupLimits = defaultImportLimits,
): Promise<BackupZip> {
  let zip: yauzl.ZipFile;
  const entries = new Map<string, yauzl.Entry>();
  const budget = new ZipBudget(limits.backupSize, limits.backupEntries);
  try {
    zip = await yauzl.openPromise(file, { autoClose: false, strictFileNames: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new BackupError(`${file}: no such file.`);
    throw new BackupError(`${file} is not a readable zip file (${(error as Error).message}).`);
  }
  try {
    for await (const entry of zip.eachEntry()) {
      budget.countEntry(entry.fileName);
      entries.set(entry.fileName, entry);
    }
  } catch (error) {
    zip.close();
    if (error instanceof ImportLimitError) throw new BackupError(`Refused: ${error.message}.`);
    throw new BackupError(`${file} is a damaged zip file (${(error as Error).message}).`);
  }

  const stream = async (name: string): Promise<Readable> => {
    const entry = entries.get(name);
    if (!entry) throw new BackupError(`The backup is incomplete: it has no ${name}.`);
    try {
      return budget.meter(await zip.openReadStreamPromise(entry), name, entry.uncompressedSize);
    } catch (error) {
      throw new BackupError(`The backup's ${name} cannot be read (${(error as Error).message}).`);
    }
  };

  async function* lines(name: string): AsyncGenerator<string> {
    const input = await stream(name);
    // The pieces of the line read so far. Only each new chunk is searched for a line end, so
    // a line costs time in proportion to its length, however many chunks it spans.
    let pieces: Buffer[] = [];
    let pending = 0;
    let lineNumber = 1;
    const tooLong = () =>
      new BackupError(
        `Refused: line ${lineNumber} of the backup's ${name} is longer than ` +
          `${formatBytes(limits.ndjsonLine)}, the most a restore reads as one row.`,
      );
    try {
      for await (const chunk of input as AsyncIterable<Buffer>) {
        let start = 0;
        // A newline byte never occurs inside a multi-byte UTF-8 character: lines split safely
        // as bytes and are decoded whole.
        for (let end = chunk.indexOf(10, start); end !== -1; end = chunk.indexOf(10, start)) {
          if (pending + end - start > limits.ndjsonLine) throw tooLong();
          pieces.push(chunk.subarray(start, end));
          yield Buffer.concat(pieces).toString("utf8");
          pieces = [];
          pending = 0;
          lineNumber += 1;
          start = end + 1;
        }
        if (start < chunk.length) {
          pending += chunk.length - start;
          if (pending > limits.ndjsonLine) throw tooLong();
          pieces.push(chunk.subarray(start));
        }
      }
    } catch (error) {
      throw readFailure(name, error);
    }
    if (pending > 0) yield Buffer.concat(pieces).toString("utf8");
  }

  return {
    names: () => [...entries.keys()],
    has: (name) => entries.has(name),
    async text(name, maxBytes) {
      const entry = entries.get(name);
      if (entry && entry.uncompressedSize > maxBytes) {
        throw new BackupError(`The backup's ${name} is too large to be a Cinelog manifest.`);
      }
      const chunks: Buffer[] = [];
      let size = 0;
      try {
        for await (const chunk of await stream(name)) {
          size += (chunk as Buffer).length;
          // The header's size is only a claim: the bytes are counted as they come.
          if (size > maxBytes) {
            throw new BackupError(`The backup's ${name} is too large to be a Cinelog manifest.`);
          }
          chunks.push(chunk as Buffer);
        }
      } catch (error) {
        throw readFailure(name, error);
      }
      return Buffer.concat(chunks).toString("utf8");
    },
    lines,
    stream,
    close: () => zip.close(),
  };
}
