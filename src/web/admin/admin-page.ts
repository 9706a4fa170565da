// Rendering admin pages: the admin layout around a view, with the signed-in person and a
// fresh CSRF token for the forms on it. Admin responses are never stored by anyone.
import type { Context, MiddlewareHandler } from "hono";
import type { Child } from "hono/jsx";
import { jsx } from "hono/jsx";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { can, type Capability } from "../../domain/roles.ts";
import { adminStylesheets, type AdminFamily } from "../assets/assets.ts";
import { csrfTokenFor } from "../auth/csrf.ts";
import { signedInUser, type AdminEnv } from "../auth/session.ts";
import type { Services } from "../services.ts";
import { AdminLayout } from "./views/admin-layout.tsx";
import { MessagePage } from "./views/admin-sign-in-pages.tsx";

export type AdminContext = Context<AdminEnv>;

export async function currentCsrfToken(c: AdminContext, services: Services): Promise<string> {
  const signedIn = c.get("signedIn");
  return signedIn ? csrfTokenFor(services.db, signedIn.session.id) : "";
}

export async function renderAdmin(
  c: AdminContext,
  services: Services,
  meta: {
    title: string;
    status?: ContentfulStatusCode;
    head?: Child;
    /**
     * Sheets the page needs besides the base and admin ones (assets.ts): "editors" for an
     * editing screen, "comments" for a page that shows comments as readers see them.
     */
    styles?: readonly AdminFamily[];
  },
  body: Child,
): Promise<Response> {
  const { site } = c.var;
  const user = c.get("signedIn")?.user;
  const page = jsx(AdminLayout, {
    siteTitle: site.title,
    stylesheets: adminStylesheets(meta.styles ?? []),
    title: meta.title,
    ...(meta.head ? { head: meta.head } : {}),
    ...(user ? { user } : {}),
    csrf: await currentCsrfToken(c, services),
    children: body,
  });
  return c.html("<!doctype html>" + (await page.toString()), meta.status ?? 200);
}

export function forbidden(c: AdminContext, services: Services): Promise<Response> {
  const signedIn = !!c.get("signedIn");
  return renderAdmin(
    c,
    services,
    { title: "Not allowed", status: 403 },
    jsx(MessagePage, {
      title: "Not allowed",
      message: signedIn
        ? "Your role does not allow this. Ask the site's owner if you need it."
        : "You need to sign in first.",
      link: signedIn ? ["/admin", "Back to the dashboard"] : ["/admin/sign-in", "Sign in"],
    }),
  );
}

/** Refuses a signed-in person whose role lacks the capability a route declares. */
export function requireCapability(
  services: Services,
  capability: Capability,
): MiddlewareHandler<AdminEnv> {
  return (c, next) => (can(signedInUser(c).user, capability) ? next() : forbidden(c, services));
}

export function formExpired(c: AdminContext, services: Services): Promise<Response> {
  return renderAdmin(
    c,
    services,
    { title: "This form has expired", status: 403 },
    jsx(MessagePage, {
      title: "This form has expired",
      message:
        "The form was sent without a valid security token (it may be from an old page, " +
        "another session, or another site). Nothing was changed. Go back, reload the page and try again.",
      link: ["/admin", "Back to the dashboard"],
    }),
  );
}

export function notFoundInAdmin(c: AdminContext, services: Services): Promise<Response> {
  return renderAdmin(
    c,
    services,
    { title: "Not found", status: 404 },
    jsx(MessagePage, {
      title: "Not found",
      message: "There is nothing here. It may have been deleted.",
      link: ["/admin", "Back to the dashboard"],
    }),
  );
}

export type FormBody = Record<string, string | File | (string | File)[]>;

export function field(body: FormBody, name: string): string {
  const value = body[name];
  return typeof value === "string" ? value : "";
}
