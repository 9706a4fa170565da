// Signed values for the comment form. The minimum fill time must be measured from when this
// reader opened the form, but a review page comes from a shared cache, so the token in its HTML
// was minted when the page was rendered, perhaps hours before anyone read it. Three kinds:
//   reader   `ISSUED.SIG`          minted for this reader: by GET …/comments/token (the form's
//                                  script asks on first focus) or in a form shown back after a
//                                  refusal (a POST's answer, never cached). Its age is the fill time.
//   confirm  `confirm.ISSUED.SIG`  the one-click "confirm your comment" form (no JavaScript): a
//                                  reader token with a shorter minimum, since the text is written.
//   page     `page.RENDERED.SIG`   in the cached page. Its age only bounds the fill time from
//                                  above, so it can prove "too fast" but never "slow enough".
// A bare number is a review's id.
import type { Db } from "../db/connect.ts";
import { subjectKey, reviewSubject, type CommentSubject } from "./comment-subjects.ts";
import { sign, verifySignature } from "./secrets.ts";

const keyOf = (subject: number | CommentSubject) =>
  subjectKey(typeof subject === "number" ? reviewSubject(subject) : subject);

const formTokenLifetimeMs = 48 * 60 * 60 * 1000;

type FormTokenKind = "reader" | "confirm" | "page";

const prefixOf: Record<FormTokenKind, string> = { reader: "", confirm: "confirm.", page: "page." };
const purposeOf: Record<FormTokenKind, string> = {
  reader: "comment",
  confirm: "comment-confirm",
  page: "comment-page",
};

async function issue(
  db: Db,
  kind: FormTokenKind,
  subject: number | CommentSubject,
  issuedAt: number,
): Promise<string> {
  const signature = await sign(db, `${purposeOf[kind]}:${keyOf(subject)}:${issuedAt}`);
  return `${prefixOf[kind]}${issuedAt}.${signature}`;
}

/** A token minted for this reader now (or `issuedAt`): its age is how long they took. */
export function issueFormToken(
  db: Db,
  subject: number | CommentSubject,
  issuedAt = Date.now(),
): Promise<string> {
  return issue(db, "reader", subject, issuedAt);
}

/** The token a page carries when it may be cached and served to many readers. */
export function issuePageToken(
  db: Db,
  subject: number | CommentSubject,
  renderedAt = Date.now(),
): Promise<string> {
  return issue(db, "page", subject, renderedAt);
}

/** The token of the "confirm your comment" form. */
export function issueConfirmToken(
  db: Db,
  subject: number | CommentSubject,
  issuedAt = Date.now(),
): Promise<string> {
  return issue(db, "confirm", subject, issuedAt);
}

type FormTokenCheck = { ok: true; kind: FormTokenKind; issuedAt: number } | { ok: false };

export async function checkFormToken(
  db: Db,
  subject: number | CommentSubject,
  token: string,
  now = Date.now(),
): Promise<FormTokenCheck> {
  const match = /^(page\.|confirm\.)?(\d{1,15})\.([\w-]{43})$/.exec(token);
  if (!match) return { ok: false };
  const kind: FormTokenKind =
    match[1] === "page." ? "page" : match[1] === "confirm." ? "confirm" : "reader";
  const issuedAt = Number(match[2]);
  // A little slack into the future: instances' clocks may differ by a moment.
  if (issuedAt > now + 60_000 || now - issuedAt > formTokenLifetimeMs) return { ok: false };
  const valid = await verifySignature(
    db,
    `${purposeOf[kind]}:${keyOf(subject)}:${issuedAt}`,
    match[3]!,
  );
  return valid ? { ok: true, kind, issuedAt } : { ok: false };
}

/** `ID.SIG`: the link that shows a commenter their own comment while it waits. */
export async function commentViewKey(db: Db, commentId: number): Promise<string> {
  return `${commentId}.${await sign(db, `comment-view:${commentId}`)}`;
}

export async function readCommentViewKey(db: Db, key: string): Promise<number | undefined> {
  const match = /^(\d{1,12})\.([\w-]{43})$/.exec(key);
  if (!match) return undefined;
  const id = Number(match[1]);
  return (await verifySignature(db, `comment-view:${id}`, match[2]!)) ? id : undefined;
}

export interface Commenter {
  name: string;
  email: string;
  url: string;
}

/** The "save my name…" cookie's value: the details, readable, and signed against editing. */
export async function commenterCookieValue(db: Db, who: Commenter): Promise<string> {
  const data = Buffer.from(JSON.stringify([who.name, who.email, who.url])).toString("base64url");
  return `${data}.${await sign(db, `commenter:${data}`)}`;
}

export async function readCommenterCookie(db: Db, value: string): Promise<Commenter | undefined> {
  const match = /^([\w-]{1,2000})\.([\w-]{43})$/.exec(value);
  if (!match || !(await verifySignature(db, `commenter:${match[1]}`, match[2]!))) return undefined;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(match[1]!, "base64url").toString());
    if (!Array.isArray(parsed) || !parsed.every((v) => typeof v === "string")) return undefined;
    const [name = "", email = "", url = ""] = parsed;
    return { name, email, url };
  } catch {
    return undefined;
  }
}
