// What `cinelog serve` needs only for some requests is loaded on first use, never when the
// server starts: imported at start, each module's source and top-level objects stay on the
// heap for the life of the process (bench/README.md, "Modules the public pages never need":
// together 6 MB of a warm server's 31 MB heap). This test follows every static, non-type import
// from the serve command and fails, naming the chain, if one of them reaches such a module.
// The modules are loaded by `await import()` or, where the functions built on them are
// synchronous, by `require()` on first call (src/content/html-libraries.ts).
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { chainTo, root } from "../support/static-import-chain.ts";

const serve = resolve(root, "src/cli/serve.ts");

const onDemand: { name: string; why: string; is: (target: string) => boolean }[] = [
  ...["markdown-it", "sanitize-html"].map((name) => ({
    name,
    why: "pages show the HTML stored when a review or comment was written",
    is: (target: string) => target === name,
  })),
  ...["parse5", "microformats-parser"].map((name) => ({
    name,
    why: "only the Webmention worker parses, when it has a mention to work",
    is: (target: string) => target === name,
  })),
  {
    name: "d3",
    why: "only the stats pages draw charts",
    is: (target) => target.startsWith("d3-"),
  },
  {
    name: "openid-client",
    why: "only a commenter's sign-in needs it",
    is: (target) => target === "openid-client",
  },
  {
    name: "pg",
    why: "a SQLite site never opens PostgreSQL",
    is: (target) => target === "pg",
  },
  {
    name: "prom-client",
    why: "only a process that serves /metrics (CINELOG_METRICS_TOKEN) keeps metrics",
    is: (target) => target === "prom-client",
  },
  {
    name: "the demo",
    why: "it is loaded only into an empty site",
    is: (target) => target === resolve(root, "src/demo/load-demo.ts"),
  },
];

describe("the serve command loads on first use", () => {
  for (const { name, why, is } of onDemand) {
    it(`${name}: ${why}`, () => {
      expect(chainTo(serve, is)).toBeUndefined();
    });
  }

  it("finds a chain where one exists (the importers still import sanitize-html)", () => {
    const importer = resolve(root, "src/importers/letterboxd/letterboxd-review-text-in.ts");
    expect(chainTo(importer, (target) => target === "sanitize-html")).toEqual([
      "src/importers/letterboxd/letterboxd-review-text-in.ts",
      "sanitize-html",
    ]);
    // And through our own files: the app reaches the page cache.
    const app = resolve(root, "src/web/app.tsx");
    const cache = resolve(root, "src/web/cache/cache-middleware.ts");
    expect(chainTo(app, (target) => target === cache)?.at(-1)).toBe(
      "src/web/cache/cache-middleware.ts",
    );
  });
});
