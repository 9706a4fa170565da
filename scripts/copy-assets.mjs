// After `tsc`, copies the files the server reads at run time (stylesheets, scripts) into dist/.
import fs from "node:fs";
import path from "node:path";

const from = "src/web/assets";
const to = "dist/web/assets";
fs.mkdirSync(to, { recursive: true });
for (const name of fs.readdirSync(from)) {
  if (/\.(css|js)$/.test(name)) fs.copyFileSync(path.join(from, name), path.join(to, name));
}
