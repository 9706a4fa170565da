// Serves the real app on a loopback port, for browsers and other real HTTP clients.
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import type { Config } from "../../src/config.ts";
import { appFor } from "./app.ts";
import type { TestDb } from "./databases.ts";

export async function serveForTest(
  db: TestDb,
  overrides: Partial<Config> = {},
): Promise<{ base: string; close: () => Promise<void> }> {
  const app = appFor(db, overrides);
  return new Promise((resolve) => {
    const server = serve(
      { fetch: app.fetch, hostname: "127.0.0.1", port: 0 },
      (info: AddressInfo) => {
        resolve({
          base: `http://127.0.0.1:${info.port}`,
          close: () => new Promise<void>((done) => server.close(() => done())),
        });
      },
    );
  });
}
