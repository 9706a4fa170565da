// The files under the media directory (stills and their variants), for the backup, and the
// safe place to write one back.
import fs from "node:fs/promises";
import path from "node:path";
import { BackupError } from "./backup-format.ts";

interface MediaFile {
  /** Path below the media directory, with forward slashes: `stills/12/abc-960.webp`. */
  name: string;
  file: string;
  size: number;
}

/** Every regular file below the directory, sorted by name; none when it does not exist. */
export async function listMediaFiles(mediaDir: string): Promise<MediaFile[]> {
  const root = path.resolve(mediaDir);
  const found: MediaFile[] = [];
  const walk = async (dir: string): Promise<void> => {
    let entries;
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
      throw error;
    }
    for (const entry of entries) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) await walk(file);
      // Symbolic links and sockets are not media a site wrote; a backup never follows them.
      else if (entry.isFile()) {
        const { size } = await fs.stat(file);
        found.push({ name: path.relative(root, file).split(path.sep).join("/"), file, size });
      }
    }
  };
  await walk(root);
  return found.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** Where a backup's media entry goes; refuses any name that would land outside the directory. */
export function mediaTarget(mediaDir: string, name: string): string {
  const root = path.resolve(mediaDir);
  const file = path.resolve(root, name);
  if (name.includes("\0") || path.isAbsolute(name) || !file.startsWith(root + path.sep)) {
    throw new BackupError(`The backup holds a media file with an unsafe name: ${name}`);
  }
  return file;
}
