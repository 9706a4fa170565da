// The "Your fediverse account" part of "Your account": a writer's own actor, off until they
// turn it on, with the name it is found by and a short bio. Shown only while the site
// federates and the owner lets writers have accounts; what was typed stays on a refusal.
import { Checkbox, CsrfField, InputField, SubmitRow, TextAreaField } from "./form-fields.tsx";

export interface FediverseAccountValues {
  username: string;
  enabled: boolean;
  bio: string;
}

export interface FediverseAccountProps {
  values: FediverseAccountValues;
  errors: Partial<Record<"username" | "bio", string>>;
  /** The host after the name: @name@HOST. */
  host: string;
  csrf: string;
}

export const maxBioLength = 500;

export function FediverseAccountForm(props: FediverseAccountProps) {
  const v = props.values;
  const handle = `@${v.username || "name"}@${props.host}`;
  return (
    <>
      <h2 id="fediverse-title">Your fediverse account</h2>
      <p>
        Mastodon and similar servers can follow you as {handle}: your reviews are then attributed to
        you there, and your followers receive them as well as the blog's.
      </p>
      <form
        method="post"
        action="/admin/account/fediverse"
        class="admin-form"
        aria-labelledby="fediverse-title"
      >
        <CsrfField token={props.csrf} />
        <Checkbox id="fediverseEnabled" label="Have a fediverse account" checked={v.enabled} />
        <InputField
          id="fediverseUsername"
          label="Name"
          hint="The part before the host: lower-case letters, digits and underscores, up to 30."
          error={props.errors.username}
          size={30}
          maxlength={30}
          value={v.username}
        />
        <TextAreaField
          id="fediverseBio"
          label="Bio"
          hint="A line or two shown on your profile."
          error={props.errors.bio}
          rows={3}
          maxlength={maxBioLength}
          value={v.bio}
        />
        <SubmitRow label="Save fediverse account" />
      </form>
    </>
  );
}
