// Serves the real app on a loopback port — through the same Node server `cinelog serve`
// uses, cache fast path included — for browsers and other real HTTP clients.
import type { AddressInfo } from "node:net";
import pino from "pino";
import { loadConfig, type Config } from "../../src/config.ts";
import { createNodeServer } from "../../src/web/node-server.ts";
import type { TestDb } from "./databases.ts";

export async function serveForTest(
  db: TestDb,
  overrides: Partial<Config> = {},
): Promise<{ base: string; close: () => Promise<void> }> {
  const config: Config = {
    ...loadConfig({ HOST: "127.0.0.1", PORT: "4000", CINELOG_DATA_DIR: db.mediaDir }),
    mediaDir: db.mediaDir,
    ...overrides,
  };
  const server = createNodeServer({ db, config, logger: pino({ level: "silent" }) });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
