// "Your account": every signed-in person's own name, e-mail, password and passkeys, and a
// writer's own fediverse account. Nobody
// reaches anyone else's account here; the owner manages others from /admin/users.
import type { Hono } from "hono";
import { z } from "zod";
import {
  addPasskey,
  passkeyOf,
  passkeysOf,
  PasskeyInputError,
  removePasskey,
} from "../../domain/passkeys.ts";
import { maxPasskeyNameLength } from "../../domain/passkeys.ts";
import { changePassword, updateAccount } from "../../domain/users.ts";
import {
  saveWriterActorSettings,
  writerActorSettings,
} from "../../domain/federation/writer-actors.ts";
import { can } from "../../domain/roles.ts";
import { loadSettings } from "../../domain/settings.ts";
import {
  relyingParty,
  registrationOptions,
  verifyRegistration,
} from "../auth/passkey-ceremonies.ts";
import { clientAddress, signedInUser, type AdminEnv } from "../auth/session.ts";
import type { Services } from "../services.ts";
import {
  currentCsrfToken,
  field,
  notFoundInAdmin,
  renderAdmin,
  type AdminContext,
} from "./admin-page.ts";
import { fieldErrors } from "./form-errors.ts";
import {
  AccountPage,
  RemovePasskeyPage,
  type AccountPageProps,
  type PasskeyErrors,
  type PasswordErrors,
  type ProfileValues,
} from "./views/account-pages.tsx";
import {
  maxBioLength,
  type FediverseAccountProps,
  type FediverseAccountValues,
} from "./views/account-fediverse.tsx";
import { adminRoute } from "../route-facts.ts";

const profileSchema = z.object({
  name: z.string().trim().min(1, "Give your name.").max(200, "Keep it under 200 characters."),
  email: z.email("Give an e-mail address you can be reached at."),
});

const passkeyNameSchema = z
  .string()
  .trim()
  .min(1, "Give the passkey a name.")
  .max(maxPasskeyNameLength, `Keep it under ${maxPasskeyNameLength} characters.`);

const notices: Record<string, string> = {
  profile: "Name and e-mail saved.",
  fediverse: "Fediverse account saved.",
  password: "Password changed. You are signed out everywhere else.",
  "passkey-added": "Passkey added. You can sign in with it now.",
  "passkey-removed": "Passkey removed.",
};

