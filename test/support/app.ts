// Builds the real app over a test database, and parses its pages for assertions.
import { parseHTML } from "linkedom";
import pino from "pino";
import { loadConfig, type Config } from "../../src/config.ts";
import { createApp } from "../../src/web/app.tsx";
import type { TestDb } from "./databases.ts";

export function appFor(db: TestDb, overrides: Partial<Config> = {}) {
  const config: Config = {
    ...loadConfig({ HOST: "127.0.0.1", PORT: "4000", CINELOG_DATA_DIR: db.mediaDir }),
    mediaDir: db.mediaDir,
    ...overrides,
  };
  return createApp({ db, config, logger: pino({ level: "silent" }) });
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
