// The moderation screens' input, parsed with zod at the edge: the queue's query string (a
// bad value falls back to its default, as a link may be old or hand-typed), the edit form
// and the reply form (a problem becomes a message next to its field, input kept).
import { z } from "zod";
import type { Comment, CommentStatus } from "../../db/schema.ts";
import type { CommentEdit, StatusFilter } from "../../domain/comment-moderation.ts";
import type { CommentEditErrors, CommentEditValues } from "./views/comment-forms.tsx";
import { field, type FormBody } from "./admin-page.ts";
import { fieldErrors } from "./form-errors.ts";
import { webAddress } from "../public/comment-form-input.ts";

const statuses = ["pending", "approved", "spam", "trash"] as const satisfies CommentStatus[];

const queueQuery = z.object({
  status: z.enum(["all", ...statuses]).catch("all"),
  review: z.coerce.number().int().positive().optional().catch(undefined),
  s: z
    .string()
    .max(200)
    .catch("")
    .transform((s) => s.trim()),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});

interface QueueQuery {
  status: StatusFilter;
  reviewId: number | undefined;
  search: string;
  page: number;
}

export function parseQueueQuery(query: Record<string, string>): QueueQuery {
  const q = queueQuery.parse({
    status: query.status ?? "all",
    review: query.review || undefined,
    s: query.s ?? "",
    page: query.page ?? 1,
  });
  return { status: q.status, reviewId: q.review, search: q.s, page: q.page };
}

/** The queue page to go back to after an action: only ever a page of the queue itself. */
export function safeBack(back: string): string {
  return /^\/admin\/comments(\?[^#\s]*)?$/.test(back) ? back : "/admin/comments";
}

/** "#row-N" for a valid anchor field of a row action, so the queue returns to its place. */
export function rowAnchor(anchor: string): string {
  return /^row-\d{1,12}$/.test(anchor) ? `#${anchor}` : "";
}

/** `back` with a notice of what was done, shown once the page loads. */
export function withNotice(back: string, done: string, count?: number): string {
  const url = new URL(safeBack(back), "http://cinelog.invalid");
  url.searchParams.set("done", done);
  if (count !== undefined) url.searchParams.set("n", String(count));
  else url.searchParams.delete("n");
  return `${url.pathname}${url.search}`;
}

const commentBody = z
  .string()
  .refine((v) => v.trim().length > 0, "The comment cannot be empty.")
  .refine((v) => v.length <= 20_000, "Keep the comment under 20,000 characters.");

const editSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, "Give a name; it is shown with the comment.")
    .max(100, "Keep the name under 100 characters."),
  email: z
    .string()
    .trim()
    .min(1, "Give an email address.")
    .max(254, "That email address is too long.")
    .pipe(z.email("That doesn’t look like an email address.")),
  url: z.union([z.literal(""), webAddress]),
  body: commentBody,
  status: z.enum(statuses, "Choose a status."),
});

/** A comment as stored, in the edit form. */
export function editValuesOf(comment: Comment): CommentEditValues {
  return {
    name: comment.author_name,
    email: comment.author_email,
    url: comment.author_url ?? "",
    body: comment.body_md,
    status: comment.status,
  };
}

/** The comment ids a bulk action was sent with: whole numbers only, anything else dropped. */
export function selectedIds(raw: FormBody[string] | undefined): number[] {
  return (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw])
    .map((v) => (typeof v === "string" && /^\d{1,12}$/.test(v) ? Number(v) : NaN))
    .filter((n) => Number.isSafeInteger(n));
}

export function editValuesFromForm(body: FormBody): CommentEditValues {
  return {
    name: field(body, "name"),
    email: field(body, "email"),
    url: field(body, "url").trim(),
    // Browsers send a textarea's line ends as CRLF.
    body: field(body, "body").replace(/\r\n/g, "\n"),
    status: field(body, "status"),
  };
}

export function validateEdit(
  values: CommentEditValues,
): { ok: true; edit: CommentEdit } | { ok: false; errors: CommentEditErrors } {
  const parsed = editSchema.safeParse(values);
  return parsed.success
    ? { ok: true, edit: parsed.data }
    : { ok: false, errors: fieldErrors(parsed.error) };
}

export function validateReply(body: string): { ok: true } | { ok: false; error: string } {
  const parsed = commentBody.safeParse(body);
  return parsed.success
    ? { ok: true }
    : { ok: false, error: parsed.error.issues[0]?.message ?? "Check the reply." };
}
