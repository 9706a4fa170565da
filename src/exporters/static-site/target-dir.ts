// The folder the static copy goes into. A folder with something in it is refused unless the
// operator says --force, and then it is emptied first, so that a page deleted since the last
// export does not linger in the copy. Even with --force, a folder holding the site's own
// data (its database or media) is never emptied.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export class TargetDirError extends Error {}

interface TargetOptions {
  force: boolean;
  /** Folders that must survive: the data and media folders. */
  protect: string[];
}

export async function prepareTargetDir(dir: string, options: TargetOptions): Promise<string> {
  const target = path.resolve(dir);
  const stat = await fs.promises.stat(target).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return undefined;
    throw error;
  });
  if (!stat) {
    await fs.promises.mkdir(target, { recursive: true });
    return target;
  }
  if (!stat.isDirectory()) throw new TargetDirError(`${target} is a file, not a folder.`);
  const entries = await fs.promises.readdir(target);
  if (entries.length === 0) return target;
  if (!options.force) {
    throw new TargetDirError(
      `${target} is not empty. Choose an empty folder, or add --force to empty this one first.`,
    );
  }
  const kept = [...options.protect, os.homedir(), process.cwd()].map((p) => path.resolve(p));
  const clash = kept.find((p) => p === target || isInside(p, target));
  if (clash || target === path.parse(target).root) {
    throw new TargetDirError(
      `${target} holds ${clash ?? "everything"}; it will not be emptied. Choose another folder.`,
    );
  }
  for (const entry of entries) {
    await fs.promises.rm(path.join(target, entry), { recursive: true, force: true });
  }
  return target;
}

/** Whether `inner` is somewhere below `outer`. */
function isInside(inner: string, outer: string): boolean {
  const relative = path.relative(outer, inner);
  return relative !== "" && !relative.startsWith("..") && !path.isAbsolute(relative);
}
