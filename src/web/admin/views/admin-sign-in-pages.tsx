// Sign-in, first-owner setup, and the refusal pages of the admin.
import { passkeysScript } from "../../assets/assets.ts";
import { InputField, NewPasswordField, SubmitRow } from "./form-fields.tsx";
import { FormError } from "./form-messages.tsx";
import { LinkRequestForm } from "./sign-in-link-pages.tsx";

export function SignInPage(props: {
  email: string;
  error?: string;
  next: string;
  /** Mail is set up: offer an e-mailed sign-in link (sign-in-link-pages.tsx). */
  mailLinks?: boolean;
}) {
  return (
    <section aria-labelledby="sign-in-title">
      <h1 id="sign-in-title">Sign in</h1>
      <FormError error={props.error} />
      <form method="post" action="/admin/sign-in" class="admin-form">
        <input type="hidden" name="next" value={props.next} />
        <InputField
          id="email"
          label="Email"
          type="email"
          autocomplete="username"
          required
          value={props.email}
        />
        <InputField
          id="password"
          label="Password"
          type="password"
          autocomplete="current-password"
          required
        />
        <SubmitRow label="Sign in" />
      </form>
      {props.mailLinks ? (
        <p class="forgot-password">
          <a href="/admin/sign-in/forgot">Forgot your password?</a>
        </p>
      ) : null}
      {/* Shown by passkeys.js when the browser can use a passkey; no e-mail needed. */}
      <div class="passkey-sign-in" data-passkey hidden>
        <h2 id="passkey-sign-in-title">Or use a passkey</h2>
        <form
          method="post"
          action="/admin/sign-in/passkey"
          aria-labelledby="passkey-sign-in-title"
          data-passkey-sign-in="/admin/sign-in/passkey/options"
        >
          <input type="hidden" name="next" value={props.next} />
          <input type="hidden" name="credential" value="" />
          <p class="form-error" role="alert" data-passkey-error hidden></p>
          <SubmitRow label="Sign in with a passkey" plain />
        </form>
      </div>
      {props.mailLinks ? <LinkRequestForm /> : null}
      <script src={passkeysScript.path} defer />
    </section>
  );
}

export interface SetupValues {
  email: string;
  name: string;
}

export function SetupPage(props: {
  token: string;
  values: SetupValues;
  errors: Partial<Record<"email" | "name" | "password", string>>;
}) {
  return (
    <section aria-labelledby="setup-title">
      <h1 id="setup-title">Create the owner account</h1>
      <p>
        This link works once: as soon as the owner account exists, it leads nowhere. The owner can
        do everything, including adding other accounts.
      </p>
      <form method="post" action={`/admin/setup/${props.token}`} class="admin-form">
        <InputField
          id="email"
          label="Email"
          error={props.errors.email}
          type="email"
          autocomplete="username"
          required
          value={props.values.email}
        />
        <InputField
          id="name"
          label="Your name, as readers will see it"
          error={props.errors.name}
          required
          value={props.values.name}
        />
        <NewPasswordField
          id="password"
          label="Password"
          hint="At least 10 characters."
          error={props.errors.password}
        />
        <SubmitRow label="Create account and sign in" />
      </form>
    </section>
  );
}

/** A short page that explains a refusal: forbidden, expired form, too many attempts. */
export function MessagePage(props: { title: string; message: string; link?: [string, string] }) {
  return (
    <section aria-labelledby="message-title">
      <h1 id="message-title">{props.title}</h1>
      <p>{props.message}</p>
      {props.link ? (
        <p>
          <a href={props.link[0]}>{props.link[1]}</a>
        </p>
      ) : null}
    </section>
  );
}
