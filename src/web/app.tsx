// Builds the Hono app from services. Nothing else knows how the app is wired.
import { randomUUID } from "node:crypto";
import { serveStatic } from "@hono/node-server/serve-static";
import { Hono } from "hono";
import { registerAssetRoutes } from "./assets/assets.ts";
import { clientAddressMiddleware } from "./client-address.ts";
import { PageCacheLayer } from "./cache/cache-middleware.ts";
import { registerAdminRoutes } from "./admin/routes.tsx";
import { registerCommentRoutes } from "./public/comment-routes.tsx";
import { registerFeedRoutes } from "./public/feed-routes.ts";
import { registerIndexRoutes } from "./public/index-routes.tsx";
import { movedTo, registerRedirectRoutes } from "./public/redirect-routes.ts";
import { registerPostRoutes } from "./public/post-routes.tsx";
import { notFound, registerPublicRoutes } from "./public/routes.tsx";
import { registerSearchRoutes } from "./public/search-routes.tsx";
import { registerSubscriptionRoutes } from "./public/subscription-routes.tsx";
import { siteContext } from "./public/site.ts";
import { renderPage } from "./render.ts";
import { securityHeadersFor } from "./security-headers.ts";
import type { Services } from "./services.ts";
import { ServerErrorPage } from "./views/simple-pages.tsx";

export function createApp(
  services: Services,
  pageCache = new PageCacheLayer(services.db, { enabled: services.config.pageCache }),
): Hono {
  const app = new Hono();

  app.use(async (c, next) => {
    await next();
    for (const [name, value] of Object.entries(securityHeadersFor(services.db))) {
      c.header(name, value);
    }
  });

  registerAssetRoutes(app);
  app.use(clientAddressMiddleware(services.config.trustedProxyHops));

  app.use(
    "/media/*",
    async (c, next) => {
      await next();
      if (c.res.status === 200) c.header("Cache-Control", "public, max-age=86400");
    },
    serveStatic({
      root: services.config.mediaDir,
      rewriteRequestPath: (path) => path.replace(/^\/media/, ""),
    }),
  );

  // Links from mail (confirm, unsubscribe): personal pages, so ahead of the page cache.
  registerSubscriptionRoutes(app, services);

  app.use(pageCache.middleware());

  registerRedirectRoutes(app, services);
  registerPublicRoutes(app, services);
  registerPostRoutes(app, services);
  registerIndexRoutes(app, services);
  registerSearchRoutes(app, services);
  registerFeedRoutes(app, services);
  registerCommentRoutes(app, services);
  registerAdminRoutes(app, services);

  app.notFound(async (c) => {
    const target = await movedTo(c.req.raw, services);
    return target ? c.redirect(target, 301) : notFound(c, services);
  });

  app.onError(async (error, c) => {
    const requestId = randomUUID();
    services.logger.error({ err: error, requestId, path: c.req.path }, "request failed");
    try {
      const { site } = await siteContext(services);
      return await renderPage(
        c,
        site,
        { title: "Something went wrong", status: 500 },
        <ServerErrorPage requestId={requestId} />,
      );
    } catch {
      return c.text(`Something went wrong (reference ${requestId}).`, 500);
    }
  });

  return app;
}
