// `cinelog migrate`: bring the database schema up to date, then exit.
import { describeDatabase } from "../db/connect.ts";
import { openCommandRuntime } from "../runtime.ts";
import { say, type CliIo } from "./io.ts";

export async function migrateCommand(io: CliIo): Promise<number> {
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
