// Admin routes: sign-in, the review editor, comment moderation, settings and accounts. Every request passes the
// same guards, in order: the request must come from this site (for any POST), a session is
// needed (unless the route declares itself open), every signed-in POST must carry its CSRF
// token, and the role must have the capability the route declares (src/web/route-facts.ts,
// src/domain/roles.ts). A route about one review or comment then asks about that one too.
import type { Hono, MiddlewareHandler } from "hono";
import { Hono as HonoApp } from "hono";
import { csrfFieldName, csrfTokenIsValid, isCrossSiteRequest, siteOrigins } from "../auth/csrf.ts";
import { loadSession, requireSignedIn, type AdminEnv } from "../auth/session.ts";
import { largestId } from "../public/params.ts";
import type { Services } from "../services.ts";
import { adminRoute, requestFacts } from "../route-facts.ts";
import { forbidden, formExpired, notFoundInAdmin, requireCapability } from "./admin-page.ts";
import { registerAccountRoutes } from "./account-routes.tsx";
import { registerCommentModerationRoutes } from "./comment-moderation-routes.tsx";
import { registerCommentSettingsRoutes } from "./comment-settings-routes.tsx";
import { importUploadPath, registerImportRoutes } from "./import-routes.tsx";
import { registerMailSettingsRoutes } from "./mail-settings-routes.tsx";
import { registerOwnerRoutes } from "./owner-routes.tsx";
import { registerOverviewRoutes } from "./overview-routes.tsx";
import { registerPostAdminRoutes } from "./post-admin-routes.tsx";
import { registerReviewRoutes } from "./review-routes.tsx";
import { registerSeriesRoutes } from "./series-routes.tsx";
import { registerStatsSettingsRoutes } from "./stats-settings-routes.tsx";
import { registerFediverseRoutes } from "./fediverse-routes.tsx";
import { registerFediverseMoveRoutes } from "./fediverse-move-routes.tsx";
import { registerSignInProviderRoutes } from "./sign-in-provider-routes.tsx";
import { registerSignInLinkRoutes } from "./sign-in-link-routes.tsx";
import { registerPasswordResetRoutes } from "./password-reset-routes.tsx";
import { registerSignInRoutes } from "./sign-in-routes.tsx";
import { registerStillRoutes, streamedUploadPath } from "./still-routes.tsx";

/**
 * Ids are 32-bit integers in both databases: a larger number names nothing, and handed to
 * PostgreSQL it would be an error rather than "not found".
 */
function namesImpossibleId(path: string): boolean {
  return path.split("/").some((part) => /^\d+$/.test(part) && Number(part) > largestId);
}

export function registerAdminRoutes(app: Hono, services: Services): void {
  const admin = new HonoApp<AdminEnv>();
  admin.use(async (c, next) => {
    await next();
    // Personal pages: never kept by a browser's back-forward store, a proxy or a CDN.
    c.header("Cache-Control", "private, no-store");
  });
  admin.use(sameSiteGuard(services));
  admin.use(loadSession(services));
  const signedIn = requireSignedIn((c) => forbidden(c, services));
  admin.use((c, next) => (requestFacts(c)?.access === "open" ? next() : signedIn(c, next)));
  admin.use((c, next) => (namesImpossibleId(c.req.path) ? notFoundInAdmin(c, services) : next()));
  admin.use(csrfGuard(services));
  admin.use(roleGuard(services));

  registerSignInRoutes(admin, services);
  registerSignInLinkRoutes(admin, services);
  registerPasswordResetRoutes(admin, services);
  registerOverviewRoutes(admin, services);
  registerReviewRoutes(admin, services);
  registerOwnerRoutes(admin, services);
  registerMailSettingsRoutes(admin, services);
  registerSignInProviderRoutes(admin, services);
  registerAccountRoutes(admin, services);
  registerCommentModerationRoutes(admin, services);
  registerCommentSettingsRoutes(admin, services);
  registerStatsSettingsRoutes(admin, services);
  registerFediverseRoutes(admin, services);
  registerFediverseMoveRoutes(admin, services);
  registerSeriesRoutes(admin, services);
  registerPostAdminRoutes(admin, services);
  registerStillRoutes(admin, services);
  registerImportRoutes(admin, services);
  admin.all("*", adminRoute("signed-in"), (c) => notFoundInAdmin(c, services));

  app.route("/admin", admin);
}

function isStateChange(method: string): boolean {
  return method !== "GET" && method !== "HEAD" && method !== "OPTIONS";
}

/** Refuses state changes sent from another site, before anything else is looked at. */
function sameSiteGuard(services: Services): MiddlewareHandler<AdminEnv> {
  return async (c, next) => {
    if (!isStateChange(c.req.method)) return next();
    const origins = siteOrigins(services.config.siteUrl, c.req.url);
    if (isCrossSiteRequest(c.req.raw.headers, origins)) {
      c.set("signedIn", undefined);
      return formExpired(c, services);
    }
    return next();
  };
}

/** Checks the session-bound token of every signed-in form post. */
function csrfGuard(services: Services): MiddlewareHandler<AdminEnv> {
  return async (c, next) => {
    const signedIn = c.get("signedIn");
    const facts = requestFacts(c);
    if (!isStateChange(c.req.method) || !signedIn || facts?.access === "open") {
      c.set("csrfValid", true);
      return next();
    }
    // Still uploads stream their body and check the token themselves (still-routes.tsx):
    // reading it here would hold a whole batch of images in memory.
    if (streamedUploadPath.test(c.req.path) || importUploadPath.test(c.req.path)) return next();
    const body = await c.req.parseBody();
    const valid = await csrfTokenIsValid(services.db, signedIn.session.id, body[csrfFieldName]);
    c.set("csrfValid", valid);
    if (!valid && !facts?.keepInput) return formExpired(c, services);
    return next();
  };
}

/** The capability the route declares, asked of the signed-in person's role. */
function roleGuard(services: Services): MiddlewareHandler<AdminEnv> {
  return (c, next) => {
    const access = requestFacts(c)?.access;
    if (typeof access !== "object") return next();
    return requireCapability(services, access.capability)(c, next);
  };
}
