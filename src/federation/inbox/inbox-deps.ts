// What every inbox listener is given: the database, the logger, and the blog's current
// settings. Each activity kind has its own file beside this one (follow.ts, undo.ts, …) and
// is registered in listeners.ts; a later kind (Like, Announce, Create(Note)) adds a file.
import type { Logger } from "pino";
import type { Db } from "../../db/connect.ts";
import type { SiteSettings } from "../../domain/settings.ts";

export interface InboxDeps {
  db: Db;
  logger: Logger;
  settings: () => Promise<SiteSettings>;
  /** Where remote authors' pictures are copied; none copied without it. */
  mediaDir?: string | undefined;
  /** Tests on loopback only: pictures may come from 127.0.0.x. */
  allowPrivateAddress?: boolean;
}
