// The sign-in part of the comment form (issue 6): the provider buttons above the guest
// fields, or, once signed in, who the reader is commenting as with "Log Out / Change". The
// buttons are submit buttons of the comment form itself (formaction), so what was typed goes
// with them and is kept server-side while the reader is at the provider: no script needed.

export interface SignInOffer {
  providers: { key: string; label: string }[];
  signedIn?:
    | {
        name: string;
        /** A path on this site or a data: URI: never another host. */
        avatarUrl: string;
        providerLabel: string;
        /** Without an address from the account, there is nothing to send notices to. */
        hasEmail: boolean;
      }
    | undefined;
  /** "Change" was chosen: the buttons and guest fields again, the account kept meanwhile. */
  choosing?: boolean | undefined;
}

/**
 * The form's first submit button, out of sight: pressing Enter in a field submits through the
 * first submit button of a form, which would otherwise be the first provider's.
 */
export function DefaultSubmit() {
  return (
    <button type="submit" class="default-submit" tabindex={-1} aria-hidden="true">
      Post Comment
    </button>
  );
}

export function SignedInAs(props: { signedIn: NonNullable<SignInOffer["signedIn"]> }) {
  const { signedIn } = props;
  return (
    <div class="commenter-identity" id="commenter-identity">
      <img class="commenter-avatar" src={signedIn.avatarUrl} alt="" width={48} height={48} />
      <p>
        <strong class="commenter-name">{signedIn.name}</strong>
        <br />
        You are commenting using your {signedIn.providerLabel} account.{" "}
        <span class="commenter-actions">
          <button
            type="submit"
            class="link-button"
            formaction="/auth/commenter/logout"
            formnovalidate
          >
            Log Out
          </button>{" "}
          /{" "}
          <button
            type="submit"
            class="link-button"
            formaction="/auth/commenter/change"
            formnovalidate
          >
            Change
          </button>
        </span>
      </p>
    </div>
  );
}

export function ProviderButtons(props: { offer: SignInOffer }) {
  const { providers, signedIn, choosing } = props.offer;
  return (
    <fieldset class="comment-sign-in">
      <legend>Fill in your details below or click an icon to log in:</legend>
      {choosing && signedIn ? (
        <p class="commenter-choosing">
          Signed in as {signedIn.name} with {signedIn.providerLabel}. Pick another account, or fill
          in your details to comment as a guest.
        </p>
      ) : null}
      {providers.length > 0 ? (
        <ul class="sign-in-providers">
          {providers.map((p) => (
            <li>
              <button
                type="submit"
                class="sign-in-provider"
                formaction={`/auth/${p.key}/start`}
                formnovalidate
              >
                <span class="sign-in-icon" aria-hidden="true" />
                {/* Heard, not seen: the button reads "Log in with GitHub", and shows "GitHub". */}
                <span class="visually-hidden">Log in with </span>
                {p.label}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </fieldset>
  );
}
