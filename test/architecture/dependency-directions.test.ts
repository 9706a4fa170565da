// The layers of src/ and the one direction their imports may point (ARCHITECTURE.md):
//   cli → exporters → web → importers / backup / mail / feeds → domain → search → content / media → db
// A module may import its own layer or any layer below it, never one above. The test reads every
// import of every source file (static and `await import()`), so a new upward import fails here
// with the file and the line that made it.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { describe, expect, it } from "vitest";

const srcRoot = resolve(import.meta.dirname, "../../src");

/** Higher numbers sit higher: they may import anything with a lower or equal number. */
const layerRanks: Record<string, number> = {
  cli: 90,
  "runtime.ts": 85,
  demo: 80,
  exporters: 70,
  web: 60,
  importers: 50,
  backup: 50,
  mail: 50,
  federation: 50,
  feeds: 50,
  domain: 40,
  search: 30,
  content: 20,
  media: 20,
  // Outgoing requests to other sites, behind the private-address guard: below everything
  // that fetches (domain, web, the Webmention worker), above only db and config.
  net: 15,
  webmention: 50,
  // Migrations are the one part of db/ that runs content code (rendering stored markdown,
  // building search documents) at the moment they were written; they sit above both.
  "db/migrations": 35,
  "db/migrate.ts": 35,
  db: 10,
  config: 0,
  "config.ts": 0,
  "log-lines.ts": 0,
};

/** Imports inside one layer that still point the wrong way within it. */
const forbiddenWithinLayer: { from: RegExp; to: RegExp; why: string }[] = [
  {
    from: /^web\/cache\//,
    to: /^web\/public\//,
    why: "the page cache serves routes; it must not know any route's module",
  },
  {
    from: /^web\/auth\//,
    to: /^web\/cache\//,
    why: "sessions come before the cache; the cache reads cookie names from web/cookie-names",
  },
  {
    from: /^web\/(public|admin)\/.*-routes\.tsx?$/,
    to: /^db\/(sqlite|postgres|connect)\.ts$/,
    why: "route files call domain functions; they do not open or query the database",
  },
];

/** The longest key of layerRanks that names the path or a folder holding it. */
function layerOf(path: string): string {
  const parts = path.split("/");
  for (let length = parts.length; length > 0; length--) {
    const prefix = parts.slice(0, length).join("/");
    if (layerRanks[prefix] !== undefined) return prefix;
  }
  throw new Error(`src/${path} is in no layer: add it to layerRanks`);
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

interface ImportLine {
  from: string;
  to: string;
  line: number;
}

/** Every relative import of a file that lands inside src/, as paths relative to src/. */
function importsOf(file: string): ImportLine[] {
  const text = readFileSync(file, "utf8");
  const found: ImportLine[] = [];
  const pattern = /(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)["'](\.{1,2}\/[^"']+)["']/gm;
  for (const match of text.matchAll(pattern)) {
    const target = resolve(dirname(file), match[1] ?? "");
    if (!target.startsWith(srcRoot + sep)) continue;
    found.push({
      from: relative(srcRoot, file).split(sep).join("/"),
      to: relative(srcRoot, target).split(sep).join("/"),
      line: text.slice(0, match.index).split("\n").length,
    });
  }
  return found;
}

const allImports = sourceFiles(srcRoot).flatMap(importsOf);

describe("dependency directions in src/", () => {
  it("reads the imports of the whole tree", () => {
    // A guard on the reader itself: if the pattern stopped matching, every rule would pass.
    expect(allImports.length).toBeGreaterThan(1000);
    expect(allImports.some((i) => i.from === "cli/main.ts")).toBe(true);
  });

  it("no layer imports a layer above it", () => {
    const upward = allImports
      .filter((i) => layerRanks[layerOf(i.to)]! > layerRanks[layerOf(i.from)]!)
      .map((i) => `src/${i.from}:${i.line} imports src/${i.to}`);
    expect(upward).toEqual([]);
  });

  it("no import breaks a rule inside a layer", () => {
    const broken = allImports.flatMap((i) =>
      forbiddenWithinLayer
        .filter((rule) => rule.from.test(i.from) && rule.to.test(i.to))
        .map((rule) => `src/${i.from}:${i.line} imports src/${i.to}: ${rule.why}`),
    );
    expect(broken).toEqual([]);
  });

  it("route files leave queries to the domain", () => {
    const routeFiles = sourceFiles(join(srcRoot, "web")).filter((f) => /-routes\.tsx?$/.test(f));
    expect(routeFiles.length).toBeGreaterThan(20);
    const inline = routeFiles.flatMap((file) =>
      readFileSync(file, "utf8")
        .split("\n")
        .flatMap((text, index) =>
          /\.(selectFrom|insertInto|updateTable|deleteFrom)\(/.test(text)
            ? [`src/${relative(srcRoot, file)}:${index + 1}`]
            : [],
        ),
    );
    expect(inline).toEqual([]);
  });

  it("no two modules of different layers import each other", () => {
    const edges = new Set(allImports.map((i) => `${i.from} ${i.to}`));
    const cycles = allImports
      .filter((i) => layerOf(i.from) !== layerOf(i.to) && edges.has(`${i.to} ${i.from}`))
      .map((i) => `src/${i.from} ⇄ src/${i.to}`);
    expect(cycles).toEqual([]);
  });
});
