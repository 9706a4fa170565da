// The HTTP server: Node's own, with cached pages answered before the app is even asked.
import { createServer, type Server } from "node:http";
import { getRequestListener } from "@hono/node-server";
import { createApp } from "./app.tsx";
import { PageCacheLayer } from "./cache/cache-middleware.ts";
import type { Services } from "./services.ts";

export function createNodeServer(services: Services): Server {
  const pageCache = new PageCacheLayer(services.db, {
    enabled: services.config.pageCache,
    maxBytes: services.config.pageCacheBytes,
  });
  const app = createApp(services, pageCache);
  const handleWithApp = getRequestListener(app.fetch);
  return createServer((req, res) => {
    const served = pageCache.serveNode(req, res);
    if (served === true) return;
    if (served === false) {
      void handleWithApp(req, res);
      return;
    }
    served.then(
      (answered) => {
        if (!answered) void handleWithApp(req, res);
      },
      (error: unknown) => {
        services.logger.error({ err: error }, "page cache check failed");
        void handleWithApp(req, res);
      },
    );
  });
}
