// The owner's sign-in providers: which presets are offered to commenters, and each one's
// settings. The stored client secret never comes back into a page: only whether one is kept.
import {
  defaultEndpoint,
  endpointNames,
  type EndpointName,
  type ProviderKind,
} from "../../../domain/sign-in-providers/presets.ts";
import type { ProviderSummary } from "../../../domain/sign-in-providers/provider-settings.ts";
import { Checkbox, CsrfField, Field, InputField } from "./form-fields.tsx";
import { FormError, Notice } from "./form-messages.tsx";

const kindNames: Record<ProviderKind, string> = {
  oauth2: "OAuth 2",
  oidc: "OpenID Connect",
  mastodon: "Mastodon (any instance)",
};

export function SignInProvidersPage(props: {
  providers: ProviderSummary[];
  notice?: string | undefined;
  csrf: string;
}) {
  return (
    <section aria-labelledby="providers-title">
      <h1 id="providers-title">Sign-in providers</h1>
      <p>
        <a href="/admin/settings">Back to the settings</a>
      </p>
      <Notice text={props.notice} />
      <p>
        Readers may comment as guests, or through an account they already have with one of the
        providers turned on here. Each provider needs an app registered with it first; its page here
        says which address to give.
      </p>
      <table class="admin-table provider-table">
        <thead>
          <tr>
            <th scope="col">Provider</th>
            <th scope="col">Kind</th>
            <th scope="col">On the comment form</th>
          </tr>
        </thead>
        <tbody>
          {props.providers.map((p) => (
            <tr>
              <td>
                <a href={`/admin/settings/sign-in/${p.key}`}>{p.preset.label}</a>
                {p.label !== p.preset.label ? ` (shown as “${p.label}”)` : ""}
              </td>
              <td>{kindNames[p.preset.kind]}</td>
              <td>
                {p.enabled ? "On" : "Off"}
                {p.enabled ? (
                  <form
                    method="post"
                    action={`/admin/settings/sign-in/${p.key}/disable`}
                    class="row-actions"
                  >
                    <CsrfField token={props.csrf} />
                    <button type="submit" class="link-button">
                      Turn off {p.preset.label}
                    </button>
                  </form>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** What the provider form shows: as typed, or as stored (with the secret left out). */
export interface ProviderFormValues {
  enabled: boolean;
  label: string;
  clientId: string;
  instance: string;
  discoveryUrl: string;
  authorizationUrl: string;
  tokenUrl: string;
  userinfoUrl: string;
  forgetSecret: boolean;
}

export type ProviderFormErrors = Partial<Record<keyof ProviderFormValues | "clientSecret", string>>;

const endpointFields: Record<
  EndpointName,
  { field: "authorizationUrl" | "tokenUrl" | "userinfoUrl"; label: string }
> = {
  authorization: { field: "authorizationUrl", label: "Authorization endpoint" },
  token: { field: "tokenUrl", label: "Token endpoint" },
  userinfo: { field: "userinfoUrl", label: "Profile (userinfo) endpoint" },
};

export function SignInProviderPage(props: {
  provider: ProviderSummary;
  redirectUri: string;
  values: ProviderFormValues;
  errors: ProviderFormErrors;
  notice?: string | undefined;
  problem?: string | undefined;
  csrf: string;
}) {
  const { preset, key } = props.provider;
  const v = props.values;
  const e = props.errors;
  const instance = v.instance || props.provider.settings.instance;
  const endpointPlaceholder = (name: EndpointName) =>
    defaultEndpoint(preset, name, instance) ??
    (preset.kind === "mastodon"
      ? `https://INSTANCE${preset.paths[name]}`
      : "From the discovery document");
  return (
    <section aria-labelledby="provider-title">
      <h1 id="provider-title">Sign-in with {preset.label}</h1>
      <p>
        <a href="/admin/settings/sign-in">Back to the sign-in providers</a>
      </p>
      <Notice text={props.notice} />
      <FormError error={props.problem} />
      {preset.kind === "mastodon" ? (
        <p>
          Readers sign in with their account on the instance given here. The site registers itself
          as an app on that instance the first time someone uses it, so there is no client id to
          copy.
        </p>
      ) : (
        <p>
          Register an app with{" "}
          {preset.kind === "oidc" && !preset.registerAt ? "the issuer" : preset.label}
          {preset.registerAt ? (
            <>
              {" "}
              (at <a href={preset.registerAt}>{preset.registerAt}</a>)
            </>
          ) : null}
          , give it the redirect address below, and copy its client id and secret here.
        </p>
      )}
      <form
        method="post"
        action={`/admin/settings/sign-in/${key}`}
        class="admin-form"
        aria-labelledby="provider-title"
      >
        <CsrfField token={props.csrf} />
        <Field
          id="redirectUri"
          label="Redirect address"
          hint={
            preset.kind === "mastodon"
              ? "The site gives this address to the instance when it registers itself there."
              : "Give exactly this address to the provider. It follows the site's address (SITE_URL)."
          }
        >
          {(aria) => <input {...aria} value={props.redirectUri} readonly />}
        </Field>
        <Checkbox
          id="enabled"
          value="1"
          label={`Offer ${preset.label} on the comment form`}
          checked={v.enabled}
        />
        {preset.kind === "mastodon" ? (
          <InputField
            id="instance"
            label="Instance"
            hint="Its host name, such as mastodon.social."
            error={e.instance}
            value={v.instance}
            autocomplete="off"
          />
        ) : null}
        {preset.kind === "oidc" ? (
          <InputField
            id="discoveryUrl"
            label="Discovery address"
            hint={
              preset.discoveryUrl
                ? "Leave empty for the issuer's own."
                : "The issuer's /.well-known/openid-configuration address. It is read when a reader first signs in, not now."
            }
            error={e.discoveryUrl}
            type="url"
            value={v.discoveryUrl}
            placeholder={
              preset.discoveryUrl ?? "https://issuer.example/.well-known/openid-configuration"
            }
          />
        ) : null}
        {preset.kind !== "mastodon" ? (
          <>
            <InputField
              id="clientId"
              label="Client id"
              error={e.clientId}
              value={v.clientId}
              autocomplete="off"
            />
            <InputField
              id="clientSecret"
              label="Client secret"
              hint={
                props.provider.hasSecret
                  ? "A secret is stored. Leave this empty to keep it."
                  : "No secret is stored."
              }
              error={e.clientSecret}
              type="password"
              autocomplete="new-password"
              value=""
            />
            {props.provider.hasSecret ? (
              <Checkbox
                id="forgetSecret"
                value="1"
                label="Forget the stored secret"
                checked={v.forgetSecret}
              />
            ) : null}
          </>
        ) : null}
        <InputField
          id="label"
          label="Name on the button"
          hint="Leave empty for the provider's own name."
          error={e.label}
          value={v.label}
          placeholder={preset.label}
        />
        <fieldset>
          <legend>Endpoints</legend>
          <p class="hint">
            Leave these empty to use the defaults shown in them. Scopes asked for:{" "}
            {preset.scopes.join(" ")}. {preset.pkce ? "PKCE is used." : "PKCE is not used."}
          </p>
          {endpointNames.map((name) => {
            const { field, label } = endpointFields[name];
            return (
              <InputField
                id={field}
                label={label}
                error={e[field]}
                type="url"
                value={v[field]}
                placeholder={endpointPlaceholder(name)}
              />
            );
          })}
        </fieldset>
        <div class="actions">
          <button type="submit" class="primary">
            Save {preset.label}
          </button>
        </div>
      </form>
    </section>
  );
}
