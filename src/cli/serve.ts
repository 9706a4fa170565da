// `cinelog serve`: migrate, load the demo into an empty site, and serve HTTP. In production
// mode (`--production` or NODE_ENV=production) an unsafe configuration is refused first.
// SIGTERM (systemd's stop) and SIGINT stop it gracefully: no new connections, requests in
// flight answered, the mail sender's and the fediverse publisher's rounds finished, the
// federation queue's messages in hand delivered, the database closed, exit 0.
import type { Server } from "node:http";
import { isProduction, loadConfig, productionProblems } from "../config.ts";
import { describeDatabase, type Db } from "../db/connect.ts";
import { isEmptySite, loadDemo } from "../demo/load-demo.ts";
import { createSetupToken } from "../domain/setup-link.ts";
import { ownerEmails } from "../domain/users.ts";
import { buildFederation } from "../federation/federation.ts";
import { startPublisher } from "../federation/publish.ts";
import { startMailSender } from "../mail/sender.ts";
import { openRuntime } from "../runtime.ts";
import { createNodeServer } from "../web/node-server.ts";
import { complain, say, type CliIo } from "./io.ts";
import { demoProgress } from "./progress-bar.ts";

/** How long a stop waits for requests in flight before closing their connections. */
const stopGraceMs = 20_000;

/** Resolves once the server is started; the process then lives until SIGINT or SIGTERM. */
export async function serveCommand(args: string[], io: CliIo): Promise<number> {
  const unknown = args.filter((a) => a !== "--production");
  if (unknown.length > 0) {
    complain(io, `Unknown argument: ${unknown[0]}\nUsage: cinelog serve [--production]`);
    return 2;
  }
  const production = isProduction(io.env, args);
  const config = loadConfig(io.env);
  if (production && refused(io, productionProblems(io.env, config, false))) return 1;
  const { logger, db } = await openRuntime(config, io.stdout);
  const empty = await isEmptySite(db);
  if (production && refused(io, productionProblems(io.env, config, empty))) {
    await db.close();
    return 1;
  }
  if (config.demoOnEmpty && empty) {
    say(io, "Empty site: loading the demo reviews (set CINELOG_DEMO=false to start empty)…");
    const summary = await loadDemo(db, config.mediaDir, demoProgress(io));
    say(io, `Loaded ${summary.reviews} reviews of ${summary.films} films.`);
  }
  say(io, await signInHelp(db, config.siteUrl));
  const federation = buildFederation({ db, siteUrl: config.siteUrl, logger });
  const server = createNodeServer({ db, config, logger, federation });
  server.on("error", (error: NodeJS.ErrnoException) => {
    complain(io, `Cannot listen on ${config.host}:${config.port}: ${error.code ?? error.message}`);
    void db.close().finally(() => process.exit(1));
  });
  server.listen(config.port, config.host, () => {
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
  // Delivers the outbox (and announces new reviews) every few seconds; see src/mail/sender.ts.
  const mailSender = startMailSender({ db, siteUrl: config.siteUrl, logger });
  // Deliveries to the fediverse and inbox work, from the database queue; an abort lets the
  // messages in hand finish (src/federation/message-queue.ts).
  const publisher = startPublisher(federation, config.siteUrl, logger);
  const queueStop = new AbortController();
  const queueDone = federation.federation
    .startQueue(undefined, { signal: queueStop.signal })
    .catch((error: unknown) => logger.error({ err: error }, "federation queue stopped"));
  let stopping = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    say(io, signal === "SIGINT" ? "\nStopping (Ctrl-C)…" : `Stopping (${signal})…`);
    void closeServer(server)
      .then(() => mailSender.stop())
      .then(() => publisher.stop())
      .then(() => {
        queueStop.abort();
        return queueDone;
      })
      .then(() => db.close())
      .then(() => say(io, "Cinelog stopped."))
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
  return 0;
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
 */
function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => server.closeAllConnections(), stopGraceMs);
    timer.unref();
    // A keep-alive connection goes idle once its request is answered: close it then.
    const sweep = setInterval(() => server.closeIdleConnections(), 100);
    server.close(() => {
      clearTimeout(timer);
      clearInterval(sweep);
      resolve();
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
