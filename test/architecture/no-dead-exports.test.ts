// An export is a promise that another module needs the name. One that no other file mentions
// (not in src/, test/, bench/ or scripts/) is dead weight a newcomer has to read around, so this
// test fails on it and names the file and the line: drop the `export`, or the declaration.
// "Mentions" is a whole-word match, so it errs towards keeping: a name that also appears in
// a string elsewhere counts as used.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const projectRoot = resolve(import.meta.dirname, "../..");
const scannedFolders = ["src", "test", "bench", "scripts"];
const sourceFile = /\.(ts|tsx|js|mjs)$/;
const exportedDeclaration =
  /^export\s+(?:default\s+)?(?:async\s+)?(?:function\*?|const|let|class|type|interface|enum)\s+([A-Za-z_$][\w$]*)/gm;

function filesUnder(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return entry.name === "node_modules" ? [] : filesUnder(path);
    return sourceFile.test(entry.name) ? [path] : [];
  });
}

interface DeadExport {
  at: string;
  name: string;
}

/** Every exported name in src/ with the files that mention it outside its own. */
function deadExports(): DeadExport[] {
  const files = scannedFolders.flatMap((folder) => filesUnder(join(projectRoot, folder)));
  const texts = new Map(files.map((file) => [file, readFileSync(file, "utf8")]));
  const filesMentioning = new Map<string, Set<string>>();
  for (const [file, text] of texts) {
    for (const word of new Set(text.match(/[A-Za-z_$][\w$]*/g) ?? [])) {
      let mentions = filesMentioning.get(word);
      if (!mentions) filesMentioning.set(word, (mentions = new Set()));
      mentions.add(file);
    }
  }
  const dead: DeadExport[] = [];
  for (const [file, text] of texts) {
    if (!relative(projectRoot, file).startsWith("src")) continue;
    for (const match of text.matchAll(exportedDeclaration)) {
      const name = match[1]!;
      const elsewhere = [...(filesMentioning.get(name) ?? [])].filter((f) => f !== file);
      if (elsewhere.length > 0) continue;
      const line = text.slice(0, match.index).split("\n").length;
      dead.push({ at: `${relative(projectRoot, file)}:${line}`, name });
    }
  }
  return dead;
}

describe("exports", () => {
  it("finds the exports in src/ that it checks", () => {
    const text = readFileSync(join(projectRoot, "src/domain/posts.ts"), "utf8");
    expect([...text.matchAll(exportedDeclaration)].map((m) => m[1])).toContain("postPath");
  });

  it("every name exported from src/ is used by another file", () => {
    const lines = deadExports().map(({ at, name }) => `${at} ${name}`);
    expect(lines, "exported but used only in its own file (drop the export)").toEqual([]);
  });
});
