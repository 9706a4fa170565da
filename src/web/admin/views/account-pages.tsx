// "Your account": one's own name and e-mail, password, passkeys and sessions, and the page
// that confirms removing a passkey. The passkey form is hidden until passkeys.js finds a
// browser that can use one; everything else works without JavaScript.
import type { PasskeyRow } from "../../../domain/passkeys.ts";
import { maxPasskeyNameLength } from "../../../domain/passkeys.ts";
import { passkeysScript } from "../../assets/assets.ts";
import { DateTime } from "../../views/names.tsx";
import { ConfirmForm, CsrfField, InputField, NewPasswordField, SubmitRow } from "./form-fields.tsx";
import { Notice } from "./form-messages.tsx";
import { FediverseAccountForm, type FediverseAccountProps } from "./account-fediverse.tsx";

export interface ProfileValues {
  name: string;
  email: string;
}

type ProfileErrors = Partial<Record<keyof ProfileValues, string>>;
export type PasswordErrors = Partial<Record<"currentPassword" | "newPassword", string>>;
/** `credential`: the browser's answer did not verify (shown above the form, not at a field). */
export type PasskeyErrors = Partial<Record<"passkeyName" | "credential", string>>;

export interface AccountPageProps {
  profile: ProfileValues;
  profileErrors: ProfileErrors;
  /** Whether the account has a password yet (one signed in only by passkey may not). */
  hasPassword: boolean;
  passwordErrors: PasswordErrors;
  passkeys: PasskeyRow[];
  passkeyName: string;
  passkeyErrors: PasskeyErrors;
  notice?: string;
  csrf: string;
  /** The writer's own fediverse account; absent while the site offers none. */
  fediverse?: Omit<FediverseAccountProps, "csrf"> | undefined;
}

export function AccountPage(props: AccountPageProps) {
  return (
    <section aria-labelledby="account-title">
      <h1 id="account-title">Your account</h1>
      <Notice text={props.notice} />

      <h2 id="profile-title">Name and e-mail</h2>
      <form
        method="post"
        action="/admin/account"
        class="admin-form"
        aria-labelledby="profile-title"
      >
        <CsrfField token={props.csrf} />
        <InputField
          id="name"
          label="Your name, as readers see it"
          error={props.profileErrors.name}
          required
          maxlength={200}
          value={props.profile.name}
        />
        <InputField
          id="email"
          label="E-mail"
          hint="You sign in with it; it is never shown on the site."
          error={props.profileErrors.email}
          type="email"
          autocomplete="email"
          required
          value={props.profile.email}
        />
        <SubmitRow label="Save name and e-mail" />
      </form>

      <h2 id="password-title">{props.hasPassword ? "Change your password" : "Set a password"}</h2>
      <form
        method="post"
        action="/admin/account/password"
        class="admin-form"
        aria-labelledby="password-title"
      >
        <CsrfField token={props.csrf} />
        {props.hasPassword ? (
          <InputField
            id="currentPassword"
            label="Current password"
            error={props.passwordErrors.currentPassword}
            type="password"
            autocomplete="current-password"
            required
          />
        ) : null}
        <NewPasswordField
          id="newPassword"
          label="New password"
          hint="At least 10 characters. Every other place you are signed in will be signed out."
          error={props.passwordErrors.newPassword}
        />
        <SubmitRow label={props.hasPassword ? "Change password" : "Set password"} />
      </form>

      <h2 id="passkeys-title">Passkeys</h2>
      <p>
        A passkey lets you sign in with your fingerprint, face or device PIN instead of a password.
        It stays on your device (or in your password manager) and cannot be phished.
      </p>
      {props.passkeys.length === 0 ? (
        <p>You have no passkeys yet.</p>
      ) : (
        <table class="admin-table passkey-table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Added</th>
              <th scope="col">Last used</th>
              <th scope="col">
                <span class="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {props.passkeys.map((p) => (
              <tr>
                <td>{p.name}</td>
                <td>
                  <DateTime iso={p.createdAt} />
                </td>
                <td>{p.lastUsedAt ? <DateTime iso={p.lastUsedAt} /> : "Never"}</td>
                <td>
                  <a
                    href={`/admin/account/passkeys/${p.id}/remove`}
                    aria-label={`Remove the passkey ${p.name}`}
                  >
                    Remove
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div
        class="passkey-add"
        data-passkey
        hidden={!props.passkeyErrors.passkeyName && !props.passkeyErrors.credential}
      >
        <h3 id="passkey-add-title">Add a passkey</h3>
        <form
          method="post"
          action="/admin/account/passkeys"
          class="admin-form"
          aria-labelledby="passkey-add-title"
          data-passkey-register="/admin/account/passkeys/options"
        >
          <CsrfField token={props.csrf} />
          <input type="hidden" name="credential" value="" />
          <InputField
            id="passkeyName"
            label="Name"
            hint="Something to tell it apart by, such as the device or password manager it lives in."
            error={props.passkeyErrors.passkeyName}
            required
            maxlength={maxPasskeyNameLength}
            value={props.passkeyName}
          />
          <p
            class="form-error"
            role="alert"
            data-passkey-error
            hidden={!props.passkeyErrors.credential}
          >
            {props.passkeyErrors.credential ?? ""}
          </p>
          <SubmitRow label="Add a passkey" />
        </form>
      </div>

      {props.fediverse ? <FediverseAccountForm {...props.fediverse} csrf={props.csrf} /> : null}

      <h2 id="sessions-title">Where you are signed in</h2>
      <form method="post" action="/admin/sign-out-everywhere" aria-labelledby="sessions-title">
        <CsrfField token={props.csrf} />
        <p class="hint">Lost a device, or signed in on a shared computer?</p>
        <button type="submit">Sign out everywhere</button>
      </form>
      <script src={passkeysScript.path} defer />
    </section>
  );
}

export function RemovePasskeyPage(props: { passkey: PasskeyRow; csrf: string }) {
  const { passkey } = props;
  return (
    <section aria-labelledby="remove-passkey-title">
      <h1 id="remove-passkey-title">Remove the passkey “{passkey.name}”?</h1>
      <p>
        Added <DateTime iso={passkey.createdAt} />;{" "}
        {passkey.lastUsedAt ? (
          <>
            last used <DateTime iso={passkey.lastUsedAt} />.
          </>
        ) : (
          "never used."
        )}
      </p>
      <p>
        It will no longer sign you in here. Your device may still offer it: you can delete it there
        too.
      </p>
      <ConfirmForm
        action={`/admin/account/passkeys/${passkey.id}/remove`}
        button="Remove passkey"
        cancelHref="/admin/account"
        csrf={props.csrf}
      />
    </section>
  );
}
