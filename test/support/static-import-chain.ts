// Follows a module's static, non-type imports (not `import type`, not `await import()`, not a
// `require()` made on first use) through the project's own files, for the tests that hold a
// package out of what a process loads at start.
import { existsSync, readFileSync } from "node:fs";
import { dirname, relative, resolve } from "node:path";

export const root = resolve(import.meta.dirname, "../..");

/** The specifiers a module imports at load time. */
export function staticImports(file: string): string[] {
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

/**
 * The chain of modules (paths relative to the checkout) from `entry` to the first import that
 * `wanted` accepts — a package's specifier or one of our files, by its absolute path — or
 * undefined when none is reached.
 */
export function chainTo(entry: string, wanted: (target: string) => boolean): string[] | undefined {
  const cameFrom = new Map<string, string | undefined>([[entry, undefined]]);
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.shift()!;
    for (const specifier of staticImports(file)) {
      const next = resolveLocal(file, specifier);
      if (wanted(next ?? specifier)) {
        const chain = [next ? relative(root, next) : specifier];
        for (let at: string | undefined = file; at; at = cameFrom.get(at)) {
          chain.unshift(relative(root, at));
        }
        return chain;
      }
      if (next && !cameFrom.has(next)) {
        cameFrom.set(next, file);
        queue.push(next);
      }
    }
  }
  return undefined;
}
