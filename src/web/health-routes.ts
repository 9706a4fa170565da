// Endpoints for what watches the server: /healthz (the process answers), /readyz (it can
// serve: database reachable, schema current, room on the disk for media) and /metrics
// (Prometheus). They answer before the page cache and are never cached.
//
// /metrics is served only when CINELOG_METRICS_TOKEN is set, and only to a request carrying
// it as a Bearer token; without the token configured it is a 404 like any unknown address.
import { timingSafeEqual } from "node:crypto";
import fs from "node:fs/promises";
import type { Hono } from "hono";
import { sql } from "kysely";
import { migrationStatus } from "../db/migrate.ts";
import type { AppMetrics } from "./metrics.ts";
import type { Services } from "./services.ts";
import { liveOnly } from "./route-facts.ts";

/** Below this much free space the media directory is reported as not ready. */
const minimumFreeMediaBytes = 100 * 1024 * 1024;

interface Check {
  ok: boolean;
  detail: string;
}

export function registerHealthRoutes(
  app: Hono,
  services: Services,
  metrics: AppMetrics | undefined,
): void {
  app.get("/healthz", liveOnly(), (c) => {
    c.header("Cache-Control", "no-store");
    return c.text("ok\n");
  });

  app.get("/readyz", liveOnly(), async (c) => {
    const checks = {
      database: await databaseCheck(services),
      migrations: await migrationsCheck(services),
      mediaDisk: await diskCheck(services.config.mediaDir),
    };
    const ready = Object.values(checks).every((check) => check.ok);
    c.header("Cache-Control", "no-store");
    return c.json({ ready, checks }, ready ? 200 : 503);
  });

  app.get("/metrics", liveOnly(), async (c) => {
    c.header("Cache-Control", "no-store");
    const token = services.config.metricsToken;
    // No token, no metrics: then none were kept either (src/web/metrics.ts).
    if (!token || !metrics) return c.notFound();
    if (!bearerMatches(c.req.header("authorization"), token)) {
      c.header("WWW-Authenticate", 'Bearer realm="metrics"');
      return c.text("A Bearer token is required (CINELOG_METRICS_TOKEN).\n", 401);
    }
    c.header("Content-Type", metrics.registry.contentType);
    return c.body(await metrics.registry.metrics());
  });
}

function bearerMatches(header: string | undefined, token: string): boolean {
  const given = Buffer.from(/^Bearer (.+)$/i.exec(header ?? "")?.[1] ?? "");
  const wanted = Buffer.from(token);
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}

async function databaseCheck({ db }: Services): Promise<Check> {
  try {
    await sql`select 1`.execute(db.kysely);
    return { ok: true, detail: "reachable" };
  } catch (error) {
    return { ok: false, detail: `unreachable: ${(error as Error).message}` };
  }
}

async function migrationsCheck({ db }: Services): Promise<Check> {
  try {
    const status = await migrationStatus(db);
    if (status.unknown.length) return { ok: false, detail: `unknown: ${status.unknown.join()}` };
    if (status.pending.length) return { ok: false, detail: `pending: ${status.pending.join()}` };
    return { ok: true, detail: `current (${status.applied.at(-1) ?? "none"})` };
  } catch (error) {
    return { ok: false, detail: `cannot be read: ${(error as Error).message}` };
  }
}

async function diskCheck(dir: string): Promise<Check> {
  try {
    await fs.mkdir(dir, { recursive: true });
    const stats = await fs.statfs(dir);
    const free = stats.bavail * stats.bsize;
    const mb = Math.floor(free / (1024 * 1024));
    return free >= minimumFreeMediaBytes
      ? { ok: true, detail: `${mb} MB free` }
      : { ok: false, detail: `only ${mb} MB free for media` };
  } catch (error) {
    return { ok: false, detail: `media directory: ${(error as Error).message}` };
  }
}
