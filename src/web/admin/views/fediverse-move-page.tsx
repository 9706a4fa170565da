// The pages of moving the blog's fediverse account: the address form (with what went wrong,
// the address kept), the confirmation that says what a Move does, and the one that asks
// before a move is undone.
import { ConfirmForm, CsrfField, InputField, SubmitRow } from "./form-fields.tsx";
import { FormError } from "./form-messages.tsx";

export function MoveFormPage(props: {
  address: string;
  problem?: string | undefined;
  csrf: string;
}) {
  return (
    <section aria-labelledby="move-title">
      <nav aria-label="Breadcrumb" class="hint">
        <a href="/admin/fediverse">Fediverse</a> › Move
      </nav>
      <h1 id="move-title">Move the blog's account</h1>
      <p>
        Followers on Mastodon and similar servers can be moved to another account. First add this
        blog's address to the new account's aliases; then give the new account here.
      </p>
      <FormError error={props.problem} />
      <form method="post" action="/admin/fediverse/move" class="admin-form">
        <CsrfField token={props.csrf} />
        <InputField
          id="address"
          label="The new account"
          hint="Its handle (@name@server) or address (https://…)."
          size={50}
          value={props.address}
        />
        <SubmitRow label="Check the new account" />
      </form>
    </section>
  );
}

export function MoveConfirmPage(props: { address: string; target: string; csrf: string }) {
  return (
    <section aria-labelledby="move-title">
      <h1 id="move-title">Move the blog's account to {props.target}?</h1>
      <p>
        Every follower's server is told that the blog moved, and follows {props.target} instead. The
        blog's account then shows where it went. This cannot be taken back from here.
      </p>
      <ConfirmForm
        action="/admin/fediverse/move"
        button={`Move to ${props.target}`}
        cancelHref="/admin/fediverse"
        csrf={props.csrf}
      >
        <input type="hidden" name="address" value={props.address} />
        <input type="hidden" name="confirm" value="yes" />
      </ConfirmForm>
    </section>
  );
}

/** Asks before taking a move back, saying what it cannot undo. */
export function UndoMoveConfirmPage(props: { movedTo: string; csrf: string }) {
  if (!props.movedTo) {
    return (
      <section aria-labelledby="undo-move-title">
        <h1 id="undo-move-title">Nothing to undo</h1>
        <p>
          The blog's account has not moved.{" "}
          <a href="/admin/fediverse">Back to the fediverse page</a>
        </p>
      </section>
    );
  }
  return (
    <section aria-labelledby="undo-move-title">
      <nav aria-label="Breadcrumb" class="hint">
        <a href="/admin/fediverse">Fediverse</a> › Undo the move
      </nav>
      <h1 id="undo-move-title">Undo the move to {props.movedTo}?</h1>
      <p>
        The blog's account stops pointing at {props.movedTo}, and the servers of its remaining
        followers are told so. Followers whose servers already followed the new account stay there:
        they would have to follow the blog again.
      </p>
      <ConfirmForm
        action="/admin/fediverse/move/undo"
        button="Undo the move"
        cancelHref="/admin/fediverse"
        csrf={props.csrf}
      >
        <input type="hidden" name="confirm" value="yes" />
      </ConfirmForm>
    </section>
  );
}
