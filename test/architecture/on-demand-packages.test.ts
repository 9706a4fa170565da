// Packages that only some requests need are loaded when first needed, never when the server
// starts: each one costs a serving process megabytes it would hold for nothing (sharp and its
// libvips about 8 MB resident, nodemailer and @simplewebauthn/server 3–4 MB of heap each;
// bench/README.md, "Memory"). The test reads every source file's static imports, so a
// top-level `import sharp from "sharp"` fails here with its file and line; `import type` and
// `await import("sharp")` are fine.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const srcRoot = resolve(import.meta.dirname, "../../src");
const onDemand = ["sharp", "nodemailer", "@simplewebauthn/server"];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

describe("packages loaded on demand", () => {
  it("are never imported at the top of a source file (except as types)", () => {
    const files = sourceFiles(srcRoot);
    expect(files.length).toBeGreaterThan(100);
    const found: string[] = [];
    for (const file of files) {
      const text = readFileSync(file, "utf8");
      for (const match of text.matchAll(/^import\s+(?!type\b)[^;]*?from\s+"([^"]+)"/gms)) {
        if (!onDemand.includes(match[1]!)) continue;
        const line = text.slice(0, match.index).split("\n").length;
        found.push(`${relative(srcRoot, file)}:${line} imports ${match[1]}`);
      }
    }
    expect(found).toEqual([]);
  });

  it("are still used, each where it is needed", () => {
    const text = sourceFiles(srcRoot)
      .map((file) => readFileSync(file, "utf8"))
      .join("\n");
    for (const name of onDemand) expect(text).toContain(`import("${name}")`);
  });
});
