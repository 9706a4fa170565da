// What admin forms are built from. A field's hint and error are tied to its control with
// aria-describedby, and aria-invalid marks the error, so a screen reader reads them with it.
// A control posts under its id unless `name` says otherwise.
import type { Child, JSX } from "hono/jsx";
import { csrfFieldName } from "../../auth/csrf.ts";

interface FieldProps {
  id: string;
  label: string;
  error?: string | undefined;
  hint?: string | undefined;
}

/** A labelled field with its error next to it; `children` draws the control. */
export function Field(
  props: FieldProps & {
    children: (aria: { id: string; "aria-invalid"?: "true"; "aria-describedby"?: string }) => Child;
  },
) {
  const describedBy = [props.hint ? `${props.id}-hint` : "", props.error ? `${props.id}-error` : ""]
    .filter(Boolean)
    .join(" ");
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      {props.hint ? (
        <p class="hint" id={`${props.id}-hint`}>
          {props.hint}
        </p>
      ) : null}
      {props.children({
        id: props.id,
        ...(props.error ? { "aria-invalid": "true" as const } : {}),
        ...(describedBy ? { "aria-describedby": describedBy } : {}),
      })}
      {props.error ? (
        <p class="field-error" id={`${props.id}-error`}>
          {props.error}
        </p>
      ) : null}
    </div>
  );
}

type Control<E extends keyof JSX.IntrinsicElements> = FieldProps & {
  name?: string;
} & Omit<JSX.IntrinsicElements[E], "id" | "name">;

export function InputField(props: Control<"input">) {
  const { id, label, error, hint, name, ...input } = props;
  return (
    <Field id={id} label={label} error={error} hint={hint}>
      {(aria) => <input {...aria} name={name ?? id} {...input} />}
    </Field>
  );
}

/** A password being chosen: the browser offers to generate one and checks its length first. */
export function NewPasswordField(props: FieldProps & { value?: string }) {
  return (
    <InputField {...props} type="password" autocomplete="new-password" minlength={10} required />
  );
}

export function TextAreaField(props: Control<"textarea"> & { value: string }) {
  const { id, label, error, hint, name, value, ...textarea } = props;
  return (
    <Field id={id} label={label} error={error} hint={hint}>
      {(aria) => (
        <textarea {...aria} name={name ?? id} {...textarea}>
          {value}
        </textarea>
      )}
    </Field>
  );
}

/** `options` are [value, text] pairs; `placeholder` is a first, empty choice. */
export function SelectField(
  props: FieldProps & {
    name?: string;
    value: string;
    options: readonly (readonly [string, string])[];
    placeholder?: string;
  },
) {
  const { id, name, value } = props;
  return (
    <Field id={id} label={props.label} error={props.error} hint={props.hint}>
      {(aria) => (
        <select {...aria} name={name ?? id}>
          {props.placeholder !== undefined ? <option value="">{props.placeholder}</option> : null}
          {props.options.map(([choice, text]) => (
            <option value={choice} selected={choice === value}>
              {text}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** A checkbox with its label beside it; a hint, when given, is read out with it. */
export function Checkbox(props: {
  id: string;
  label: string;
  checked: boolean;
  value?: string;
  hint?: string;
}) {
  const { id, hint } = props;
  const box = (
    <div class="field-inline">
      <input
        id={id}
        name={id}
        type="checkbox"
        {...(props.value !== undefined ? { value: props.value } : {})}
        checked={props.checked}
        {...(hint ? { "aria-describedby": `${id}-hint` } : {})}
      />
      <label for={id}>{props.label}</label>
    </div>
  );
  return hint ? (
    <div class="field">
      {box}
      <p class="hint" id={`${id}-hint`}>
        {hint}
      </p>
    </div>
  ) : (
    box
  );
}

export function CsrfField(props: { token: string }) {
  return <input type="hidden" name={csrfFieldName} value={props.token} />;
}

/**
 * The one button of a confirmation page (removing, deleting), beside a way back. A page of its
 * own rather than a script's dialog, so it works without JavaScript.
 */
export function ConfirmForm(props: {
  action: string;
  button: string;
  cancelHref: string;
  cancelText?: string;
  csrf: string;
  children?: Child;
}) {
  return (
    <form method="post" action={props.action} class="actions">
      <CsrfField token={props.csrf} />
      {props.children}
      <button type="submit" class="primary">
        {props.button}
      </button>
      <a href={props.cancelHref}>{props.cancelText ?? "Cancel"}</a>
    </form>
  );
}

/** A form's submit button, the page's main one unless `plain`, with any links beside it. */
export function SubmitRow(props: { label: string; plain?: boolean; children?: Child }) {
  return (
    <div class="actions">
      <button type="submit" {...(props.plain ? {} : { class: "primary" })}>
        {props.label}
      </button>
      {props.children}
    </div>
  );
}
