#!/usr/bin/env node
// Runs the compiled CLI (dist/, built on install by `prepare` or `npm run build`). Only in a
// checkout whose sources changed since the last build does it compile them on the fly
// through tsx, which costs seconds: run `npm run build` to get the fast start back.
import path from "node:path";
import { distIsFresh } from "../scripts/build-freshness.mjs";

const root = path.resolve(import.meta.dirname, "..");
if (distIsFresh(root)) {
  await import("../dist/cli/main.js");
} else {
  const { register } = await import("tsx/esm/api");
  register();
  await import("../src/cli/main.ts");
}
