// What the web layer is given to work with; built once at start.
import type { Logger } from "pino";
import type { Config } from "../config.ts";
import type { Db } from "../db/connect.ts";
import type { BlogFederation } from "../federation/federation.ts";

export interface Services {
  db: Db;
  config: Config;
  logger: Logger;
  /** Built by the serve command (which runs its queue); absent: the app builds its own. */
  federation?: BlogFederation;
}
