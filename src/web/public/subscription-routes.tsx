// The links in mail: confirming a subscription (double opt-in) and leaving a list.
//
// GETs only show a page with a button, since mail scanners fetch every link. The POSTs need
// no session and no CSRF token: the signed token in the address is the authority. Leaving
// takes any POST, from anywhere — RFC 8058's one-click unsubscribe is a POST sent by the mail
// provider, not by a page of this site — while confirming refuses a POST from another site.
// These routes are declared never cached and live only: their pages are personal.
import type { Context, Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { z } from "zod";
import {
  confirmSubscriptions,
  describeScope,
  readConfirmationToken,
  readUnsubscribeToken,
  subscriptionsOf,
  unsubscribe,
} from "../../domain/subscriptions.ts";
import { isCrossSiteRequest, siteOrigins } from "../auth/csrf.ts";
import { renderPage } from "../render.ts";
import type { Services } from "../services.ts";
import {
  BadLinkPage,
  ConfirmedPage,
  ConfirmPage,
  UnsubscribePage,
} from "../views/subscription-pages.tsx";
import { liveOnly } from "../route-facts.ts";

const idsSchema = z.array(z.coerce.number().int().positive()).max(100);

export function registerSubscriptionRoutes(app: Hono, services: Services): void {
  const { db } = services;
  const small = bodyLimit({ maxSize: 16 * 1024, onError: (c) => c.text("Too large.", 413) });

  const personal = (c: Context) => {
    c.header("Cache-Control", "private, no-store");
    c.header("X-Robots-Tag", "noindex");
  };
  const badLink = async (c: Context) => {
    const { site } = c.var;
    return renderPage(
      c,
      site,
      { title: "This link does not work", status: 404, styles: [] },
      <BadLinkPage />,
    );
  };

  app.get("/subscriptions/confirm/:token", liveOnly(), async (c) => {
    personal(c);
    const email = await readConfirmationToken(db, c.req.param("token"));
    if (!email) return badLink(c);
    const { site } = c.var;
    const [pending, confirmed] = await Promise.all([
      subscriptionsOf(db, email, "pending"),
      subscriptionsOf(db, email, "confirmed"),
    ]);
    return renderPage(
      c,
      site,
      { title: "Confirm your subscription", styles: ["comments"] },
      <ConfirmPage
        email={email}
        pending={pending}
        confirmed={confirmed}
        siteTitle={site.title}
        action={new URL(c.req.url).pathname}
      />,
    );
  });

  app.post("/subscriptions/confirm/:token", liveOnly(), small, async (c) => {
    personal(c);
    const email = await readConfirmationToken(db, c.req.param("token"));
    if (!email) return badLink(c);
    const { site } = c.var;
    if (isCrossSiteRequest(c.req.raw.headers, siteOrigins(services.config.siteUrl, c.req.url))) {
      return renderPage(
        c,
        site,
        { title: "Nothing was confirmed", status: 403, styles: [] },
        <ConfirmedPage count={0} siteTitle={site.title} />,
      );
    }
    const body = await c.req.parseBody({ all: true });
    const raw = body.id === undefined ? [] : Array.isArray(body.id) ? body.id : [body.id];
    const ids = idsSchema.safeParse(raw.filter((v) => typeof v === "string"));
    const count = ids.success ? await confirmSubscriptions(db, email, ids.data) : 0;
    return renderPage(
      c,
      site,
      { title: count > 0 ? "Subscription confirmed" : "Nothing was confirmed", styles: [] },
      <ConfirmedPage count={count} siteTitle={site.title} />,
    );
  });

  const leave = async (c: Context, done: boolean) => {
    personal(c);
    const target = await readUnsubscribeToken(db, c.req.param("token") ?? "");
    if (!target) return badLink(c);
    if (done) await unsubscribe(db, target.email, target.scope);
    const { site } = c.var;
    return renderPage(
      c,
      site,
      { title: done ? "Unsubscribed" : "Unsubscribe", styles: ["comments"] },
      <UnsubscribePage
        email={target.email}
        list={await describeScope(db, target.scope)}
        siteTitle={site.title}
        action={new URL(c.req.url).pathname}
        done={done}
      />,
    );
  };
  app.get("/unsubscribe/:token", liveOnly(), (c) => leave(c, false));
  app.post("/unsubscribe/:token", liveOnly(), small, (c) => leave(c, true));
}
