// `cinelog migrate`: bring the database schema up to date, then exit.
import { describeDatabase } from "../db/connect.ts";
import { openRuntime } from "../runtime.ts";

export async function migrateCommand(): Promise<void> {
  const { config, db } = await openRuntime();
  console.log(`${describeDatabase(config.databaseUrl)} is up to date.`);
  await db.close();
}
