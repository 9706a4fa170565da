// The owner's mail settings: the SMTP server mail is sent through, a test message, and how
// the outbox is doing. The stored password never comes back into the page.
import type { OutboxSummary } from "../../../domain/mail-outbox.ts";
import { defaultPorts, mailSecurities, type MailSecurity } from "../../../domain/mail-settings.ts";
import { Checkbox, CsrfField, InputField, SelectField, SubmitRow } from "./form-fields.tsx";
import { FormError, Notice } from "./form-messages.tsx";

export interface MailSettingsValues {
  host: string;
  port: string;
  security: string;
  user: string;
  fromName: string;
  fromAddress: string;
  forgetPassword: boolean;
}

export type MailSettingsErrors = Partial<Record<keyof MailSettingsValues | "password", string>>;

const securityNames: Record<MailSecurity, string> = {
  starttls: `STARTTLS: plain connection upgraded to TLS (usually port ${defaultPorts.starttls})`,
  tls: `TLS from the start (usually port ${defaultPorts.tls})`,
  none: `None: no encryption (only for a relay on this machine, port ${defaultPorts.none})`,
};

export function MailSettingsPage(props: {
  values: MailSettingsValues;
  errors: MailSettingsErrors;
  hasPassword: boolean;
  configured: boolean;
  outbox: OutboxSummary;
  testTo: string;
  testError?: string | undefined;
  notice?: string | undefined;
  problem?: string | undefined;
  csrf: string;
}) {
  const v = props.values;
  return (
    <section aria-labelledby="mail-title">
      <h1 id="mail-title">Mail</h1>
      <p>
        <a href="/admin/settings">Back to the settings</a>
      </p>
      <Notice text={props.notice} />
      <FormError error={props.problem} />
      <p>
        Comment notices, subscription confirmations and new-review notices are sent through this
        server. Until it is set up, mail waits in the outbox (for up to 7 days).
      </p>
      <p class="mail-outbox" id="mail-outbox">
        {props.configured ? "Mail is set up. " : "Mail is not set up. "}
        Waiting in the outbox: {props.outbox.waiting}. Given up: {props.outbox.failed}.
        {props.outbox.lastError ? ` Latest error: ${props.outbox.lastError}` : ""}
      </p>

      <h2 id="smtp-title">SMTP server</h2>
      <form
        method="post"
        action="/admin/settings/mail"
        class="admin-form"
        aria-labelledby="smtp-title"
      >
        <CsrfField token={props.csrf} />
        <InputField
          id="host"
          label="Server"
          hint="For example smtp.example.com. Leave empty to send no mail."
          error={props.errors.host}
          value={v.host}
          autocomplete="off"
        />
        <SelectField
          id="security"
          label="Security"
          error={props.errors.security}
          value={v.security}
          options={mailSecurities.map((s) => [s, securityNames[s]] as const)}
        />
        <InputField
          id="port"
          label="Port"
          hint="Leave empty for the usual port of the security chosen."
          error={props.errors.port}
          inputmode="numeric"
          value={v.port}
        />
        <InputField
          id="user"
          label="User name"
          hint="Empty if the server needs no sign-in."
          error={props.errors.user}
          value={v.user}
          autocomplete="off"
        />
        <InputField
          id="password"
          label="Password"
          hint={
            props.hasPassword
              ? "A password is stored. Leave this empty to keep it."
              : "No password is stored."
          }
          error={props.errors.password}
          type="password"
          autocomplete="new-password"
          value=""
        />
        {props.hasPassword ? (
          <Checkbox
            id="forgetPassword"
            label="Forget the stored password"
            value="1"
            checked={v.forgetPassword}
          />
        ) : null}
        <InputField
          id="fromName"
          label="From name"
          hint="Shown as the sender, e.g. the site's title."
          error={props.errors.fromName}
          value={v.fromName}
        />
        <InputField
          id="fromAddress"
          label="From address"
          error={props.errors.fromAddress}
          type="email"
          value={v.fromAddress}
        />
        <SubmitRow label="Save mail settings" />
      </form>

      <h2 id="test-title">Send a test message</h2>
      <form
        method="post"
        action="/admin/settings/mail/test"
        class="admin-form"
        aria-labelledby="test-title"
      >
        <CsrfField token={props.csrf} />
        <InputField
          id="testTo"
          name="to"
          label="Send to"
          hint="Sent at once with the saved settings; the result is shown here."
          error={props.testError}
          type="email"
          required
          value={props.testTo}
        />
        <SubmitRow label="Send a test message" plain />
      </form>
    </section>
  );
}
