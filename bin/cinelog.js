#!/usr/bin/env node
// Runs the compiled CLI (dist/, built on install by `prepare` or `npm run build`). Only in a
// checkout whose sources changed since the last build does it compile them on the fly
// through tsx, which costs seconds: run `npm run build` to get the fast start back.
// Production mode never does that: it runs what was built, or refuses to start.
import path from "node:path";
import { distIsFresh } from "../scripts/build-freshness.mjs";

const root = path.resolve(import.meta.dirname, "..");
const production =
  process.env.NODE_ENV === "production" || process.argv.slice(2).includes("--production");
if (distIsFresh(root)) {
  await import("../dist/cli/main.js");
} else if (production) {
  process.stderr.write(
    "Production mode runs the compiled JavaScript, and dist/ is missing or older than the " +
      "sources: run `npm run build` first.\n",
  );
  process.exitCode = 1;
} else {
  const { register } = await import("tsx/esm/api");
  register();
  await import("../src/cli/main.ts");
}
