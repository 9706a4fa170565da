// The words of each mail, in plain text and HTML, written when the mail is sent from what
// its outbox row holds. The HTML is built with the JSX renderer, so every name, title and
// comment in it is escaped; subjects pass through headerText (no line breaks, no injected
// headers). Every mail but a confirmation can be left with one click (RFC 8058).
import { jsx } from "hono/jsx";
import type { Db } from "../db/connect.ts";
import type { MailKind } from "../db/schema.ts";
import { payloadSchemas, type OutboxRow, type Payload } from "../domain/mail-outbox.ts";
import { confirmationToken, parseScope, unsubscribeToken } from "../domain/subscriptions.ts";
import { headerText, type OutgoingMail } from "./transport.ts";

interface MailSite {
  /** Absolute, without a trailing slash. */
  url: string;
  title: string;
}

interface Draft {
  subject: string;
  /** Paragraphs of the text part; the HTML part shows the same. */
  paragraphs: Paragraph[];
}

type Paragraph = { text: string } | { quote: string } | { link: string; label: string };

/** Renders an outbox row; throws if its payload is not what its kind needs. */
export async function renderMail(db: Db, row: OutboxRow, site: MailSite): Promise<OutgoingMail> {
  // The column holds whatever was written; a kind this code does not know is not rendered.
  if (!Object.hasOwn(payloadSchemas, row.kind)) throw new Error(`Unknown mail: ${row.kind}`);
  const kind: MailKind = row.kind;
  const payload: unknown = payloadSchemas[kind].parse(JSON.parse(row.payload));
  const draft =
    kind === "confirmation"
      ? confirmation(site, await confirmationToken(db, row.to_address))
      : kind === "author-notice"
        ? authorNotice(site, payload as Payload<"author-notice">)
        : kind === "reply-notice"
          ? replyNotice(site, payload as Payload<"reply-notice">)
          : kind === "sign-in-link"
            ? signInLink(site, payload as Payload<"sign-in-link">)
            : kind === "password-reset"
              ? passwordReset(site, payload as Payload<"password-reset">)
              : postNotice(site, payload as Payload<"post-notice">);

  const headers: Record<string, string> = {};
  const scope = row.list_scope ? parseScope(row.list_scope) : undefined;
  if (scope) {
    const url = `${site.url}/unsubscribe/${await unsubscribeToken(db, row.to_address, scope)}`;
    headers["List-Unsubscribe"] = `<${url}>`;
    headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click";
    draft.paragraphs.push({ link: url, label: "Stop these e-mails (one click, no sign-in)" });
  }
  if (kind !== "confirmation") headers["Auto-Submitted"] = "auto-generated";
  return {
    to: row.to_address,
    subject: headerText(draft.subject, 250),
    text: textOf(draft.paragraphs),
    html: await htmlOf(draft, site),
    headers,
  };
}

function confirmation(site: MailSite, token: string): Draft {
  return {
    subject: `Confirm your e-mail subscription to ${site.title}`,
    // Nothing a commenter typed appears here: the form must not carry anyone's message.
    paragraphs: [
      {
        text: `Someone (we hope you) asked to be e-mailed by ${site.title} about new comments or new reviews, using this address.`,
      },
      {
        text: "Nothing will be sent until you confirm. Open the link below and press the Confirm button:",
      },
      { link: `${site.url}/subscriptions/confirm/${token}`, label: "Confirm my subscription" },
      {
        text: "If it was not you, ignore this message: nothing is sent to an address that has not confirmed. The link stops working in 7 days.",
      },
    ],
  };
}

function signInLink(site: MailSite, p: Payload<"sign-in-link">): Draft {
  return {
    subject: `Your sign-in link for ${site.title}`,
    paragraphs: [
      {
        text: `Someone (we hope you) asked for a link to sign in to ${site.title} with this address.`,
      },
      { link: `${site.url}/admin/sign-in/link/${p.token}`, label: "Sign me in" },
      {
        text: `The link works once, until ${p.expiresAt.slice(11, 16)} UTC (15 minutes after it was asked for). If you did not ask for it, ignore this mail: nobody can use it without reading it here.`,
      },
    ],
  };
}

