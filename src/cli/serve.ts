// `cinelog serve`: migrate, load the demo into an empty site, and serve HTTP.
import { describeDatabase, type Db } from "../db/connect.ts";
import { isEmptySite, loadDemo } from "../demo/load-demo.ts";
import { createSetupToken } from "../domain/setup-link.ts";
import { ownerEmails } from "../domain/users.ts";
import { startMailSender } from "../mail/sender.ts";
import { openCommandRuntime } from "../runtime.ts";
import { createNodeServer } from "../web/node-server.ts";
import { complain, say, type CliIo } from "./io.ts";
import { demoProgress } from "./progress-bar.ts";

/** Resolves once the server is started; the process then lives until SIGINT or SIGTERM. */
export async function serveCommand(io: CliIo): Promise<number> {
  const { config, logger, db } = await openCommandRuntime(io);
  if (config.demoOnEmpty && (await isEmptySite(db))) {
    say(io, "Empty site: loading the demo reviews (set CINELOG_DEMO=false to start empty)…");
    const summary = await loadDemo(db, config.mediaDir, demoProgress(io));
    say(io, `Loaded ${summary.reviews} reviews of ${summary.films} films.`);
  }
  say(io, await signInHelp(db, config.siteUrl));
  const server = createNodeServer({ db, config, logger });
  server.on("error", (error: NodeJS.ErrnoException) => {
    complain(io, `Cannot listen on ${config.host}:${config.port}: ${error.code ?? error.message}`);
    void db.close().finally(() => process.exit(1));
  });
  server.listen(config.port, config.host, () => {
    const address = server.address();
    const where =
      typeof address === "object" && address ? `${address.address}:${address.port}` : "";
    say(io, `Database: ${describeDatabase(config.databaseUrl)}`);
    say(io, `Cinelog is serving ${config.siteUrl} (listening on ${where})`);
  });
  // Delivers the outbox (and announces new reviews) every few seconds; see src/mail/sender.ts.
  const mailSender = startMailSender({ db, siteUrl: config.siteUrl, logger });
  const shutdown = (signal: NodeJS.Signals) => {
    say(io, signal === "SIGINT" ? "\nStopping (Ctrl-C)…" : `Stopping (${signal})…`);
    server.close();
    void mailSender
      .stop()
      .then(() => db.close())
      .then(() => say(io, "Cinelog stopped."))
      .finally(() => process.exit(0));
  };
  process.once("SIGINT", shutdown);
  process.once("SIGTERM", shutdown);
  return 0;
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
