// `npm run build` (also run by `npm install` through `prepare`): compiles src/ to dist/ with
// tsc, copies the files the server reads at run time (stylesheets, scripts), and stamps the
// build last, so bin/cinelog.js runs dist/ only when it is whole and current.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { stampName } from "./build-freshness.mjs";

const root = path.resolve(import.meta.dirname, "..");
const startedAt = Date.now();
fs.rmSync(path.join(root, "dist", stampName), { force: true });

let tsc;
try {
  tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
} catch {
  // An install without dev dependencies has no compiler: bin/cinelog.js then runs the
  // sources through tsx (a dependency), slower to start but the same program.
  console.warn("TypeScript is not installed: dist/ not built; cinelog will run from src/.");
  process.exit(0);
}
execFileSync(process.execPath, [tsc, "-p", path.join(root, "tsconfig.build.json")], {
  stdio: "inherit",
});

const from = path.join(root, "src/web/assets");
const to = path.join(root, "dist/web/assets");
fs.mkdirSync(to, { recursive: true });
for (const name of fs.readdirSync(from)) {
  if (/\.(css|js|svg)$/.test(name)) fs.copyFileSync(path.join(from, name), path.join(to, name));
}

fs.writeFileSync(path.join(root, "dist", stampName), String(startedAt));
