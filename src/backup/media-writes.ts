// The media files a restore writes, remembered so that a restore that fails takes them away
// again. A file is created exclusively (a restore never overwrites what was there), and the
// caller hears of each file and folder as soon as it exists, before a byte goes into it: a
// restore that dies outright (out of memory, in its worker) is cleaned up from that list.
import fs from "node:fs/promises";
import path from "node:path";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";

export class MediaWrites {
  readonly #created: string[] = [];

  constructor(private readonly onCreated: (file: string) => void = () => {}) {}

  async write(file: string, source: Readable): Promise<void> {
    const firstNewFolder = await fs.mkdir(path.dirname(file), { recursive: true });
    if (firstNewFolder) {
      // Every folder from the first new one down to the file's own was made here.
      for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
        this.#created.push(dir);
        this.onCreated(dir);
        if (dir === firstNewFolder || dir === path.dirname(dir)) break;
      }
    }
    let handle;
    try {
      handle = await fs.open(file, "wx", 0o644);
    } catch (error) {
      source.destroy();
      throw error;
    }
    this.#created.push(file);
    this.onCreated(file);
    await pipeline(source, handle.createWriteStream());
  }

  /** Deletes what was written; best effort, and never throws over the error that caused it. */
  async undo(): Promise<void> {
    await removeCreated(this.#created);
    this.#created.length = 0;
  }
}

/** Files first, then folders deepest first, each folder only once it is empty. */
export async function removeCreated(paths: readonly string[]): Promise<void> {
  const ordered = [...new Set(paths)].sort((a, b) => b.length - a.length);
  for (const entry of ordered) {
    await fs.rm(entry, { force: true }).catch(async (error: NodeJS.ErrnoException) => {
      // A folder: removed only if nothing else has been put in it meanwhile.
      if (error.code === "EISDIR" || error.code === "ERR_FS_EISDIR") {
        await fs.rmdir(entry).catch(() => undefined);
      }
    });
  }
}
