// Fedify costs about half a second and tens of megabytes to load, and federation is off by
// default. The app, the server and the CLI reach it only through `await import()`
// (src/federation/federation-loader.ts). This test follows every static, non-type import from
// their entry points and fails, naming the chain, if one of them reaches a Fedify package.
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { chainTo, root, staticImports } from "../support/static-import-chain.ts";

const entryPoints = ["src/web/app.tsx", "src/cli/main.ts", "src/cli/serve.ts"];

/** The chain of modules from `entry` to the first Fedify import, or undefined. */
const chainToFedify = (entry: string) => chainTo(entry, (target) => target.startsWith("@fedify/"));

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
