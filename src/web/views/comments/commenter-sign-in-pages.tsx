// The two small pages of commenter sign-in: the one that sends the reader on to the provider
// (it moves on by itself; the link is for when it does not), and the one for a sign-in that
// failed with no comment form to go back to.

export function LeavingForProvider(props: { label: string; url: string }) {
  return (
    <section aria-labelledby="leaving-title" class="sign-in-leaving">
      <h1 id="leaving-title">Logging in with {props.label}</h1>
      <p>Your comment is kept here while you log in.</p>
      <p>
        <a href={props.url}>Continue to {props.label}</a>
      </p>
    </section>
  );
}

export function SignInProblemPage(props: { message: string }) {
  return (
    <section aria-labelledby="sign-in-problem-title">
      <h1 id="sign-in-problem-title">Not logged in</h1>
      <p role="alert">{props.message}</p>
      <p>
        <a href="/">Go to the latest reviews</a>
      </p>
    </section>
  );
}
