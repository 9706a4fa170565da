// Signing in (with a password or a passkey) and out, and the one-time setup of the first
// owner account.
import type { Hono } from "hono";
import { z } from "zod";
import { inTransaction } from "../../db/transaction.ts";
import { endAllSessions, endSession, startSession } from "../../domain/sessions.ts";
import { loadMailSettings, mailConfigured } from "../../domain/mail-settings.ts";
import { hasOwner, setupTokenIsValid } from "../../domain/setup-link.ts";
import { passkeyLimitKey, recordPasskeyUse } from "../../domain/passkeys.ts";
import { checkPasswordSignIn } from "../../domain/sign-in.ts";
import {
  accountAtAddressKey,
  addressKey,
  clearAccountFailures,
  lockedForMinutes,
  recordFailure,
  spendAllowance,
} from "../../domain/sign-in-limits.ts";
import { createUser, UserInputError } from "../../domain/users.ts";
import {
  clearSessionCookie,
  clientAddress,
  setSessionCookie,
  signedInUser,
  type AdminEnv,
} from "../auth/session.ts";
import {
  authenticationOptions,
  relyingParty,
  verifyAuthentication,
} from "../auth/passkey-ceremonies.ts";
import type { Services } from "../services.ts";
import { field, renderAdmin, type AdminContext } from "./admin-page.ts";
import { fieldErrors, type FieldErrors } from "./form-errors.ts";
import {
  MessagePage,
  SetupPage,
  SignInPage,
  type SetupValues,
} from "./views/admin-sign-in-pages.tsx";
import { adminRoute } from "../route-facts.ts";

// Said the same way whether the email is unknown or the password wrong.
const refusedMessage = "That email and password do not match an account.";
const passkeyRefusedMessage = "That passkey did not sign you in. Try again, or use your password.";

function tooManyAttempts(minutes: number): string {
  return `Too many attempts, try again in ${minutes} ${minutes === 1 ? "minute" : "minutes"}.`;
}

/** Only a path inside the admin: never another host (an open redirect). */
function safeNext(value: string | undefined): string {
  return value && /^\/admin(\/[\w\-/]*)?$/.test(value) ? value : "/admin";
}

/** The credential id a passkey answer names, read only to count failures against it. */
function credentialIdIn(text: string): string {
  try {
    const id = (JSON.parse(text) as { id?: unknown }).id;
    return typeof id === "string" ? id.slice(0, 1400) : "";
  } catch {
    return "";
  }
}

