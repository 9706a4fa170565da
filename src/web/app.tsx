// Builds the Hono app from services. Nothing else knows how the app is wired.
import { randomUUID } from "node:crypto";
import { serveStatic } from "@hono/node-server/serve-static";
import { Hono } from "hono";
import { matchedRoutes } from "hono/route";
import { registerAssetRoutes } from "./assets/assets.ts";
import { clientAddressMiddleware, clientAddressOf } from "./client-address.ts";
import { builtFederation, federationLoader } from "../federation/federation-loader.ts";
import { federationMiddleware } from "../federation/middleware.ts";
import { PageCacheLayer } from "./cache/cache-middleware.ts";
import { registerAdminRoutes } from "./admin/admin-routes.tsx";
import { importUploadPath } from "./admin/import-routes.tsx";
import { streamedUploadPath } from "./admin/still-routes.tsx";
import { withCleanUrl } from "./clean-url.ts";
import { formBodyEdge, RequestBodyError } from "./form-body.ts";
import {
  advertiseWebmentionEndpoint,
  registerWebmentionRoutes,
} from "./public/webmention-routes.tsx";
import { registerHealthRoutes } from "./health-routes.ts";
import { AppMetrics, tagRoute } from "./metrics.ts";
import { mediaRange } from "./media-range.ts";
import { MultipartError } from "../media/multipart.ts";
import { registerCommenterSignInRoutes } from "./public/commenter-sign-in-routes.tsx";
import {
  registerCommentRoutes,
  registerCommentTokenRoutes,
} from "./public/reader-comment-routes.tsx";
import { registerFeedRoutes } from "./public/feed-routes.ts";
import { registerIndexRoutes } from "./public/index-routes.tsx";
import { movedTo, registerRedirectRoutes } from "./public/redirect-routes.ts";
import { registerPostRoutes } from "./public/post-routes.tsx";
import { notFound, registerPublicRoutes } from "./public/reader-routes.tsx";
import { registerStatsRoutes } from "./public/stats-routes.tsx";
import { registerSearchRoutes } from "./public/search-routes.tsx";
import { registerSubscriptionRoutes } from "./public/subscription-routes.tsx";
import { registerWordPressAddresses } from "./public/wordpress-addresses.ts";
import { renderPage } from "./render.ts";
import { declaredFactsAt, publicFile, routeMatched } from "./route-facts.ts";
import { setResponseHeader } from "./response-headers.ts";
import { securityHeadersFor } from "./security-headers.ts";
import { siteContextMiddleware, siteContextOf } from "./site-context.ts";
import type { Services } from "./services.ts";
import { BadRequestPage, ServerErrorPage } from "./views/simple-pages.tsx";

