// `cinelog serve`: migrate, load the demo into an empty site, and serve HTTP. In production
// mode (`--production` or NODE_ENV=production) an unsafe configuration is refused first.
// With `--workers N` (every core by default in production) N processes share the port
// (src/cli/serve-cluster.ts); each runs `serveWorker` below.
// SIGTERM (systemd's stop) and SIGINT stop it gracefully: no new connections, requests in
// flight answered; the mail being sent, the Webmention worker's current item and the
// federation queue's messages in hand finished (the rest stays queued); the database
// closed; exit 0.
import cluster from "node:cluster";
import type { Logger } from "pino";
import type { Server } from "node:http";
import { loadConfig, productionProblems, type Config } from "../config.ts";
import { connect, describeDatabase, type Db } from "../db/connect.ts";
import { isEmptySite } from "../demo/empty-site.ts";
import { createSetupToken } from "../domain/setup-link.ts";
import { ownerEmails } from "../domain/users.ts";
import { createLogger } from "../log-lines.ts";
import { startFederationWork } from "../federation/background.ts";
import { federationLoader, type LoadFederation } from "../federation/federation-loader.ts";
import { startMailSender } from "../mail/sender.ts";
import { openRuntime } from "../runtime.ts";
import { startWebmentionWorker } from "../webmention/worker.ts";
import { createNodeServer, type CinelogServer } from "../web/node-server.ts";
import { complain, say, type CliIo } from "./io.ts";
import { demoProgress } from "./progress-bar.ts";
import { parseServeArgs } from "./serve-args.ts";
import { runCluster, workerIndexVariable } from "./serve-cluster.ts";

/** How long a stop waits for requests in flight before closing their connections. */
const stopGraceMs = 20_000;

/** Resolves once the server is started; the process then lives until SIGINT or SIGTERM. */
export async function serveCommand(args: string[], io: CliIo): Promise<number> {
  const parsed = parseServeArgs(args, io.env);
  if ("problem" in parsed) {
    complain(io, parsed.problem);
    return 2;
  }
  const { production, workers } = parsed;
  const config = loadConfig(io.env);
  // The primary checked, migrated and loaded the demo before forking this worker.
  if (cluster.isWorker) return serveWorker(io, config);
  if (production && refused(io, productionProblems(io.env, config, false))) return 1;
  const { logger, db } = await openRuntime(config, io.stdout);
  const empty = await isEmptySite(db);
  if (production && refused(io, productionProblems(io.env, config, empty))) {
    await db.close();
    return 1;
  }
  if (config.demoOnEmpty && empty) {
    say(io, "Empty site: loading the demo reviews (set CINELOG_DEMO=false to start empty)…");
    // Imported only here: an empty site is the first start, and the demo's code is large.
    const { loadDemo } = await import("../demo/load-demo.ts");
    const summary = await loadDemo(db, config.mediaDir, demoProgress(io));
    say(io, `Loaded ${summary.reviews} reviews of ${summary.films} films.`);
  }
  say(io, await signInHelp(db, config.siteUrl));
  if (workers > 1) {
    await db.close();
    return runCluster({ workers, io, config, production });
  }
  const loadFederation = federationLoader({
    db,
    siteUrl: config.siteUrl,
    logger,
    mediaDir: config.mediaDir,
  });
  const server = createNodeServer({ db, config, logger, loadFederation });
  listen(server, io, config, db, () => {
    const address = server.address();
    const where =
      typeof address === "object" && address ? `${address.address}:${address.port}` : "";
    say(io, `Database: ${describeDatabase(config.databaseUrl)}`);
    say(
      io,
      `Cinelog is serving ${config.siteUrl} (listening on ${where}` +
        `${production ? ", production mode" : ""})`,
    );
  });
  stopOnSignals(
    server,
    startBackgroundWork(db, config, logger, loadFederation),
    db,
    (text) => say(io, text),
    io,
  );
  return 0;
}

/**
 * One of `--workers N` processes: the same server on the port the primary shares out. The
 * first worker (and its replacement, should it die) also works the queues (mail, Webmentions,
 * the fediverse); the others only serve. Each keeps its own page cache, kept fresh by the change feed in the database.
 */
