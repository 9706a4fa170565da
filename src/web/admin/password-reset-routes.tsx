// A forgotten password: a one-time link mailed to the account's address (the mechanism of
// sign-in links, src/domain/sign-in-links.ts, with its own purpose and allowance) opens a
// form to choose a new one. Asking answers the same for every address; saving ends every
// other session of the account and signs in here.
import type { Hono } from "hono";
import { loadMailSettings, mailConfigured } from "../../domain/mail-settings.ts";
import { endSession, startSession } from "../../domain/sessions.ts";
import { accountAtAddressKey, clearAccountFailures } from "../../domain/sign-in-limits.ts";
import {
  redeemSignInLink,
  requestSignInLink,
  signInLinkState,
  type LinkState,
} from "../../domain/sign-in-links.ts";
import { passwordProblem, resetPassword } from "../../domain/users.ts";
import { clientAddress, setSessionCookie, type AdminEnv } from "../auth/session.ts";
import type { Services } from "../services.ts";
import { field, renderAdmin, type AdminContext } from "./admin-page.ts";
import {
  ChoosePasswordPage,
  ForgotPasswordPage,
  ResetRequestedPage,
  type NewPasswordValues,
} from "./views/password-reset-pages.tsx";
import { MessagePage } from "./views/admin-sign-in-pages.tsx";
import { adminRoute } from "../route-facts.ts";

const refusals: Record<Exclude<LinkState, "valid">, [title: string, message: string]> = {
  used: [
    "This reset link was used already",
    "Each link to choose a new password works once, and this one has been used. Ask for a new one if you still need it.",
  ],
  expired: [
    "This reset link has expired",
    "Each link to choose a new password works for 15 minutes after it was asked for. Ask for a new one.",
  ],
  unknown: [
    "This reset link is not valid",
    "The address may have been cut short when it was copied. Open the link from the mail again, or ask for a new one.",
  ],
};

export function registerPasswordResetRoutes(admin: Hono<AdminEnv>, services: Services): void {
  const { db } = services;
  const mailReady = async () => mailConfigured(await loadMailSettings(db));

  const refused = (c: AdminContext, state: Exclude<LinkState, "valid">) => {
    const [title, message] = refusals[state];
    return renderAdmin(
      c,
      services,
      { title, status: state === "unknown" ? 404 : 410 },
      <MessagePage
        title={title}
        message={message}
        link={["/admin/sign-in/forgot", "Ask for a new link"]}
      />,
    );
  };

  const noMail = (c: AdminContext) =>
    renderAdmin(
      c,
      services,
      { title: "No mail set up", status: 404 },
      <MessagePage
        title="No mail set up"
        message="This site cannot send e-mail, so it cannot mail a reset link. The owner can set a new password on the server with: cinelog user password EMAIL"
        link={["/admin/sign-in", "Sign in"]}
      />,
    );

  const askForm = (c: AdminContext, email: string, error?: string, status: 200 | 400 | 429 = 200) =>
    renderAdmin(
      c,
      services,
      { title: "Forgot your password?", status },
      <ForgotPasswordPage email={email} error={error} />,
    );

  admin.get("/sign-in/forgot", adminRoute("open"), async (c) => {
    if (!(await mailReady())) return noMail(c);
    return askForm(c, "");
  });

  admin.post("/sign-in/forgot", adminRoute("open"), async (c) => {
    if (!(await mailReady())) return noMail(c);
    const email = field(await c.req.parseBody(), "email")
      .trim()
      .slice(0, 320);
    if (!/^[^\s@]+@[^\s@]+$/.test(email)) {
      return askForm(c, email, "Give the email address of your account.", 400);
    }
    const result = await requestSignInLink(db, {
      email,
      client: clientAddress(c),
      purpose: "password-reset",
    });
    if (result.outcome === "limited") {
      c.header("Retry-After", String(result.minutes * 60));
      const unit = result.minutes === 1 ? "minute" : "minutes";
      const message = `Too many reset links asked for, try again in ${result.minutes} ${unit}.`;
      return askForm(c, email, message, 429);
    }
    return renderAdmin(
      c,
      services,
      { title: "Check your e-mail" },
      <ResetRequestedPage email={email} />,
    );
  });

  const chooseForm = (
    c: AdminContext,
    token: string,
    values: NewPasswordValues,
    errors: Partial<Record<keyof NewPasswordValues, string>> = {},
  ) =>
    renderAdmin(
      c,
      services,
      { title: "Choose a new password", status: Object.keys(errors).length > 0 ? 400 : 200 },
      <ChoosePasswordPage token={token} values={values} errors={errors} />,
    );

  admin.get("/sign-in/reset/:token", adminRoute("open"), async (c) => {
    const token = c.req.param("token");
    const state = await signInLinkState(db, token, new Date(), "password-reset");
    if (state !== "valid") return refused(c, state);
    return chooseForm(c, token, { password: "", repeat: "" });
  });

  admin.post("/sign-in/reset/:token", adminRoute("open"), async (c) => {
    const token = c.req.param("token");
    const body = await c.req.parseBody();
    const values = { password: field(body, "password"), repeat: field(body, "repeat") };
    // A refused password leaves the link unused, so the person can try again with it.
    const state = await signInLinkState(db, token, new Date(), "password-reset");
    if (state !== "valid") return refused(c, state);
    const weak = passwordProblem(values.password);
    if (weak) return chooseForm(c, token, values, { password: weak });
    if (values.repeat !== values.password) {
      return chooseForm(c, token, values, { repeat: "The two passwords are not the same." });
    }
    const result = await redeemSignInLink(db, token, new Date(), "password-reset");
    if ("refused" in result) return refused(c, result.refused);
    await resetPassword(db, result.userId, values.password);
    await clearAccountFailures(db, accountAtAddressKey(result.email, clientAddress(c)));
    const previous = c.get("signedIn");
    if (previous) await endSession(db, previous.session.id);
    const started = await startSession(db, result.userId, c.req.header("user-agent") ?? "");
    setSessionCookie(c, services.config.siteUrl, started.token);
    return c.redirect("/admin?password=reset", 303);
  });
}
