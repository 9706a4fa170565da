// Vitest global setup: builds the migrated template databases once, before any worker starts,
// so that parallel test files copy them instead of racing to build them.
import { postgresTemplate, sqliteTemplate } from "./database-templates.ts";

export default async function setup(): Promise<void> {
  await sqliteTemplate();
  if (process.env.CINELOG_TEST_POSTGRES === "off") return;
  await postgresTemplate(
    process.env.CINELOG_TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/test",
  );
}
