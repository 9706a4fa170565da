// Pages only the owner sees: site settings and accounts.
import type { Role } from "../../../db/schema.ts";
import type { AccountRow } from "../../../domain/admin-overview.ts";
import { ratingScales } from "../../../content/rating.ts";
import { ConfirmForm, CsrfField, InputField, SelectField, SubmitRow } from "./form-fields.tsx";
import { FormError, Notice } from "./form-messages.tsx";

export interface SettingsValues {
  siteTitle: string;
  siteDescription: string;
  ratingScale: string;
  reviewsPerPage: string;
}

const scaleNames: Record<(typeof ratingScales)[number], string> = {
  none: "No ratings",
  stars5: "5 stars, with halves",
  ten: "Points out of 10",
  hundred: "Points out of 100",
};

export function SettingsPage(props: {
  values: SettingsValues;
  errors: Partial<Record<keyof SettingsValues, string>>;
  notice?: string;
  csrf: string;
}) {
  const v = props.values;
  return (
    <section aria-labelledby="settings-title">
      <h1 id="settings-title">Settings</h1>
      <p>
        <a href="/admin/settings/comments">Comment settings</a>: threads, approval, word lists,
        avatars.
      </p>
      <p>
        <a href="/admin/settings/stats">Stats settings</a>: the public stats pages, their parts, a
        yearly goal.
      </p>
      <p>
        <a href="/admin/fediverse">Fediverse</a>: publishing to Mastodon and its cousins, followers,
        blocks.
      </p>
      <p>
        <a href="/admin/settings/mail">Mail settings</a>: the SMTP server, a test message.
      </p>
      <p>
        <a href="/admin/settings/sign-in">Sign-in providers</a>: the accounts readers may comment
        with.
      </p>
      <Notice text={props.notice} />
      <form method="post" action="/admin/settings" class="admin-form">
        <CsrfField token={props.csrf} />
        <InputField
          id="siteTitle"
          label="Site title"
          error={props.errors.siteTitle}
          required
          value={v.siteTitle}
        />
        <InputField
          id="siteDescription"
          label="Description"
          error={props.errors.siteDescription}
          value={v.siteDescription}
        />
        <SelectField
          id="ratingScale"
          label="Rating scale"
          hint="Ratings are kept exactly; this only changes how they are shown."
          error={props.errors.ratingScale}
          value={v.ratingScale}
          options={ratingScales.map((s) => [s, scaleNames[s]] as const)}
        />
        <InputField
          id="reviewsPerPage"
          label="Reviews per page"
          hint="How many reviews the home page, tags, archives and other listings show at once (1 to 100)."
          error={props.errors.reviewsPerPage}
          inputmode="numeric"
          value={v.reviewsPerPage}
        />
        <SubmitRow label="Save settings" />
      </form>
    </section>
  );
}

export interface NewAccountValues {
  email: string;
  name: string;
  role: string;
}

const roleNames: Record<Role, string> = {
  owner: "Owner: everything, including settings and accounts",
  editor: "Editor: all reviews, series and tags",
  author: "Author: writes and publishes their own reviews",
  contributor: "Contributor: writes drafts for an editor to publish",
};

const roleChoices = (Object.keys(roleNames) as Role[]).map((r) => [r, roleNames[r]] as const);

/** An account's sign-in address, when it is added and when it is edited. */
function EmailField(props: { error?: string | undefined; value: string }) {
  return (
    <InputField
      id="email"
      label="Email"
      error={props.error}
      type="email"
      required
      value={props.value}
    />
  );
}

