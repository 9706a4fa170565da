// The pages a mail's links open: confirming a subscription, and leaving a list. Each asks
// for a button press (a POST): mail scanners open links, and must not confirm or leave
// anything on a reader's behalf.
import type { Scope, SubscriptionItem } from "../../domain/subscriptions.ts";

interface ListInfo {
  scope: Scope;
  filmLabel?: string | undefined;
  reviewSlug?: string | undefined;
}

function ListName(props: { list: ListInfo; siteTitle: string }) {
  const { list } = props;
  if (list.scope === "posts") return <>new reviews on {props.siteTitle}</>;
  if (list.scope === "author") return <>notices of comments on your reviews</>;
  return (
    <>
      new comments on the review of{" "}
      {list.reviewSlug ? (
        <a href={`/review/${list.reviewSlug}`}>{list.filmLabel ?? "a film"}</a>
      ) : (
        (list.filmLabel ?? "a review that is no longer here")
      )}
    </>
  );
}

/** `r•••@example.com`: enough to recognise one's own address, not to read a stranger's. */
function maskedAddress(email: string): string {
  const at = email.lastIndexOf("@");
  if (at < 1) return "•••";
  return `${email[0]}•••${email.slice(at)}`;
}

export function ConfirmPage(props: {
  email: string;
  pending: SubscriptionItem[];
  confirmed: SubscriptionItem[];
  siteTitle: string;
  action: string;
}) {
  return (
    <section aria-labelledby="confirm-title" class="subscription-page">
      <h1 id="confirm-title">Confirm your e-mail subscription</h1>
      {props.pending.length === 0 ? (
        <p>
          Nothing is waiting to be confirmed for {maskedAddress(props.email)}.
          {props.confirmed.length > 0 ? " Your subscriptions are already confirmed." : ""}
        </p>
      ) : (
        <form method="post" action={props.action} class="comment-form">
          <fieldset>
            <legend>Send e-mail to {maskedAddress(props.email)} about:</legend>
            {props.pending.map((item) => (
              <p class="check">
                <input
                  id={`subscription-${item.id}`}
                  name="id"
                  type="checkbox"
                  value={String(item.id)}
                  checked
                />
                <label for={`subscription-${item.id}`}>
                  <ListName list={item} siteTitle={props.siteTitle} />
                </label>
              </p>
            ))}
          </fieldset>
          <p>Every e-mail will have a link to stop them again.</p>
          <p class="form-submit">
            <button type="submit">Confirm</button>
          </p>
        </form>
      )}
    </section>
  );
}

export function ConfirmedPage(props: { count: number; siteTitle: string }) {
  return (
    <section aria-labelledby="confirmed-title" class="subscription-page">
      <h1 id="confirmed-title">
        {props.count > 0 ? "Subscription confirmed" : "Nothing was confirmed"}
      </h1>
      <p>
        {props.count > 0
          ? `Thank you. ${props.siteTitle} will e-mail you as you asked; every e-mail has a link to stop them.`
          : "No subscription was chosen, or they were confirmed already."}
      </p>
      <p>
        <a href="/">Go to the latest reviews</a>
      </p>
    </section>
  );
}

export function UnsubscribePage(props: {
  email: string;
  list: ListInfo;
  siteTitle: string;
  action: string;
  done: boolean;
}) {
  return (
    <section aria-labelledby="unsubscribe-title" class="subscription-page">
      <h1 id="unsubscribe-title">{props.done ? "Unsubscribed" : "Stop these e-mails?"}</h1>
      {props.done ? (
        <p>
          {maskedAddress(props.email)} will get no more e-mails about{" "}
          <ListName list={props.list} siteTitle={props.siteTitle} />.
        </p>
      ) : (
        <form method="post" action={props.action} class="comment-form">
          <p>
            Stop e-mailing {maskedAddress(props.email)} about{" "}
            <ListName list={props.list} siteTitle={props.siteTitle} />?
          </p>
          <input type="hidden" name="List-Unsubscribe" value="One-Click" />
          <p class="form-submit">
            <button type="submit">Unsubscribe</button>
          </p>
        </form>
      )}
    </section>
  );
}

export function BadLinkPage() {
  return (
    <section aria-labelledby="bad-link-title" class="subscription-page">
      <h1 id="bad-link-title">This link does not work</h1>
      <p>
        It may be incomplete (some mail programs cut long links) or, for a confirmation, more than 7
        days old. Leave a new comment with the box ticked to get a fresh one.
      </p>
    </section>
  );
}