function serveWorker(io: CliIo, config: Config): number {
  const logger = createLogger(config, io.stdout);
  const db = connect(config.databaseUrl, { sqliteCacheBytes: config.sqliteCacheBytes });
  const index = io.env[workerIndexVariable] ?? "0";
  const loadFederation = federationLoader({
    db,
    siteUrl: config.siteUrl,
    logger,
    mediaDir: config.mediaDir,
  });
  const server = createNodeServer({ db, config, logger, loadFederation }, { worker: index });
  listen(server, io, config, db, () => undefined);
  const background = index === "0" ? startBackgroundWork(db, config, logger, loadFederation) : [];
  // The primary says "Stopping" and "Cinelog stopped" once for all of them.
  stopOnSignals(server, background, db, () => undefined, io);
  return 0;
}

function listen(server: Server, io: CliIo, config: Config, db: Db, listening: () => void) {
  server.on("error", (error: NodeJS.ErrnoException) => {
    complain(io, `Cannot listen on ${config.host}:${config.port}: ${error.code ?? error.message}`);
    void db.close().finally(() => process.exit(1));
  });
  server.listen(config.port, config.host, listening);
}

interface Stoppable {
  /** Finishes the item in hand, leaves the rest queued. */
  stop(): Promise<unknown>;
}

/**
 * The loops that work the database's queues, in the order they stop. The fediverse's work
 * (src/federation/background.ts) loads Fedify only once federation has work to do.
 */
function startBackgroundWork(
  db: Db,
  config: Config,
  logger: Logger,
  loadFederation: LoadFederation,
): Stoppable[] {
  // Delivers the outbox (and announces new reviews) every few seconds; see src/mail/sender.ts.
  const mailSender = startMailSender({ db, siteUrl: config.siteUrl, logger });
  // Verifies received Webmentions and sends ours (src/webmention/worker.ts).
  const webmentions = startWebmentionWorker({ db, siteUrl: config.siteUrl, logger });
  // Publishes due reviews, then the queue that delivers them.
  const fediverse = startFederationWork(loadFederation, db, config.siteUrl, logger);
  return [mailSender, webmentions, fediverse];
}

function stopOnSignals(
  server: CinelogServer,
  background: Stoppable[],
  db: Db,
  tell: (text: string) => void,
  io: CliIo,
) {
  let stopping = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    tell(signal === "SIGINT" ? "\nStopping (Ctrl-C)…" : `Stopping (${signal})…`);
    void closeServer(server)
      .then(async () => {
        for (const work of background) await work.stop();
      })
      .then(() => db.close())
      .then(() => tell("Cinelog stopped."))
      .then(
        () => process.exit(0),
        (error: unknown) => {
          complain(io, `Stopping failed: ${String(error)}`);
          process.exit(1);
        },
      );
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
}

function refused(io: CliIo, problems: string[]): boolean {
  if (problems.length === 0) return false;
  complain(
    io,
    `Refusing to start in production mode:\n${problems.map((p) => `- ${p}`).join("\n")}`,
  );
  return true;
}

/**
 * Stops accepting connections and resolves once every request in flight has been answered
 * (idle keep-alive connections are closed at once); past the grace period the rest are cut.
 * A request whose reader hung up is still in flight: its connection is gone, but the app is
 * still at work on it, and may be until it has read the database (src/web/requests-in-flight.ts).
 */
function closeServer(server: CinelogServer): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      server.closeAllConnections();
      resolve();
    }, stopGraceMs);
    timer.unref();
    // A keep-alive connection goes idle once its request is answered: close it then.
    const sweep = setInterval(() => server.closeIdleConnections(), 100);
    server.close(() => {
      clearInterval(sweep);
      void server.requestsSettled().then(() => {
        clearTimeout(timer);
        resolve();
      });
    });
    server.closeIdleConnections();
  });
}

async function signInHelp(db: Db, siteUrl: string): Promise<string> {
  const owners = await ownerEmails(db);
  if (owners.length > 0) return `Owner account: ${owners.join(", ")}; sign in at ${siteUrl}/admin`;
  // The link is only printed here, to whoever runs the server; it dies once an owner exists.
  return (
    "No owner account yet. Create it in the browser (this link works for 24 hours):\n" +
    `  ${siteUrl}/admin/setup/${await createSetupToken(db)}\n` +
    "or from the terminal:\n" +
    '  npx cinelog user add --email you@example.com --name "Your Name"'
  );
}
