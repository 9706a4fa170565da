// Settings and accounts: the owner's alone. Accounts: add, edit (name, e-mail, role) and
// remove, with the rule that the site always keeps an owner.
import type { Hono } from "hono";
import { z } from "zod";
import { accounts } from "../../domain/admin-overview.ts";
import { loadSettings, saveSetting } from "../../domain/settings.ts";
import { ratingScales } from "../../content/rating.ts";
import {
  createUser,
  findUser,
  removeAccount,
  removalSummary,
  roles,
  updateAccount,
  UserInputError,
} from "../../domain/users.ts";
import { inTransaction } from "../../db/transaction.ts";
import { clearSessionCookie, signedInUser, type AdminEnv } from "../auth/session.ts";
import type { Services } from "../services.ts";
import {
  currentCsrfToken,
  field,
  notFoundInAdmin,
  renderAdmin,
  type AdminContext,
} from "./admin-page.ts";
import { fieldErrors, type FieldErrors } from "./form-errors.ts";
import {
  AccountEditPage,
  AccountRemovePage,
  SettingsPage,
  UsersPage,
  type AccountEditValues,
  type NewAccountValues,
  type SettingsValues,
} from "./views/owner-pages.tsx";
import { adminRoute } from "../route-facts.ts";

const settingsSchema = z.object({
  siteTitle: z
    .string()
    .trim()
    .min(1, "The site needs a title.")
    .max(200, "Keep it under 200 characters."),
  siteDescription: z.string().trim().max(500, "Keep it under 500 characters."),
  ratingScale: z.enum(ratingScales, "Choose one of the scales."),
  reviewsPerPage: z
    .string()
    .trim()
    .regex(/^\d{1,3}$/, "Give a whole number from 1 to 100.")
    .transform(Number)
    .refine((n) => n >= 1 && n <= 100, "Give a whole number from 1 to 100."),
});

const accountSchema = z.object({
  email: z.email("Give an email address."),
  name: z.string().trim().min(1, "Give a name.").max(200),
  role: z.enum(roles as [string, ...string[]], "Choose a role."),
  password: z.string().min(10, "A password needs at least 10 characters."),
});

const accountEditSchema = accountSchema.omit({ password: true });

