// Opens what every command needs: configuration, a logger and a migrated database.
import pino, { type Logger } from "pino";
import { loadConfig, type Config } from "./config.ts";
import { connect, describeDatabase, type Db } from "./db/connect.ts";
import { migrateToLatest } from "./db/migrate.ts";

export interface Runtime {
  config: Config;
  logger: Logger;
  db: Db;
}

export async function openRuntime(config: Config = loadConfig()): Promise<Runtime> {
  const logger = pino({ level: config.logLevel });
  const db = connect(config.databaseUrl);
  try {
    const applied = await migrateToLatest(db);
    if (applied.length) logger.info({ applied }, "database migrated");
  } catch (error) {
    await db.close();
    throw new Error(
      `Could not prepare the ${describeDatabase(config.databaseUrl)}: ${String(error)}`,
      {
        cause: error,
      },
    );
  }
  return { config, logger, db };
}
