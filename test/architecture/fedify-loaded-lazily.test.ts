// Fedify costs about half a second and tens of megabytes to load, and federation is off by
// default. The app, the server and the CLI reach it only through `await import()`
// (src/federation/federation-loader.ts). This test follows every static, non-type import from
// their entry points and fails, naming the chain, if one of them reaches a Fedify package.
import { existsSync, readFileSync } from "node:fs";
import { dirname, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "../..");
const entryPoints = ["src/web/app.tsx", "src/cli/main.ts", "src/cli/serve.ts"];

/** The specifiers a module imports at load time (not `import type`, not `await import()`). */
function staticImports(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const found: string[] = [];
  const pattern = /^\s*(?:import|export)\s+(type\s+)?(?:[^;"']*?\s+from\s+)?["']([^"']+)["']/gm;
  for (const match of text.matchAll(pattern)) {
    if (!match[1]) found.push(match[2]!);
  }
  return found;
}

function resolveLocal(from: string, specifier: string): string | undefined {
  if (!specifier.startsWith(".")) return undefined;
  const target = resolve(dirname(from), specifier);
  return existsSync(target) ? target : undefined;
}

/** The chain of modules from `entry` to the first Fedify import, or undefined. */
function chainToFedify(entry: string): string[] | undefined {
  const cameFrom = new Map<string, string | undefined>([[entry, undefined]]);
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.shift()!;
    for (const specifier of staticImports(file)) {
      if (specifier.startsWith("@fedify/")) {
        const chain = [specifier];
        for (let at: string | undefined = file; at; at = cameFrom.get(at)) {
          chain.unshift(relative(root, at));
        }
        return chain;
      }
      const next = resolveLocal(file, specifier);
      if (next && !cameFrom.has(next)) {
        cameFrom.set(next, file);
        queue.push(next);
      }
    }
  }
  return undefined;
}

describe("Fedify is loaded only when federation needs it", () => {
  for (const entry of entryPoints) {
    it(`${entry} does not import Fedify at load time`, () => {
      const file = resolve(root, entry);
      // The walk itself must see the app: a broken reader would find nothing and pass.
      expect(staticImports(file).length).toBeGreaterThan(0);
      expect(chainToFedify(file)).toBeUndefined();
    });
  }

  it("finds a chain where one exists (the federation module itself)", () => {
    expect(chainToFedify(resolve(root, "src/federation/federation.ts"))).toEqual([
      "src/federation/federation.ts",
      "@fedify/fedify",
    ]);
  });
});
