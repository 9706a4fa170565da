// `cinelog migrate`: bring the database schema up to date, then exit.
import { describeDatabase } from "../db/connect.ts";
import { openCommandRuntime } from "../runtime.ts";
import { say, type CliIo } from "./io.ts";

export async function migrateCommand(io: CliIo): Promise<number> {
  const { config, db } = await openCommandRuntime(io);
  say(io, `${describeDatabase(config.databaseUrl)} is up to date.`);
  await db.close();
  return 0;
}