export function registerAccountRoutes(admin: Hono<AdminEnv>, services: Services): void {
  const { db } = services;
  // Anyone who may use the admin has an account of their own to look after.

  // The writer's own fediverse account, while the site federates and lets writers have one.
  const fediverseAccount = async (c: AdminContext, userId: number) => {
    const settings = await loadSettings(db);
    if (!settings.federationEnabled || !settings.federationWriterActors) return undefined;
    if (!can(signedInUser(c).user, "write_reviews")) return undefined;
    const saved = await writerActorSettings(db, userId);
    return {
      values: saved ?? { username: "", enabled: false, bio: "" },
      errors: {},
      host: new URL(services.config.siteUrl).host,
    };
  };

  const showAccount = async (
    c: AdminContext,
    overrides: Partial<AccountPageProps> = {},
    status: 200 | 400 = 200,
  ) => {
    const { user } = signedInUser(c);
    const fediverse = await fediverseAccount(c, user.id);
    const props: AccountPageProps = {
      profile: { name: user.display_name, email: user.email },
      profileErrors: {},
      hasPassword: user.password_hash !== null,
      passwordErrors: {},
      passkeys: await passkeysOf(db, user.id),
      passkeyName: "",
      passkeyErrors: {},
      csrf: await currentCsrfToken(c, services),
      fediverse,
      ...overrides,
    };
    return renderAdmin(c, services, { title: "Your account", status }, <AccountPage {...props} />);
  };

  admin.get("/account", adminRoute({ capability: "use_admin" }), async (c) => {
    const notice = notices[c.req.query("saved") ?? ""];
    return showAccount(c, notice ? { notice } : {});
  });

  admin.post("/account", adminRoute({ capability: "use_admin" }), async (c) => {
    const { user } = signedInUser(c);
    const body = await c.req.parseBody();
    const profile: ProfileValues = {
      name: field(body, "name"),
      email: field(body, "email").trim(),
    };
    const parsed = profileSchema.safeParse(profile);
    if (!parsed.success) {
      return showAccount(c, { profile, profileErrors: fieldErrors(parsed.error) }, 400);
    }
    const outcome = await updateAccount(db, user.id, {
      email: parsed.data.email,
      displayName: parsed.data.name,
    });
    if (!outcome.ok) {
      return showAccount(c, { profile, profileErrors: { email: outcome.message } }, 400);
    }
    return c.redirect("/admin/account?saved=profile", 303);
  });

  admin.post("/account/fediverse", adminRoute({ capability: "write_reviews" }), async (c) => {
    const { user } = signedInUser(c);
    const offered = await fediverseAccount(c, user.id);
    if (!offered) return notFoundInAdmin(c, services);
    const body = await c.req.parseBody();
    const values: FediverseAccountValues = {
      username: field(body, "fediverseUsername").trim(),
      enabled: field(body, "fediverseEnabled") !== "",
      bio: field(body, "fediverseBio"),
    };
    const refuse = (errors: FediverseAccountProps["errors"]) =>
      showAccount(c, { fediverse: { ...offered, values, errors } }, 400);
    if (values.bio.length > maxBioLength) {
      return refuse({ bio: `Keep it under ${maxBioLength} characters.` });
    }
    const outcome = await saveWriterActorSettings(
      db,
      user.id,
      values,
      (await loadSettings(db)).federationSlug,
    );
    if (!outcome.ok) return refuse({ [outcome.field]: outcome.message });
    return c.redirect("/admin/account?saved=fediverse", 303);
  });

  admin.post("/account/password", adminRoute({ capability: "use_admin" }), async (c) => {
    const { user, session } = signedInUser(c);
    const body = await c.req.parseBody();
    const outcome = await changePassword(db, user.id, {
      current: field(body, "currentPassword"),
      next: field(body, "newPassword"),
      keepSessionId: session.id,
      address: clientAddress(c),
    });
    if (!outcome.ok) {
      const passwordErrors: PasswordErrors = { [outcome.field]: outcome.message };
      return showAccount(c, { passwordErrors }, 400);
    }
    return c.redirect("/admin/account?saved=password", 303);
  });

  // Answered with JSON for passkeys.js: the options for navigator.credentials.create().
  admin.post("/account/passkeys/options", adminRoute({ capability: "use_admin" }), async (c) => {
    const { user } = signedInUser(c);
    const { site } = c.var;
    const rp = relyingParty(services.config, c.req.url);
    return c.json(await registrationOptions(db, rp, site.title, user));
  });

  admin.post("/account/passkeys", adminRoute({ capability: "use_admin" }), async (c) => {
    const { user } = signedInUser(c);
    const body = await c.req.parseBody();
    const passkeyName = field(body, "passkeyName");
    const name = passkeyNameSchema.safeParse(passkeyName);
    const refuse = (passkeyErrors: PasskeyErrors) =>
      showAccount(c, { passkeyName, passkeyErrors }, 400);
    if (!name.success) return refuse({ passkeyName: name.error.issues[0]!.message });
    const rp = relyingParty(services.config, c.req.url);
    const credential = await verifyRegistration(db, rp, user, field(body, "credential"));
    if (!credential) {
      return refuse({
        credential: "The passkey could not be checked, so it was not added. Try again.",
      });
    }
    try {
      await addPasskey(db, { userId: user.id, name: name.data, ...credential });
    } catch (error) {
      if (!(error instanceof PasskeyInputError)) throw error;
      return refuse({ credential: error.message });
    }
    return c.redirect("/admin/account?saved=passkey-added", 303);
  });

  admin.get(
    "/account/passkeys/:id{[0-9]+}/remove",
    adminRoute({ capability: "use_admin" }),
    async (c) => {
      const { user } = signedInUser(c);
      const passkey = await passkeyOf(db, user.id, Number(c.req.param("id")));
      if (!passkey) return notFoundInAdmin(c, services);
      return renderAdmin(
        c,
        services,
        { title: "Remove a passkey" },
        <RemovePasskeyPage passkey={passkey} csrf={await currentCsrfToken(c, services)} />,
      );
    },
  );

  admin.post(
    "/account/passkeys/:id{[0-9]+}/remove",
    adminRoute({ capability: "use_admin" }),
    async (c) => {
      const { user } = signedInUser(c);
      // Only one's own: another person's passkey id is simply not found.
      if (!(await removePasskey(db, user.id, Number(c.req.param("id"))))) {
        return notFoundInAdmin(c, services);
      }
      return c.redirect("/admin/account?saved=passkey-removed", 303);
    },
  );
}
