// E-mailed sign-in links (src/domain/sign-in-links.ts) on the sign-in page: asking for one,
// and using one. Neither looks at the password lockout: a link proves the mailbox, which no
// one guessing passwords has, so the owner can always get in.
import type { Hono } from "hono";
import { endSession, startSession } from "../../domain/sessions.ts";
import { loadMailSettings, mailConfigured } from "../../domain/mail-settings.ts";
import { accountAtAddressKey, clearAccountFailures } from "../../domain/sign-in-limits.ts";
import {
  redeemSignInLink,
  requestSignInLink,
  signInLinkState,
  type LinkState,
} from "../../domain/sign-in-links.ts";
import { clientAddress, setSessionCookie, type AdminEnv } from "../auth/session.ts";
import type { Services } from "../services.ts";
import { field, renderAdmin, type AdminContext } from "./admin-page.ts";
import { MessagePage } from "./views/admin-sign-in-pages.tsx";
import {
  LinkConfirmPage,
  LinkRequestedPage,
  LinkRequestForm,
} from "./views/sign-in-link-pages.tsx";
import { adminRoute } from "../route-facts.ts";

const refusals: Record<Exclude<LinkState, "valid">, [title: string, message: string]> = {
  used: [
    "This sign-in link was used already",
    "Each sign-in link works once, and this one has signed someone in already. Ask for a new link on the sign-in page.",
  ],
  expired: [
    "This sign-in link has expired",
    "Each sign-in link works for 15 minutes after it was asked for. Ask for a new link on the sign-in page.",
  ],
  unknown: [
    "This sign-in link is not valid",
    "The address may have been cut short when it was copied. Open the link from the mail again, or ask for a new one on the sign-in page.",
  ],
};

export function registerSignInLinkRoutes(admin: Hono<AdminEnv>, services: Services): void {
  const { db } = services;

  const refused = (c: AdminContext, state: Exclude<LinkState, "valid">) => {
    const [title, message] = refusals[state];
    return renderAdmin(
      c,
      services,
      { title, status: state === "unknown" ? 404 : 410 },
      <MessagePage title={title} message={message} link={["/admin/sign-in", "Sign in"]} />,
    );
  };

  admin.post("/sign-in/link", adminRoute("open"), async (c) => {
    const body = await c.req.parseBody();
    const email = field(body, "email").trim().slice(0, 320);
    const again = (status: 400 | 429, error: string) =>
      renderAdmin(
        c,
        services,
        { title: "E-mail me a sign-in link", status },
        <section aria-labelledby="link-ask-title">
          <h1 id="link-ask-title">E-mail me a sign-in link</h1>
          <LinkRequestForm email={email} error={error} />
        </section>,
      );
    if (!mailConfigured(await loadMailSettings(db))) {
      return again(400, "This site has no mail set up, so it cannot send sign-in links.");
    }
    if (!/^[^\s@]+@[^\s@]+$/.test(email)) {
      return again(400, "Give the email address of your account.");
    }
    const result = await requestSignInLink(db, { email, client: clientAddress(c) });
    if (result.outcome === "limited") {
      c.header("Retry-After", String(result.minutes * 60));
      const unit = result.minutes === 1 ? "minute" : "minutes";
      return again(
        429,
        `Too many sign-in links asked for, try again in ${result.minutes} ${unit}.`,
      );
    }
    return renderAdmin(
      c,
      services,
      { title: "Check your e-mail" },
      <LinkRequestedPage email={email} />,
    );
  });

  admin.get("/sign-in/link/:token", adminRoute("open"), async (c) => {
    const token = c.req.param("token");
    const state = await signInLinkState(db, token);
    if (state !== "valid") return refused(c, state);
    return renderAdmin(c, services, { title: "Sign in" }, <LinkConfirmPage token={token} />);
  });

  admin.post("/sign-in/link/:token", adminRoute("open"), async (c) => {
    const result = await redeemSignInLink(db, c.req.param("token"));
    if ("refused" in result) return refused(c, result.refused);
    // Whatever failures this account had from this address are forgotten, as after a passkey.
    await clearAccountFailures(db, accountAtAddressKey(result.email, clientAddress(c)));
    const previous = c.get("signedIn");
    if (previous) await endSession(db, previous.session.id);
    const { token } = await startSession(db, result.userId, c.req.header("user-agent") ?? "");
    setSessionCookie(c, services.config.siteUrl, token);
    return c.redirect("/admin", 303);
  });
}
