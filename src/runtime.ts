// Opens what every command needs: configuration, a logger and a migrated database.
import type { Writable } from "node:stream";
import type { Logger } from "pino";
import { loadConfig, type Config, type Env } from "./config.ts";
import { connect, describeDatabase, type Db } from "./db/connect.ts";
import { migrateToLatest } from "./db/migrate.ts";
import { createLogger } from "./log-lines.ts";

export interface Runtime {
  config: Config;
  logger: Logger;
  db: Db;
  /** The migrations this start applied, oldest first (empty when the schema was current). */
  applied: string[];
}

interface RuntimeOptions {
  /** Log the migrations applied on opening (`cinelog migrate` lists them itself). */
  logMigrations?: boolean;
}

/** `logTo`: where log lines go instead of this process's standard output. */
export async function openRuntime(
  config: Config = loadConfig(),
  logTo?: Writable & { isTTY?: boolean },
  options: RuntimeOptions = {},
): Promise<Runtime> {
  const logger = createLogger(config, logTo ?? process.stdout);
  const db = connect(config.databaseUrl, { sqliteCacheBytes: config.sqliteCacheBytes });
  let applied: string[];
  try {
    applied = await migrateToLatest(db);
    if (applied.length && options.logMigrations !== false) {
      logger.info({ applied }, "database migrated");
    }
  } catch (error) {
    await db.close();
    throw new Error(
      `Could not prepare the ${describeDatabase(config.databaseUrl)}: ${String(error)}`,
      {
        cause: error,
      },
    );
  }
  return { config, logger, db, applied };
}

/** The runtime of a command, configured from the environment it was given. */
export function openCommandRuntime(
  io: { env: Env; stdout: Writable & { isTTY?: boolean } },
  options: RuntimeOptions = {},
): Promise<Runtime> {
  return openRuntime(loadConfig(io.env), io.stdout, options);
}
