// The dark scheme may change colour variables and nothing else. Two things rest on that: a
// page's layout and content are the same in both schemes (a reader switching their system to
// dark loses nothing), and the browser tests check dark pages with axe's colour rules only
// (test/support/axe.ts), having checked the same page's structure in light mode.
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const srcRoot = resolve(import.meta.dirname, "../../src");

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(css|ts|tsx|js)$/.test(entry.name) ? [path] : [];
  });
}

/** The text inside the braces that open at `open` (the index of a `{`). */
function blockAt(text: string, open: number): string {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === "{") depth++;
    if (text[i] === "}" && --depth === 0) return text.slice(open + 1, i);
  }
  throw new Error("unclosed block");
}

/** Every declaration of every dark-scheme block in the source, as `file: declaration`. */
function darkDeclarations(): { file: string; selector: string; declaration: string }[] {
  const found: { file: string; selector: string; declaration: string }[] = [];
  for (const file of sourceFiles(srcRoot)) {
    const text = readFileSync(file, "utf8");
    for (const match of text.matchAll(/prefers-color-scheme:\s*dark\s*\)\s*\{/g)) {
      const media = blockAt(text, match.index + match[0].length - 1);
      for (const rule of media.matchAll(/([^{}]+)\{([^{}]*)\}/g)) {
        for (const declaration of rule[2]!.split(";").map((d) => d.trim())) {
          if (declaration) found.push({ file, selector: rule[1]!.trim(), declaration });
        }
      }
    }
  }
  return found;
}

describe("the dark scheme", () => {
  it("exists, so this test checks something", () => {
    expect(darkDeclarations().length).toBeGreaterThan(3);
  });

  it("sets colour variables on :root and nothing else", () => {
    const others = darkDeclarations().filter(
      ({ selector, declaration }) => selector !== ":root" || !/^--[\w-]+\s*:/.test(declaration),
    );
    expect(others.map((o) => `${o.file}: ${o.selector} { ${o.declaration} }`)).toEqual([]);
  });
});