function passwordReset(site: MailSite, p: Payload<"password-reset">): Draft {
  return {
    subject: `Choose a new password for ${site.title}`,
    paragraphs: [
      {
        text: `Someone (we hope you) said they forgot the password of the ${site.title} account with this address.`,
      },
      { link: `${site.url}/admin/sign-in/reset/${p.token}`, label: "Choose a new password" },
      {
        text: `The link works once, until ${p.expiresAt.slice(11, 16)} UTC (15 minutes after it was asked for). Choosing a new password signs the account out everywhere else. If you did not ask, ignore this mail: your password stays as it is.`,
      },
    ],
  };
}

/** "your review of Leaving Las Vegas (1995)", or "your post “A note”". */
function yourSubject(p: Payload<"author-notice">): string {
  const kind = p.subjectKind ?? "review";
  return kind === "review" ? `your review of ${p.filmLabel}` : `your ${kind} “${p.filmLabel}”`;
}

function authorNotice(site: MailSite, p: Payload<"author-notice">): Draft {
  // The permalink lands on the comment page that holds the comment.
  const shown = `${site.url}/comment/${p.commentId}`;
  return {
    subject: p.held
      ? `[${site.title}] A comment on “${p.filmLabel}” is waiting for moderation`
      : `[${site.title}] New comment on “${p.filmLabel}”`,
    paragraphs: [
      {
        text: p.held
          ? `${p.commenterName} commented on ${yourSubject(p)}. The comment is held for moderation and is not shown until someone approves it.`
          : `${p.commenterName} commented on ${yourSubject(p)}. The comment is published.`,
      },
      { quote: p.body },
      p.held
        ? { link: `${site.url}/admin/comments?status=pending`, label: "Open the moderation queue" }
        : { link: shown, label: "Read it on the page" },
      { link: `${site.url}/admin/comments/${p.commentId}/edit`, label: "Edit or moderate it" },
    ],
  };
}

function replyNotice(site: MailSite, p: Payload<"reply-notice">): Draft {
  return {
    subject: `[${site.title}] New comment on “${p.filmLabel}”`,
    paragraphs: [
      { text: `${p.commenterName} added a comment to the review of ${p.filmLabel}:` },
      { quote: p.body },
      {
        // The permalink lands on the comment page that holds the comment.
        link: `${site.url}/comment/${p.commentId}`,
        label: "Read the conversation and reply",
      },
      { text: "You get this because you asked to hear of new comments on this review." },
    ],
  };
}

function postNotice(site: MailSite, p: Payload<"post-notice">): Draft {
  return {
    subject: `[${site.title}] New review: ${p.filmLabel}`,
    paragraphs: [
      { text: `${p.authorName} has published a review of ${p.filmLabel}.` },
      ...(p.excerpt ? [{ quote: p.excerpt }] : []),
      { link: `${site.url}/review/${p.reviewSlug}`, label: "Read the review" },
      { text: `You get this because you asked to hear of new reviews on ${site.title}.` },
    ],
  };
}

function textOf(paragraphs: Paragraph[]): string {
  return (
    paragraphs
      .map((p) =>
        "text" in p
          ? p.text
          : "quote" in p
            ? p.quote
                .split("\n")
                .map((line) => `> ${line}`)
                .join("\n")
            : `${p.label}:\n${p.link}`,
      )
      .join("\n\n") + "\n"
  );
}

async function htmlOf(draft: Draft, site: MailSite): Promise<string> {
  const page = jsx(MailHtml, { draft, site });
  return "<!doctype html>" + (await page.toString());
}

function MailHtml({ draft, site }: { draft: Draft; site: MailSite }) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{draft.subject}</title>
      </head>
      <body style="font-family: Georgia, serif; line-height: 1.5; max-width: 36em; margin: 1em auto; padding: 0 1em;">
        <p style="font-size: 0.9em; color: #555;">{site.title}</p>
        {draft.paragraphs.map((p) =>
          "text" in p ? (
            <p>{p.text}</p>
          ) : "quote" in p ? (
            <blockquote style="margin: 1em 0; padding: 0.5em 1em; border-left: 3px solid #999; white-space: pre-wrap;">
              {p.quote}
            </blockquote>
          ) : (
            <p>
              <a href={p.link}>{p.label}</a>
            </p>
          ),
        )}
      </body>
    </html>
  );
}
