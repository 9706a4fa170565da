// The pages of a forgotten password: asking for a reset link by e-mail address, the answer
// (the same whether or not the address has an account), and the form a mailed link opens
// to choose a new password.
import { InputField, NewPasswordField, SubmitRow } from "./form-fields.tsx";
import { FormError } from "./form-messages.tsx";
import { LinkRequestedPage } from "./sign-in-link-pages.tsx";

export function ForgotPasswordPage(props: { email: string; error?: string | undefined }) {
  return (
    <section aria-labelledby="forgot-title">
      <h1 id="forgot-title">Forgot your password?</h1>
      <p>
        Give your account's e-mail address and we will send a link to choose a new password. The
        link works once, for 15 minutes.
      </p>
      <FormError error={props.error} />
      <form method="post" action="/admin/sign-in/forgot" class="admin-form">
        <InputField
          id="email"
          label="Your account's email"
          type="email"
          autocomplete="username"
          required
          value={props.email}
        />
        <SubmitRow label="E-mail me a reset link" />
      </form>
      <p>
        <a href="/admin/sign-in">Back to sign in</a>
      </p>
    </section>
  );
}

const resetSentMessage =
  "If that address belongs to an account here, a link to choose a new password is on its way to it. " +
  "The link works once, for 15 minutes. Nothing arrived? Check the spam folder, or ask again in a few minutes.";

export function ResetRequestedPage(props: { email: string }) {
  return <LinkRequestedPage email={props.email} message={resetSentMessage} />;
}

export interface NewPasswordValues {
  password: string;
  repeat: string;
}

export function ChoosePasswordPage(props: {
  token: string;
  values: NewPasswordValues;
  errors: Partial<Record<keyof NewPasswordValues, string>>;
}) {
  return (
    <section aria-labelledby="choose-title">
      <h1 id="choose-title">Choose a new password</h1>
      <p>Saving it signs your account out on every other device, and signs you in here.</p>
      <form method="post" action={`/admin/sign-in/reset/${props.token}`} class="admin-form">
        <NewPasswordField
          id="password"
          label="New password (at least 10 characters)"
          value={props.values.password}
          error={props.errors.password}
        />
        <NewPasswordField
          id="repeat"
          label="The same password again"
          value={props.values.repeat}
          error={props.errors.repeat}
        />
        <SubmitRow label="Save the new password" />
      </form>
    </section>
  );
}
