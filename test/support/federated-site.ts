// A Cinelog instance served on a loopback address of its own (127.0.0.2, 127.0.0.3 …), with
// its public address set to match, so that two instances and a test actor can find each
// other by URL. Its federation may fetch private addresses: loopback tests only.
import { createServer } from "node:net";
import pino, { type Logger } from "pino";
import { loadConfig, type Config } from "../../src/config.ts";
import { saveSetting } from "../../src/domain/settings.ts";
import { buildFederation, type BlogFederation } from "../../src/federation/federation.ts";
import { DatabaseMessageQueue } from "../../src/federation/message-queue.ts";
import { createNodeServer } from "../../src/web/node-server.ts";
import type { TestDb } from "./databases.ts";

export interface FederatedSite {
  origin: string;
  blog: BlogFederation;
  /** Runs the delivery queue until `close` (or `stopQueue`). */
  startQueue(): void;
  stopQueue(): Promise<void>;
  close(): Promise<void>;
}

/** A free port on `host`, found by binding it once. */
async function freePort(host: string): Promise<number> {
  const probe = createServer();
  await new Promise<void>((done) => probe.listen(0, host, done));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((done) => probe.close(() => done()));
  return port;
}

export async function serveFederatedSite(
  db: TestDb,
  host: string,
  options: { enable?: boolean; logger?: Logger } = {},
): Promise<FederatedSite> {
  const port = await freePort(host);
  const origin = `http://${host}:${port}`;
  const config: Config = {
    ...loadConfig({ HOST: host, PORT: String(port), CINELOG_DATA_DIR: db.mediaDir }),
    mediaDir: db.mediaDir,
    siteUrl: origin,
  };
  const logger = options.logger ?? pino({ level: "silent" });
  const blog = buildFederation({
    db,
    siteUrl: origin,
    logger,
    allowPrivateAddress: true,
    mediaDir: db.mediaDir,
    queue: new DatabaseMessageQueue(db, { pollMs: 50 }),
  });
  if (options.enable ?? true) await saveSetting(db, "federationEnabled", true);
  const server = createNodeServer({ db, config, logger, federation: blog });
  await new Promise<void>((done) => server.listen(port, host, done));
  let stop: AbortController | undefined;
  let running: Promise<void> = Promise.resolve();
  const stopQueue = async () => {
    stop?.abort();
    await running;
  };
  return {
    origin,
    blog,
    startQueue() {
      stop = new AbortController();
      running = blog.federation.startQueue(undefined, { signal: stop.signal });
    },
    stopQueue,
    async close() {
      await stopQueue();
      await new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      });
    },
  };
}
