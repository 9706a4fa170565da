// Signed values for the comment form. The review page comes from a shared cache, so the form
// token cannot be per visitor: it signs the review (or post) and the time the page was made
// instead. A bare number is a review's id.
import type { Db } from "../db/connect.ts";
import { subjectKey, reviewSubject, type CommentSubject } from "./comment-subjects.ts";
import { sign, verifySignature } from "./secrets.ts";

const keyOf = (subject: number | CommentSubject) =>
  subjectKey(typeof subject === "number" ? reviewSubject(subject) : subject);

export const formTokenLifetimeMs = 48 * 60 * 60 * 1000;

export async function issueFormToken(
  db: Db,
  subject: number | CommentSubject,
  issuedAt = Date.now(),
): Promise<string> {
  return `${issuedAt}.${await sign(db, `comment:${keyOf(subject)}:${issuedAt}`)}`;
}

export type FormTokenCheck = { ok: true; issuedAt: number } | { ok: false };

export async function checkFormToken(
  db: Db,
  subject: number | CommentSubject,
  token: string,
  now = Date.now(),
): Promise<FormTokenCheck> {
  const match = /^(\d{1,15})\.([\w-]{43})$/.exec(token);
  if (!match) return { ok: false };
  const issuedAt = Number(match[1]);
  // A little slack into the future: instances' clocks may differ by a moment.
  if (issuedAt > now + 60_000 || now - issuedAt > formTokenLifetimeMs) return { ok: false };
  const valid = await verifySignature(db, `comment:${keyOf(subject)}:${issuedAt}`, match[2]!);
  return valid ? { ok: true, issuedAt } : { ok: false };
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
