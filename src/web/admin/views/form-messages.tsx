// The messages above an admin form. A notice is a status (read out when convenient); an error
// is an alert (read out at once), since the person has to act on it before anything is saved.

export function Notice(props: { text?: string | undefined }) {
  return props.text ? (
    <p class="form-notice" role="status">
      {props.text}
    </p>
  ) : null;
}

export function FormError(props: { error?: string | undefined }) {
  return props.error ? (
    <p class="form-error" role="alert">
      {props.error}
    </p>
  ) : null;
}

/** Points to the messages beside the fields, and reassures that the typing is still there. */
export function FieldErrorCount(props: { errors: Partial<Record<string, string>> }) {
  const count = Object.keys(props.errors).length;
  return count ? (
    <p class="form-error" role="alert">
      {count === 1 ? "One field needs" : `${count} fields need`} attention; nothing you typed was
      lost.
    </p>
  ) : null;
}
