// Whether dist/ holds a build of the current sources: the build writes dist/.built (the time
// it started) last, and any source or compiler setting changed since makes it stale. Read by
// bin/cinelog.js on every start, so it only stats files (~300, a few milliseconds).
import fs from "node:fs";
import path from "node:path";

export const stampName = ".built";

/** The time in ms the current dist/ build started, or undefined when there is none. */
export function builtAt(root) {
  try {
    return Number(fs.readFileSync(path.join(root, "dist", stampName), "utf8"));
  } catch {
    return undefined;
  }
}

export function distIsFresh(root) {
  const since = builtAt(root);
  if (since === undefined || Number.isNaN(since)) return false;
  const src = path.join(root, "src");
  // An installed copy without sources runs what it has.
  if (!fs.existsSync(src)) return true;
  const inputs = [
    path.join(root, "tsconfig.json"),
    path.join(root, "tsconfig.build.json"),
    ...fs.readdirSync(src, { recursive: true }).map((name) => path.join(src, name)),
  ];
  return inputs.every((file) => {
    try {
      return fs.statSync(file).mtimeMs <= since;
    } catch {
      return true;
    }
  });
}
