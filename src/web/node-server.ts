// The HTTP server: Node's own, with cached pages answered before the app is even asked.
import { createServer, type Server } from "node:http";
import { getRequestListener } from "@hono/node-server";
import { createApp } from "./app.tsx";
import { PageCacheLayer } from "./cache/cache-middleware.ts";
import { AppMetrics, taggedRoute } from "./metrics.ts";
import { RequestsInFlight } from "./requests-in-flight.ts";
import type { Services } from "./services.ts";

interface NodeServerOptions {
  /** With `serve --workers N`: this worker's place, as a label on every metric it reports. */
  worker?: string;
}

/** Node's server, which can also tell when the requests it took are all answered. */
export type CinelogServer = Server & {
  /** Resolves once every request received so far has been answered (or has failed). */
  requestsSettled(): Promise<void>;
};

export function createNodeServer(
  services: Services,
  options: NodeServerOptions = {},
): CinelogServer {
  const pageCache = new PageCacheLayer(services.db, {
    enabled: services.config.pageCache,
    maxBytes: services.config.pageCacheBytes,
    rendersAtOnce: services.config.rendersAtOnce,
  });
  // Kept only where /metrics is served (src/web/metrics.ts says why).
  const metrics = services.config.metricsToken ? new AppMetrics(services.db, pageCache) : undefined;
  // Each worker answers /metrics for itself; the label tells a scraper's series apart.
  if (metrics && options.worker !== undefined) {
    metrics.registry.setDefaultLabels({ worker: options.worker });
  }
  const app = createApp(services, pageCache, metrics);
  const handleWithApp = getRequestListener(app.fetch);
  const inFlight = new RequestsInFlight();
  const server = createServer((req, res) => {
    if (metrics) {
      const started = process.hrtime.bigint();
      res.once("finish", () => {
        const seconds = Number(process.hrtime.bigint() - started) / 1e9;
        const tag = taggedRoute(req);
        // Untagged: answered by the page cache's fast path below, which only serves hits.
        const route = tag?.pattern ?? "(page cache)";
        metrics.observe(
          req.method ?? "GET",
          route,
          res.statusCode,
          seconds,
          tag ? tag.cache : "HIT",
        );
      });
    }
    const served = pageCache.serveNode(req, res);
    if (served === true) return;
    if (served === false) {
      inFlight.track(handleWithApp(req, res));
      return;
    }
    inFlight.track(
      served.then(
        (answered) => (answered ? undefined : handleWithApp(req, res)),
        (error: unknown) => {
          services.logger.error({ err: error }, "page cache check failed");
          return handleWithApp(req, res);
        },
      ),
    );
  });
  return Object.assign(server, { requestsSettled: () => inFlight.settled() });
}
