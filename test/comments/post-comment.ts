// Posting the comment form over HTTP as a browser would, with a token old enough to pass the
// minimum fill time unless a test says otherwise.
import type { Db } from "../../src/db/connect.ts";
import { issueFormToken } from "../../src/domain/comment-tokens.ts";
import type { appFor } from "../support/app.ts";

export interface CommentPost {
  comment?: string;
  name?: string;
  email?: string;
  url?: string;
  save?: boolean;
  notify_replies?: boolean;
  notify_posts?: boolean;
  parent_id?: number | string;
  fax?: string;
  token?: string;
}

/** A token issued `ageMs` ago (a reader who took a minute to write, by default). */
export function tokenFor(db: Db, reviewId: number, ageMs = 60_000): Promise<string> {
  return issueFormToken(db, reviewId, Date.now() - ageMs);
}

export async function postComment(
  app: ReturnType<typeof appFor>,
  db: Db,
  review: { id: number; slug: string },
  fields: CommentPost,
  headers: Record<string, string> = {},
): Promise<Response> {
  const body = new URLSearchParams({
    comment: fields.comment ?? "A fine review.",
    name: fields.name ?? "Reader",
    email: fields.email ?? "reader@example.com",
    url: fields.url ?? "",
    fax: fields.fax ?? "",
    parent_id: fields.parent_id === undefined ? "" : String(fields.parent_id),
    token: fields.token ?? (await tokenFor(db, review.id)),
  });
  if (fields.save) body.set("save", "1");
  if (fields.notify_replies) body.set("notify_replies", "1");
  if (fields.notify_posts) body.set("notify_posts", "1");
  return app.request(`/review/${review.slug}/comments`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
    body,
  });
}

/** The id in a 303's Location (`/review/slug?comment=ID.SIG#comment-ID`). */
export function commentIdFrom(response: Response): number {
  const location = response.headers.get("location") ?? "";
  const match = /#comment-(\d+)$/.exec(location);
  if (!match) throw new Error(`no comment in ${response.status} ${location}`);
  return Number(match[1]);
}

/**
 * What a browser shows in a textarea. linkedom leaves character references in a textarea's
 * text undecoded (browsers decode them), so they are decoded here.
 */
export function textareaValue(element: { textContent: string | null } | null): string {
  // The JSX renderer escapes exactly these five characters.
  return (element?.textContent ?? "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&");
}
