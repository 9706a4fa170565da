// `cinelog migrate`: bring the database schema up to date, then exit. `--check` only looks:
// exit 0 when the schema is current, 1 when migrations are pending (a deploy script runs
// them, or lets the new version's start run them), 3 when a newer Cinelog migrated it.
import { connect, describeDatabase } from "../db/connect.ts";
import { downgradeMessage, migrationStatus } from "../db/migrate.ts";
import { loadConfig } from "../config.ts";
import { openCommandRuntime } from "../runtime.ts";
import { complain, say, type CliIo } from "./io.ts";

export async function migrateCommand(args: string[], io: CliIo): Promise<number> {
  const unknownArgs = args.filter((a) => a !== "--check");
  if (unknownArgs.length > 0) {
    complain(io, `Unknown argument: ${unknownArgs[0]}\nUsage: cinelog migrate [--check]`);
    return 2;
  }
  if (args.includes("--check")) return checkCommand(io);
  const { config, db, applied } = await openCommandRuntime(io, { logMigrations: false });
  const database = describeDatabase(config.databaseUrl);
  if (applied.length === 0) {
    say(io, `${database} was already up to date; nothing to apply.`);
  } else {
    say(
      io,
      `Applied ${applied.length} migration${applied.length === 1 ? "" : "s"} to ${database}:`,
    );
    for (const name of applied) say(io, `  ${name}`);
    say(io, `${database} is now up to date.`);
  }
  await db.close();
  return 0;
}

async function checkCommand(io: CliIo): Promise<number> {
  const config = loadConfig(io.env);
  const database = describeDatabase(config.databaseUrl);
  const db = connect(config.databaseUrl);
  try {
    const status = await migrationStatus(db);
    if (status.unknown.length > 0) {
      complain(io, downgradeMessage(status));
      return 3;
    }
    if (status.pending.length > 0) {
      say(io, `${database} has ${status.pending.length} pending migration(s):`);
      for (const name of status.pending) say(io, `  ${name}`);
      say(io, "Run `cinelog migrate` (or start the new version) to apply them.");
      return 1;
    }
    say(io, `${database} is up to date (schema version ${status.applied.at(-1) ?? "none"}).`);
    return 0;
  } finally {
    await db.close();
  }
}
