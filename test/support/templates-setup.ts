// Vitest global setup: builds the migrated template databases, and the demo site's, once
// before any worker starts, so that parallel test files copy them instead of racing to build
// them.
import pg from "pg";
import {
  postgresDemoTemplate,
  postgresTemplate,
  sqliteDemoTemplate,
  sqliteTemplate,
} from "./database-templates.ts";

export default async function setup(): Promise<void> {
  await sqliteTemplate();
  await sqliteDemoTemplate();
  if (process.env.CINELOG_TEST_POSTGRES === "off") return;
  const url = process.env.CINELOG_TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/test";
  await postgresTemplate(url);
  await postgresDemoTemplate(url);
  await dropLeftOverDatabases(url);
}

/** Per-file databases an earlier run could not drop because a connection was still open. */
async function dropLeftOverDatabases(url: string): Promise<void> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ datname: string }>(
      "select datname from pg_database where datname ~ '^t_[0-9a-f]{12}$'",
    );
    const now = Date.now() / 1000;
    for (const { datname } of rows) {
      // Only those made over an hour ago: a run started beside this one (another checkout, say)
      // may hold a younger one with its pool idle, and a drop without force would still succeed.
      const madeAt = Number.parseInt(datname.slice(2, 10), 16);
      if (Math.abs(now - madeAt) < 3600) continue;
      await admin.query(`drop database if exists ${datname}`).catch(() => undefined);
    }
  } finally {
    await admin.end();
  }
}
