// What the web layer is given to work with; built once at start.
import type { Logger } from "pino";
import type { Config } from "../config.ts";
import type { Db } from "../db/connect.ts";
import type { BlogFederation } from "../federation/federation.ts";
import type { LoadFederation } from "../federation/federation-loader.ts";

export interface Services {
  db: Db;
  config: Config;
  logger: Logger;
  /**
   * How the app reaches the federation: the serve command passes the loader its queue worker
   * shares; tests may pass a `federation` they built. With neither, the app makes its own
   * loader. Fedify is loaded only when first needed (src/federation/federation-loader.ts).
   */
  loadFederation?: LoadFederation;
  federation?: BlogFederation;
}
