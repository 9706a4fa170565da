// /admin/settings/sign-in: the sign-in providers commenters may use (issue 6 runs the
// sign-in itself). Owner only (manage_settings). Nothing here calls a provider: the
// discovery document and Mastodon's app registration are fetched on first use.
import type { Hono } from "hono";
import {
  isProviderKey,
  presets,
  type ProviderKey,
} from "../../domain/sign-in-providers/presets.ts";
import {
  disableProvider,
  listProviders,
  loadProviderSettings,
  providerSettingsSchema,
  providerSummary,
  redirectUriFor,
  saveProvider,
  type ProviderSettings,
} from "../../domain/sign-in-providers/provider-settings.ts";
import type { AdminEnv } from "../auth/session.ts";
import type { Services } from "../services.ts";
import {
  type AdminContext,
  currentCsrfToken,
  field,
  notFoundInAdmin,
  renderAdmin,
} from "./admin-page.ts";
import { fieldErrors } from "./form-errors.ts";
import {
  SignInProviderPage,
  SignInProvidersPage,
  type ProviderFormErrors,
  type ProviderFormValues,
} from "./views/sign-in-provider-pages.tsx";
import { adminRoute } from "../route-facts.ts";

/**
 * A provider's page; a name that is not a preset's is the admin's 404 (providerOf). Not an
 * alternation of the keys in the pattern: Hono's TrieRouter, which the app falls back to,
 * leaves `a|b` unanchored, so "google/disable" would match the page itself.
 */
const providerPath = "/settings/sign-in/:provider{[a-z]+}";

const secretNotShown = "For safety the secret is not shown again: type it once more.";

function valuesOf(settings: Omit<ProviderSettings, "clientSecret">): ProviderFormValues {
  const { enabled, label, clientId, instance, discoveryUrl } = settings;
  const { authorizationUrl, tokenUrl, userinfoUrl } = settings;
  return {
    enabled,
    label,
    clientId,
    instance,
    discoveryUrl,
    authorizationUrl,
    tokenUrl,
    userinfoUrl,
    forgetSecret: false,
  };
}

export function registerSignInProviderRoutes(admin: Hono<AdminEnv>, services: Services): void {
  const { db } = services;

  const providerOf = (c: AdminContext): ProviderKey | null => {
    const key = c.req.param("provider") ?? "";
    return isProviderKey(key) ? key : null;
  };

  admin.get("/settings/sign-in", adminRoute({ capability: "manage_settings" }), async (c) =>
    renderAdmin(
      c,
      services,
      { title: "Sign-in providers" },
      <SignInProvidersPage
        providers={await listProviders(db)}
        notice={c.req.query("off") ? "Turned off. Its settings are kept." : undefined}
        csrf={await currentCsrfToken(c, services)}
      />,
    ),
  );

  const show = async (
    c: AdminContext,
    key: ProviderKey,
    options: {
      values?: ProviderFormValues;
      errors?: ProviderFormErrors;
      notice?: string;
      problem?: string;
      status?: 200 | 400 | 403;
    } = {},
  ) => {
    const provider = await providerSummary(db, key);
    return renderAdmin(
      c,
      services,
      { title: `Sign-in with ${provider.preset.label}`, status: options.status ?? 200 },
      <SignInProviderPage
        provider={provider}
        redirectUri={redirectUriFor(services.config.siteUrl, key)}
        values={options.values ?? valuesOf(provider.settings)}
        errors={options.errors ?? {}}
        notice={options.notice}
        problem={options.problem}
        csrf={await currentCsrfToken(c, services)}
      />,
    );
  };

  admin.get(providerPath, adminRoute({ capability: "manage_settings" }), async (c) => {
    const key = providerOf(c);
    if (!key) return notFoundInAdmin(c, services);
    return show(c, key, c.req.query("saved") ? { notice: "Saved." } : {});
  });

  admin.post(
    providerPath,
    adminRoute({ capability: "manage_settings" }, { keepInput: true }),
    async (c) => {
      const key = providerOf(c);
      if (!key) return notFoundInAdmin(c, services);
      const preset = presets[key];
      const body = await c.req.parseBody();
      const values: ProviderFormValues = {
        enabled: field(body, "enabled") !== "",
        label: field(body, "label"),
        clientId: field(body, "clientId"),
        instance: field(body, "instance"),
        discoveryUrl: field(body, "discoveryUrl"),
        authorizationUrl: field(body, "authorizationUrl"),
        tokenUrl: field(body, "tokenUrl"),
        userinfoUrl: field(body, "userinfoUrl"),
        forgetSecret: field(body, "forgetSecret") !== "",
      };
      // Mastodon apps are registered by the site itself: there is no secret to type.
      const typedSecret = preset.kind === "mastodon" ? "" : field(body, "clientSecret");
      if (!c.get("csrfValid")) {
        return show(c, key, {
          values,
          errors: typedSecret ? { clientSecret: secretNotShown } : {},
          status: 403,
          problem:
            "This form expired, so nothing was saved. What you typed is below: save it again.",
        });
      }
      const stored = await loadProviderSettings(db, key);
      const { forgetSecret, ...typed } = values;
      const candidate: ProviderSettings = {
        ...typed,
        // Fields a preset's form does not show keep nothing: a forged post cannot fill them.
        instance: preset.kind === "mastodon" ? typed.instance : "",
        discoveryUrl: preset.kind === "oidc" ? typed.discoveryUrl : "",
        clientId: preset.kind === "mastodon" ? "" : typed.clientId,
        clientSecret: typedSecret !== "" ? typedSecret : forgetSecret ? "" : stored.clientSecret,
      };
      const parsed = providerSettingsSchema(preset).safeParse(candidate);
      if (!parsed.success) {
        const errors: ProviderFormErrors = fieldErrors(parsed.error);
        // A typed secret is not sent back into the page either.
        if (typedSecret && !errors.clientSecret) errors.clientSecret = secretNotShown;
        return show(c, key, { values, errors, status: 400, problem: "Nothing was saved." });
      }
      await saveProvider(db, key, parsed.data);
      return c.redirect(`/admin/settings/sign-in/${key}?saved=1`, 303);
    },
  );

  admin.post(
    `${providerPath}/disable`,
    adminRoute({ capability: "manage_settings" }),
    async (c) => {
      const key = providerOf(c);
      if (!key) return notFoundInAdmin(c, services);
      await disableProvider(db, key);
      return c.redirect("/admin/settings/sign-in?off=1", 303);
    },
  );
}
