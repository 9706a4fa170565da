// Opens what every command needs: configuration, a logger and a migrated database.
import type { Writable } from "node:stream";
import pino, { type Logger } from "pino";
import { loadConfig, type Config, type Env } from "./config.ts";
import { connect, describeDatabase, type Db } from "./db/connect.ts";
import { migrateToLatest } from "./db/migrate.ts";

export interface Runtime {
  config: Config;
  logger: Logger;
  db: Db;
}

/** `logTo`: where log lines go instead of this process's standard output. */
export async function openRuntime(
  config: Config = loadConfig(),
  logTo?: Writable,
): Promise<Runtime> {
  const logger = logTo ? pino({ level: config.logLevel }, logTo) : pino({ level: config.logLevel });
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

/** The runtime of a command, configured from the environment it was given. */
export function openCommandRuntime(io: { env: Env; stdout: Writable }): Promise<Runtime> {
  return openRuntime(loadConfig(io.env), io.stdout === process.stdout ? undefined : io.stdout);
}