export function registerSignInRoutes(admin: Hono<AdminEnv>, services: Services): void {
  const { db } = services;
  const showSignIn = async (
    c: AdminContext,
    props: { email: string; error?: string; next: string },
    status: 200 | 401 | 429 = 200,
  ) =>
    renderAdmin(
      c,
      services,
      { title: "Sign in", status },
      <SignInPage {...props} mailLinks={mailConfigured(await loadMailSettings(db))} />,
    );

  /** The same session, whether signed in by password or by passkey. */
  const beginSession = async (c: AdminContext, userId: number, next: string) => {
    // A session that was there before signing in is not carried over (session fixation).
    const previous = c.get("signedIn");
    if (previous) await endSession(db, previous.session.id);
    const { token } = await startSession(db, userId, c.req.header("user-agent") ?? "");
    setSessionCookie(c, services.config.siteUrl, token);
    return c.redirect(next, 303);
  };

  admin.get("/sign-in", adminRoute("open"), async (c) => {
    const next = safeNext(c.req.query("next"));
    if (c.get("signedIn")) return c.redirect(next, 303);
    return showSignIn(c, { email: "", next });
  });

  admin.post("/sign-in", adminRoute("open"), async (c) => {
    const body = await c.req.parseBody();
    const email = field(body, "email").trim();
    const next = safeNext(field(body, "next"));
    const result = await checkPasswordSignIn(db, {
      email,
      password: field(body, "password"),
      address: clientAddress(c),
    });
    if (result.outcome === "locked") {
      c.header("Retry-After", String(result.minutes * 60));
      return showSignIn(c, { email, error: tooManyAttempts(result.minutes), next }, 429);
    }
    if (result.outcome === "refused") {
      return showSignIn(c, { email, error: refusedMessage, next }, 401);
    }
    return beginSession(c, result.user.id, next);
  });

  // Passkey sign-in. Failures count against the same limits as passwords: per address, and
  // per account once the passkey names one. A locked account still lets its own valid
  // passkey in (a passkey cannot be guessed, and someone hammering the password should not
  // lock the owner out); a locked address does not.
  // Generous for people (each sign-in asks once) and small next to a flood.
  const passkeyOptionsPerAddress = 60;
  const passkeyLockedFor = (c: AdminContext, credentialId: string) =>
    lockedForMinutes(db, {
      account: passkeyLimitKey(credentialId),
      address: addressKey(clientAddress(c)),
    });

  // Answered with JSON for passkeys.js: the options for navigator.credentials.get().
  admin.post("/sign-in/passkey/options", adminRoute("open"), async (c) => {
    // Each answer stores a challenge: a stranger may not fill the table by asking in a loop.
    const minutes =
      (await passkeyLockedFor(c, "")) ||
      (await spendAllowance(db, `passkey-options:${clientAddress(c)}`, passkeyOptionsPerAddress));
    if (minutes > 0) {
      c.header("Retry-After", String(minutes * 60));
      return c.json({ error: tooManyAttempts(minutes) }, 429);
    }
    return c.json(await authenticationOptions(db, relyingParty(services.config, c.req.url)));
  });

  admin.post("/sign-in/passkey", adminRoute("open"), async (c) => {
    const body = await c.req.parseBody();
    const next = safeNext(field(body, "next"));
    const credentialText = field(body, "credential");
    const credentialId = credentialIdIn(credentialText);
    const minutes = await passkeyLockedFor(c, credentialId);
    if (minutes > 0) {
      c.header("Retry-After", String(minutes * 60));
      return showSignIn(c, { email: "", error: tooManyAttempts(minutes), next }, 429);
    }
    const rp = relyingParty(services.config, c.req.url);
    const result = await verifyAuthentication(db, rp, credentialText);
    if (result.outcome === "refused") {
      await recordFailure(db, {
        account: result.stored
          ? accountAtAddressKey(result.stored.user.email, clientAddress(c))
          : passkeyLimitKey(credentialId),
        address: addressKey(clientAddress(c)),
      });
      return showSignIn(c, { email: "", error: passkeyRefusedMessage, next }, 401);
    }
    const { stored } = result;
    await recordPasskeyUse(db, stored.passkeyId, {
      counter: result.counter,
      backedUp: result.backedUp,
    });
    await clearAccountFailures(db, accountAtAddressKey(stored.user.email, clientAddress(c)));
    return beginSession(c, stored.user.id, next);
  });

  admin.post("/sign-out", adminRoute("signed-in"), async (c) => {
    await endSession(db, signedInUser(c).session.id);
    clearSessionCookie(c, services.config.siteUrl);
    return c.redirect("/admin/sign-in", 303);
  });

  admin.post("/sign-out-everywhere", adminRoute("signed-in"), async (c) => {
    await endAllSessions(db, signedInUser(c).user.id);
    clearSessionCookie(c, services.config.siteUrl);
    return c.redirect("/admin/sign-in", 303);
  });

  const setupGone = (c: AdminContext) =>
    renderAdmin(
      c,
      services,
      { title: "Setup link not valid", status: 404 },
      <MessagePage
        title="Setup link not valid"
        message="This setup link has expired, or the owner account exists already. Restart `cinelog serve` for a new link while there is no owner."
        link={["/admin/sign-in", "Sign in"]}
      />,
    );

  admin.get("/setup/:token", adminRoute("open"), async (c) => {
    const token = c.req.param("token");
    if (!(await setupTokenIsValid(db, token))) return setupGone(c);
    return renderAdmin(
      c,
      services,
      { title: "Create the owner account" },
      <SetupPage token={token} values={{ email: "", name: "" }} errors={{}} />,
    );
  });

  const setupSchema = z.object({
    email: z.email("Give an email address you can be reached at."),
    name: z.string().trim().min(1, "Give your name."),
    password: z.string().min(10, "A password needs at least 10 characters."),
  });

  admin.post("/setup/:token", adminRoute("open"), async (c) => {
    const token = c.req.param("token");
    if (!(await setupTokenIsValid(db, token))) return setupGone(c);
    const body = await c.req.parseBody();
    const values: SetupValues = { email: field(body, "email").trim(), name: field(body, "name") };
    const parsed = setupSchema.safeParse({ ...values, password: field(body, "password") });
    const errors: FieldErrors<"email" | "name" | "password"> = parsed.success
      ? {}
      : fieldErrors(parsed.error);
    let ownerId: number | undefined;
    if (parsed.success) {
      try {
        ownerId = await inTransaction(db, async (trx) => {
          // Two tabs sending the form at once: only the first makes an owner.
          if (await hasOwner(trx)) return undefined;
          const user = await createUser(trx, {
            email: parsed.data.email,
            displayName: parsed.data.name,
            role: "owner",
            password: parsed.data.password,
          });
          return user.id;
        });
      } catch (error) {
        if (!(error instanceof UserInputError)) throw error;
        errors.email = error.message;
      }
      if (ownerId === undefined && !errors.email) return setupGone(c);
    }
    if (ownerId === undefined) {
      return renderAdmin(
        c,
        services,
        { title: "Create the owner account", status: 400 },
        <SetupPage token={token} values={values} errors={errors} />,
      );
    }
    const session = await startSession(db, ownerId, c.req.header("user-agent") ?? "");
    setSessionCookie(c, services.config.siteUrl, session.token);
    return c.redirect("/admin", 303);
  });
}