export function UsersPage(props: {
  accounts: AccountRow[];
  values: NewAccountValues;
  errors: Partial<Record<keyof NewAccountValues | "password", string>>;
  notice?: string;
  csrf: string;
}) {
  const v = props.values;
  return (
    <section aria-labelledby="users-title">
      <h1 id="users-title">Accounts</h1>
      <Notice text={props.notice} />
      <table class="admin-table">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Email</th>
            <th scope="col">Role</th>
          </tr>
        </thead>
        <tbody>
          {props.accounts.map((a) => (
            <tr>
              <td>
                <a href={`/admin/users/${a.id}/edit`}>{a.displayName}</a>
              </td>
              <td>{a.email}</td>
              <td>{a.role}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2 id="add-account">Add an account</h2>
      <form method="post" action="/admin/users" class="admin-form" aria-labelledby="add-account">
        <CsrfField token={props.csrf} />
        <EmailField error={props.errors.email} value={v.email} />
        <InputField id="name" label="Name" error={props.errors.name} required value={v.name} />
        <SelectField
          id="role"
          label="Role"
          error={props.errors.role}
          value={v.role}
          options={roleChoices}
        />
        <InputField
          id="password"
          label="Password"
          hint="At least 10 characters; tell it to them in person."
          error={props.errors.password}
          type="password"
          autocomplete="new-password"
          required
        />
        <SubmitRow label="Add account" />
      </form>
    </section>
  );
}

export interface AccountEditValues {
  name: string;
  email: string;
  role: string;
}

/** The owner edits another account (or their own) — name, e-mail and role. */
export function AccountEditPage(props: {
  account: Pick<AccountRow, "id" | "displayName">;
  isSelf: boolean;
  values: AccountEditValues;
  errors: Partial<Record<keyof AccountEditValues, string>>;
  csrf: string;
}) {
  const v = props.values;
  return (
    <section aria-labelledby="account-edit-title">
      <h1 id="account-edit-title">Edit the account of {props.account.displayName}</h1>
      <form method="post" action={`/admin/users/${props.account.id}/edit`} class="admin-form">
        <CsrfField token={props.csrf} />
        <InputField
          id="name"
          label="Name"
          error={props.errors.name}
          required
          maxlength={200}
          value={v.name}
        />
        <EmailField error={props.errors.email} value={v.email} />
        <SelectField
          id="role"
          label="Role"
          hint={
            props.isSelf
              ? "A new role signs you out everywhere; sign in again to use it."
              : "A new role signs them out everywhere; they sign in again to use it."
          }
          error={props.errors.role}
          value={v.role}
          options={roleChoices}
        />
        <SubmitRow label="Save account">
          <a href="/admin/users">Cancel</a>
        </SubmitRow>
      </form>
      {props.isSelf ? null : (
        <p class="account-remove-link">
          <a href={`/admin/users/${props.account.id}/remove`}>Remove this account…</a>
        </p>
      )}
    </section>
  );
}

/** Confirms removing an account, saying what becomes of what it wrote. */
export function AccountRemovePage(props: {
  account: Pick<AccountRow, "id" | "displayName" | "email" | "role">;
  reviews: number;
  heirName: string;
  /** Why it cannot be removed (the only owner); then there is no button. */
  refusal?: string;
  csrf: string;
}) {
  const { account } = props;
  const reviews = props.reviews === 1 ? "1 review" : `${props.reviews} reviews`;
  return (
    <section aria-labelledby="account-remove-title">
      <h1 id="account-remove-title">Remove the account of {account.displayName}?</h1>
      <p>
        {account.displayName} ({account.email}, {account.role}) will no longer be able to sign in.
      </p>
      {props.refusal ? (
        <>
          <FormError error={props.refusal} />
          <p>
            <a href="/admin/users">Back to the accounts</a>
          </p>
        </>
      ) : (
        <>
          <ul>
            <li>
              {props.reviews === 0
                ? "They have written no reviews."
                : `Their ${reviews}, published or not, and the revisions they saved, will be credited to you (${props.heirName}); the public pages will show your name.`}
            </li>
            <li>Their sessions, passkeys and unsaved editor drafts are deleted.</li>
            <li>Comments on the site are not affected.</li>
          </ul>
          <p>This cannot be undone.</p>
          <ConfirmForm
            action={`/admin/users/${account.id}/remove`}
            button="Remove account"
            cancelHref="/admin/users"
            csrf={props.csrf}
          />
        </>
      )}
    </section>
  );
}
