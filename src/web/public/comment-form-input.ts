// The comment form's fields, parsed with zod at the edge. A problem becomes a message next
// to its field; what was typed is always kept, valid or not.
import { z } from "zod";
import { isFullWebAddress, normaliseWebsite, websiteMaxLength } from "../../content/website.ts";
import { parseId } from "./params.ts";

export type CommentField = "comment" | "name" | "email" | "url";

export interface CommentFormValues {
  comment: string;
  name: string;
  email: string;
  url: string;
  save: boolean;
  notifyReplies: boolean;
  notifyPosts: boolean;
}

export const emptyCommentForm: CommentFormValues = {
  comment: "",
  name: "",
  email: "",
  url: "",
  save: false,
  notifyReplies: false,
  notifyPosts: false,
};

const tooLong = `Keep the address under ${websiteMaxLength} characters.`;

/** A commenter's website: empty, or a full http(s) address. Shared with the admin editor. */
export const webAddress = z
  .string()
  .max(websiteMaxLength, tooLong)
  .refine(
    isFullWebAddress,
    "Give a full web address starting with http:// or https://, or leave it empty.",
  );

/** The reader's website, as typed on the public form: a bare host reads as https://host. */
const readerWebsite = z
  .string()
  .refine(
    (v) => normaliseWebsite(v) !== undefined,
    "That doesn’t look like a web address. Type it as example.com or https://example.com, or leave it empty.",
  )
  .refine((v) => (normaliseWebsite(v) ?? "").length <= websiteMaxLength, tooLong);

const commentSchema = z.object({
  comment: z
    .string()
    .refine((v) => v.trim().length > 0, "Write a comment before sending.")
    .refine((v) => v.length <= 20_000, "Keep the comment under 20,000 characters."),
  name: z
    .string()
    .min(1, "Give a name; it is shown with your comment.")
    .max(100, "Keep the name under 100 characters."),
  email: z
    .string()
    .min(1, "Give an email address; it is never shown.")
    .max(254, "That email address is too long.")
    .pipe(z.email("That doesn’t look like an email address.")),
  url: readerWebsite,
});

interface ParsedCommentForm {
  values: CommentFormValues;
  token: string;
  parentId: number | undefined;
  honeypot: string;
  errors: Partial<Record<CommentField, string>>;
}

// Text fields arrive with the browser's line endings; names and addresses lose edge spaces.
const text = (v: unknown) => (typeof v === "string" ? v.replace(/\r\n?/g, "\n") : "");

export function parseCommentForm(body: Record<string, unknown>): ParsedCommentForm {
  const values: CommentFormValues = {
    comment: text(body.comment),
    // A name is one line: line breaks typed or pasted into it become spaces.
    name: text(body.name)
      .replace(/\s*\n\s*/g, " ")
      .trim(),
    email: text(body.email).trim(),
    url: text(body.url).trim(),
    save: body.save === "1",
    notifyReplies: body.notify_replies === "1",
    notifyPosts: body.notify_posts === "1",
  };
  const parsed = commentSchema.safeParse(values);
  const errors: Partial<Record<CommentField, string>> = {};
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] as CommentField;
      errors[field] ??= issue.message;
    }
  }
  // What will be stored, so the form shows it back too when another field needs fixing.
  if (!errors.url) values.url = normaliseWebsite(values.url) ?? values.url;
  const parentId = parseId(text(body.parent_id));
  return {
    values,
    token: text(body.token),
    parentId,
    honeypot: text(body.fax),
    errors,
  };
}

/** The name, address and website a signed-in reader's comment is posted with. */
export interface CommentAuthor {
  name: string;
  email: string;
  url: string;
}

/**
 * A signed-in reader's comment: only the comment itself is theirs to type here; the name,
 * email and website come from the account they signed in with.
 */
export function parseSignedInCommentForm(
  body: Record<string, unknown>,
  author: CommentAuthor,
): ParsedCommentForm {
  const parsed = parseCommentForm(body);
  return {
    ...parsed,
    values: { ...parsed.values, ...author, save: false },
    errors: parsed.errors.comment ? { comment: parsed.errors.comment } : {},
  };
}

/** A profile address is shown as the commenter's website only if it is a plain web address. */
export function usableWebsite(url: string): string {
  return webAddress.safeParse(url).success ? url : "";
}
