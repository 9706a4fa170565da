// Builds the real app over a test database, and parses its pages for assertions.
import { parseHTML } from "linkedom";
import pino from "pino";
import { loadConfig, type Config } from "../../src/config.ts";
import { createApp } from "../../src/web/app.tsx";
import type { PageCacheLayer } from "../../src/web/cache/cache-middleware.ts";
import type { TestDb } from "./databases.ts";

/** The app over `db`; pass a PageCacheLayer to drive the page cache's clock from the test. */
export function appFor(db: TestDb, overrides: Partial<Config> = {}, pageCache?: PageCacheLayer) {
  const config: Config = {
    ...loadConfig({ HOST: "127.0.0.1", PORT: "4000", CINELOG_DATA_DIR: db.mediaDir }),
    mediaDir: db.mediaDir,
    ...overrides,
  };
  return createApp({ db, config, logger: pino({ level: "silent" }) }, pageCache);
}

export async function getPage(app: ReturnType<typeof appFor>, path: string) {
  const response = await app.request(path);
  const html = await response.text();
  const { document } = parseHTML(html);
  return { response, html, document };
}

/** Text with white space folded, as a reader would see it. */
export function textOf(element: { textContent: string | null } | null | undefined): string {
  return (element?.textContent ?? "").replace(/\s+/g, " ").trim();
}
