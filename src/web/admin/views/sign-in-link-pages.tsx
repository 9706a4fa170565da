// The pages of e-mailed sign-in links: the form asking for one, the answer (the same whether
// or not the address has an account), and the page a mailed link opens, whose button signs
// in (opening the link alone does not: mail scanners open links, and it works only once).
import { InputField, SubmitRow } from "./form-fields.tsx";
import { FormError } from "./form-messages.tsx";

export function LinkRequestForm(props: { email?: string; error?: string }) {
  return (
    <div class="sign-in-link">
      <h2 id="sign-in-link-title">Or e-mail me a sign-in link</h2>
      <p>Works even while password sign-in is locked after too many attempts.</p>
      <FormError error={props.error} />
      <form
        method="post"
        action="/admin/sign-in/link"
        class="admin-form"
        aria-labelledby="sign-in-link-title"
      >
        <InputField
          id="link-email"
          name="email"
          label="Your account's email"
          type="email"
          autocomplete="username"
          required
          value={props.email ?? ""}
        />
        <SubmitRow label="E-mail me a sign-in link" plain />
      </form>
    </div>
  );
}

const linkSentMessage =
  "If that address belongs to an account here, a sign-in link is on its way to it. " +
  "The link works once, for 15 minutes. Nothing arrived? Check the spam folder, or ask again in a few minutes.";

/** "Check your e-mail" after a link was asked for: a sign-in link, or (with its own message) a reset link. */
export function LinkRequestedPage(props: { email: string; message?: string }) {
  return (
    <section aria-labelledby="link-sent-title">
      <h1 id="link-sent-title">Check your e-mail</h1>
      <p role="status">{props.message ?? linkSentMessage}</p>
      <p>
        Asked for: <strong>{props.email}</strong>
      </p>
      <p>
        <a href="/admin/sign-in">Back to sign in</a>
      </p>
    </section>
  );
}

export function LinkConfirmPage(props: { token: string }) {
  return (
    <section aria-labelledby="link-confirm-title">
      <h1 id="link-confirm-title">Sign in with this link</h1>
      <p>The link works once: pressing the button signs you in on this device.</p>
      <form method="post" action={`/admin/sign-in/link/${props.token}`} class="admin-form">
        <SubmitRow label="Sign me in" />
      </form>
    </section>
  );
}