export function registerOwnerRoutes(admin: Hono<AdminEnv>, services: Services): void {
  const { db } = services;
  // Only the page itself: the settings pages under it guard themselves, by the same rule.

  const showSettings = async (
    c: AdminContext,
    values: SettingsValues,
    errors: FieldErrors<keyof SettingsValues> = {},
    notice?: string,
  ) =>
    renderAdmin(
      c,
      services,
      { title: "Settings", status: Object.keys(errors).length ? 400 : 200 },
      <SettingsPage
        values={values}
        errors={errors}
        {...(notice ? { notice } : {})}
        csrf={await currentCsrfToken(c, services)}
      />,
    );

  admin.get("/settings", adminRoute({ capability: "manage_settings" }), async (c) => {
    const settings = await loadSettings(db);
    const notice = c.req.query("saved") ? "Settings saved." : undefined;
    const values = { ...settings, reviewsPerPage: String(settings.reviewsPerPage) };
    return showSettings(c, values, {}, notice);
  });

  admin.post("/settings", adminRoute({ capability: "manage_settings" }), async (c) => {
    const body = await c.req.parseBody();
    const values: SettingsValues = {
      siteTitle: field(body, "siteTitle"),
      siteDescription: field(body, "siteDescription"),
      ratingScale: field(body, "ratingScale"),
      reviewsPerPage: field(body, "reviewsPerPage"),
    };
    const parsed = settingsSchema.safeParse(values);
    if (!parsed.success) return showSettings(c, values, fieldErrors(parsed.error));
    await inTransaction(db, async (trx) => {
      await saveSetting(trx, "siteTitle", parsed.data.siteTitle);
      await saveSetting(trx, "siteDescription", parsed.data.siteDescription);
      await saveSetting(trx, "ratingScale", parsed.data.ratingScale);
      await saveSetting(trx, "reviewsPerPage", parsed.data.reviewsPerPage);
    });
    return c.redirect("/admin/settings?saved=1", 303);
  });

  const showUsers = async (
    c: AdminContext,
    values: NewAccountValues,
    errors: FieldErrors<keyof NewAccountValues | "password"> = {},
    notice?: string,
  ) =>
    renderAdmin(
      c,
      services,
      { title: "Accounts", status: Object.keys(errors).length ? 400 : 200 },
      <UsersPage
        accounts={await accounts(db)}
        values={values}
        errors={errors}
        {...(notice ? { notice } : {})}
        csrf={await currentCsrfToken(c, services)}
      />,
    );

  admin.get("/users", adminRoute({ capability: "manage_users" }), async (c) => {
    const added = c.req.query("added");
    const saved = c.req.query("saved");
    const removed = c.req.query("removed");
    const notice = added
      ? `Account added for ${added}.`
      : saved
        ? `Account of ${saved} saved.`
        : removed
          ? `Account of ${removed} removed.`
          : undefined;
    return showUsers(c, { email: "", name: "", role: "author" }, {}, notice);
  });

  admin.post("/users", adminRoute({ capability: "manage_users" }), async (c) => {
    const body = await c.req.parseBody();
    const values: NewAccountValues = {
      email: field(body, "email").trim(),
      name: field(body, "name"),
      role: field(body, "role"),
    };
    const parsed = accountSchema.safeParse({ ...values, password: field(body, "password") });
    if (!parsed.success) return showUsers(c, values, fieldErrors(parsed.error));
    try {
      const user = await createUser(db, {
        email: parsed.data.email,
        displayName: parsed.data.name,
        role: parsed.data.role as (typeof roles)[number],
        password: parsed.data.password,
      });
      return c.redirect(`/admin/users?added=${encodeURIComponent(user.email)}`, 303);
    } catch (error) {
      if (!(error instanceof UserInputError)) throw error;
      return showUsers(c, values, { email: error.message });
    }
  });

  const showEdit = async (
    c: AdminContext,
    account: { id: number; display_name: string },
    values: AccountEditValues,
    errors: FieldErrors<keyof AccountEditValues> = {},
  ) =>
    renderAdmin(
      c,
      services,
      { title: "Edit an account", status: Object.keys(errors).length ? 400 : 200 },
      <AccountEditPage
        account={{ id: account.id, displayName: account.display_name }}
        isSelf={account.id === signedInUser(c).user.id}
        values={values}
        errors={errors}
        csrf={await currentCsrfToken(c, services)}
      />,
    );

  admin.get("/users/:id{[0-9]+}/edit", adminRoute({ capability: "manage_users" }), async (c) => {
    const account = await findUser(db, Number(c.req.param("id")));
    if (!account) return notFoundInAdmin(c, services);
    const values = { name: account.display_name, email: account.email, role: account.role };
    return showEdit(c, account, values);
  });

  admin.post("/users/:id{[0-9]+}/edit", adminRoute({ capability: "manage_users" }), async (c) => {
    const account = await findUser(db, Number(c.req.param("id")));
    if (!account) return notFoundInAdmin(c, services);
    const body = await c.req.parseBody();
    const values: AccountEditValues = {
      name: field(body, "name"),
      email: field(body, "email").trim(),
      role: field(body, "role"),
    };
    const parsed = accountEditSchema.safeParse(values);
    if (!parsed.success) return showEdit(c, account, values, fieldErrors(parsed.error));
    const role = parsed.data.role as (typeof roles)[number];
    const outcome = await updateAccount(db, account.id, {
      email: parsed.data.email,
      displayName: parsed.data.name,
      role,
    });
    if (!outcome.ok) return showEdit(c, account, values, { [outcome.field]: outcome.message });
    // A new role of one's own ended this session too: sign in again to use it.
    if (account.id === signedInUser(c).user.id && role !== account.role) {
      clearSessionCookie(c, services.config.siteUrl);
      return c.redirect("/admin/sign-in", 303);
    }
    return c.redirect(`/admin/users?saved=${encodeURIComponent(parsed.data.email)}`, 303);
  });

  const showRemove = async (
    c: AdminContext,
    account: { id: number; display_name: string; email: string; role: (typeof roles)[number] },
    refusal?: string,
  ) => {
    const me = signedInUser(c).user;
    return renderAdmin(
      c,
      services,
      { title: "Remove an account", status: refusal ? 409 : 200 },
      <AccountRemovePage
        account={{
          id: account.id,
          displayName: account.display_name,
          email: account.email,
          role: account.role,
        }}
        reviews={(await removalSummary(db, account.id)).reviews}
        heirName={me.display_name}
        {...(refusal ? { refusal } : {})}
        csrf={await currentCsrfToken(c, services)}
      />,
    );
  };

  admin.get("/users/:id{[0-9]+}/remove", adminRoute({ capability: "manage_users" }), async (c) => {
    const account = await findUser(db, Number(c.req.param("id")));
    if (!account) return notFoundInAdmin(c, services);
    // Only an owner gets here, so another owner always remains; one's own account is the case.
    const refusal =
      account.id === signedInUser(c).user.id
        ? "You cannot remove your own account. Another owner can."
        : undefined;
    return showRemove(c, account, refusal);
  });

  admin.post("/users/:id{[0-9]+}/remove", adminRoute({ capability: "manage_users" }), async (c) => {
    const account = await findUser(db, Number(c.req.param("id")));
    if (!account) return notFoundInAdmin(c, services);
    const outcome = await removeAccount(db, account.id, signedInUser(c).user.id);
    if (!outcome.ok) return showRemove(c, account, outcome.message);
    return c.redirect(`/admin/users?removed=${encodeURIComponent(account.email)}`, 303);
  });
}
