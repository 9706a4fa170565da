// The post and page editor's form: what was typed (kept as typed, to show again on an error)
// and its validation with zod.
import { z } from "zod";
import type { Post, PostKind, ReviewStatus, Tag } from "../../db/schema.ts";
import { field, type FormBody } from "./admin-page.ts";
import { fieldErrors } from "./form-errors.ts";
import { parseUtcLocal, splitList } from "./review-form.ts";

export interface PostValues {
  kind: string;
  title: string;
  slug: string;
  body: string;
  tags: string;
  status: string;
  /** datetime-local, read as UTC (the site's time zone), as in the review editor. */
  publishAt: string;
}

export type PostErrors = Partial<Record<keyof PostValues, string>>;

export function emptyPostValues(kind: PostKind): PostValues {
  return { kind, title: "", slug: "", body: "", tags: "", status: "draft", publishAt: "" };
}

export function postValuesFromForm(body: FormBody): PostValues {
  return {
    kind: field(body, "kind"),
    title: field(body, "title"),
    slug: field(body, "slug"),
    // Browsers send CRLF line ends from a textarea; store what the editor sees.
    body: field(body, "body").replace(/\r\n/g, "\n"),
    tags: field(body, "tags"),
    status: field(body, "status"),
    publishAt: field(body, "publishAt"),
  };
}

export function postValuesFromPost(post: Post, tags: Tag[]): PostValues {
  return {
    kind: post.kind,
    title: post.title,
    slug: post.slug,
    body: post.body_md,
    tags: tags.map((t) => t.name).join(", "),
    status: post.status,
    publishAt: post.status === "draft" ? "" : (post.published_at?.slice(0, 16) ?? ""),
  };
}

const trimmed = z.string().transform((s) => s.trim());

function postSchema(now: Date) {
  return z
    .object({
      kind: z.enum(["post", "page"], "Choose a post or a page."),
      title: trimmed.pipe(
        z.string().min(1, "Give it a title.").max(300, "Keep the title under 300 characters."),
      ),
      slug: trimmed
        .transform((s) => s.toLowerCase())
        .pipe(
          z
            .string()
            .max(80, "Keep the address under 80 characters.")
            .regex(
              /^([a-z0-9]+(-[a-z0-9]+)*)?$/,
              "Use only letters, digits and single hyphens, for example about-this-site.",
            ),
        ),
      body: z.string().max(200_000, "Keep the text under 200,000 characters."),
      tags: trimmed.refine(
        (s) => splitList(s).every((name) => name.length <= 100),
        "A tag is at most 100 characters; separate tags with commas.",
      ),
      status: z.enum(["draft", "published", "scheduled"], "Choose draft, published or scheduled."),
      publishAt: trimmed,
    })
    .superRefine((v, ctx) => {
      const at = v.publishAt ? parseUtcLocal(v.publishAt) : undefined;
      if (v.publishAt && !at) {
        ctx.addIssue({ code: "custom", path: ["publishAt"], message: "Give a date and a time." });
      } else if (v.status === "scheduled" && !at) {
        ctx.addIssue({
          code: "custom",
          path: ["publishAt"],
          message: "Give the time at which it should go public.",
        });
      } else if (v.status === "scheduled" && at && at <= now) {
        ctx.addIssue({
          code: "custom",
          path: ["publishAt"],
          message: "That time has passed: choose a later one, or publish now.",
        });
      }
    });
}

interface ValidPostInput {
  kind: PostKind;
  title: string;
  /** Empty: made from the title. */
  slug: string;
  body: string;
  tags: string[];
  status: ReviewStatus;
  publishAt: string | null;
}

type Checked<T, E> = { ok: true; input: T } | { ok: false; errors: E };

export function validatePost(
  values: PostValues,
  now = new Date(),
): Checked<ValidPostInput, PostErrors> {
  const parsed = postSchema(now).safeParse(values);
  if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error) };
  const v = parsed.data;
  return {
    ok: true,
    input: {
      kind: v.kind,
      title: v.title,
      slug: v.slug,
      body: v.body,
      tags: splitList(v.tags),
      status: v.status,
      publishAt: v.publishAt ? parseUtcLocal(v.publishAt)!.toISOString() : null,
    },
  };
}