export function createApp(
  services: Services,
  pageCache = new PageCacheLayer(services.db, {
    enabled: services.config.pageCache,
    maxBytes: services.config.pageCacheBytes,
    rendersAtOnce: services.config.rendersAtOnce,
  }),
  // Made only where /metrics is served (src/web/metrics.ts says why).
  metrics: AppMetrics | undefined = services.config.metricsToken
    ? new AppMetrics(services.db, pageCache)
    : undefined,
): Hono {
  const app = new Hono();

  // Tells the Node server (which counts every answer, cached ones too) the route's pattern.
  if (metrics) {
    app.use(async (c, next) => {
      await next();
      // Middleware is registered for every method ("ALL"); the first route of the request's
      // own method is the handler that answered. None: the 404 page.
      const handler = matchedRoutes(c).find((route) => route.method !== "ALL");
      tagRoute(c.env, handler?.path ?? "(no route)", c.res.headers.get("x-cache") ?? undefined);
    });
  }

  app.use(async (c, next) => {
    await next();
    for (const [name, value] of Object.entries(securityHeadersFor(services.db))) {
      setResponseHeader(c, name, value);
    }
  });

  registerAssetRoutes(app);
  registerHealthRoutes(app, services, metrics);
  app.use(clientAddressMiddleware(services.config.trustedProxyHops));
  // ActivityPub (WebFinger, the actor, inboxes): never cached, ahead of the form body reader.
  const loadFederation =
    services.loadFederation ??
    (services.federation
      ? builtFederation(services.federation)
      : federationLoader({
          db: services.db,
          siteUrl: services.config.siteUrl,
          logger: services.logger,
          mediaDir: services.config.mediaDir,
        }));
  app.use(federationMiddleware(loadFederation, services.db, (c) => clientAddressOf(c, "unknown")));
  services = { ...services, loadFederation };
  // Every form body is read and cleaned here, before any route (uploads stream their own).
  app.use(formBodyEdge((path) => streamedUploadPath.test(path) || importUploadPath.test(path)));

  app.use(
    "/media/*",
    publicFile(),
    async (c, next) => {
      await next();
      if (c.res.status === 200) c.header("Cache-Control", "public, max-age=86400");
    },
    mediaRange(),
    serveStatic({
      root: services.config.mediaDir,
      rewriteRequestPath: (path) => path.replace(/^\/media/, ""),
    }),
  );

  // Each route declares whether the page cache may keep it (src/web/route-facts.ts), so the
  // order of what follows does not decide it; the cache's answer ahead of the app asks the same
  // declarations through the router.
  app.use(pageCache.middleware());
  pageCache.readRoutesWith((path) => declaredFactsAt(app, "GET", path));
  // What every page shows of the site, read once here for the handlers below (a cache hit
  // never reaches this).
  app.use(siteContextMiddleware(services));
  // Webmentions from other sites; the Link header advertising where to send them goes on
  // each rendered review, post and page, so the cache keeps it with the page.
  advertiseWebmentionEndpoint(app, services);
  registerWebmentionRoutes(app, services);

  const wordpressTarget = registerWordPressAddresses(app, services);
  registerRedirectRoutes(app, services);
  registerPublicRoutes(app, services);
  registerPostRoutes(app, services);
  registerIndexRoutes(app, services);
  registerStatsRoutes(app, services);
  registerSearchRoutes(app, services);
  registerFeedRoutes(app, services);
  registerCommentRoutes(app, services);
  registerCommenterSignInRoutes(app, services);
  registerCommentTokenRoutes(app, services);
  registerSubscriptionRoutes(app, services);
  registerAdminRoutes(app, services);

  // The one not-found page: for an address no route answers, which may be an old one that
  // moved, and for a route that found nothing at its address (`c.notFound()`).
  app.notFound(async (c) => {
    if (!routeMatched(c)) {
      const target = (await movedTo(c.req.raw, services)) ?? (await wordpressTarget(c.req.raw));
      if (target) return c.redirect(target, 301);
    }
    return notFound(c, services);
  });

  app.onError(async (error, c) => {
    // A body the client broke is the client's mistake: a 400 (or 413), logged as a warning.
    // Uploads read their own bodies; a break they do not answer themselves ends here too.
    if (error instanceof MultipartError) error = new RequestBodyError(error.message);
    if (error instanceof RequestBodyError) {
      services.logger.warn({ path: c.req.path, reason: error.message }, "request body refused");
      c.header("Cache-Control", "no-store");
      try {
        const { site } = await siteContextOf(c, services);
        return await renderPage(
          c,
          site,
          { title: "Request not read", status: error.status, styles: [] },
          <BadRequestPage message={error.message} />,
        );
      } catch {
        return c.text(error.message, error.status);
      }
    }
    const requestId = randomUUID();
    services.logger.error({ err: error, requestId, path: c.req.path }, "request failed");
    try {
      const { site } = await siteContextOf(c, services);
      return await renderPage(
        c,
        site,
        { title: "Something went wrong", status: 500, styles: [] },
        <ServerErrorPage requestId={requestId} />,
      );
    } catch {
      return c.text(`Something went wrong (reference ${requestId}).`, 500);
    }
  });

  // Addresses are cleaned before routing, so that paths, their parameters and query
  // strings reach no route holding a control character (src/web/clean-url.ts).
  const dispatch = app.fetch;
  app.fetch = (request, ...rest) => dispatch(withCleanUrl(request), ...rest);

  return app;
}
