// The owner's comment settings at /admin/settings/comments. The form is parsed with zod here;
// a problem comes back as a message next to its field, with everything typed kept, and a
// form whose token expired is shown again with its values rather than thrown away.
import type { Hono } from "hono";
import { z } from "zod";
import { inTransaction } from "../../db/transaction.ts";
import { loadSettings, saveSetting, type SiteSettings } from "../../domain/settings.ts";
import type { AdminEnv } from "../auth/session.ts";
import type { Services } from "../services.ts";
import {
  currentCsrfToken,
  field,
  renderAdmin,
  type AdminContext,
  type FormBody,
} from "./admin-page.ts";
import { fieldErrors } from "./form-errors.ts";
import {
  CommentSettingsPage,
  type CommentSettingsErrors,
  type CommentSettingsValues,
} from "./views/comment-settings-page.tsx";
import { adminRoute } from "../route-facts.ts";

const commentSettingsPath = "/settings/comments";

const wholeNumber = (min: number, max: number, message: string) =>
  z
    .string()
    .trim()
    .regex(/^\d{1,7}$/, message)
    .transform(Number)
    .refine((n) => n >= min && n <= max, message);

const maxListLength = 20_000;

/** One entry per line, trimmed, blank lines and repeats dropped, as the rules read it. */
const wordList = z
  .string()
  .max(maxListLength, `Keep the list under ${maxListLength.toLocaleString("en")} characters.`)
  .transform((text) => [...new Set(text.split(/\r?\n/).map((w) => w.trim()))].filter(Boolean))
  .transform((words) => words.join("\n"));

const formSchema = z.object({
  commentThreadDepth: wholeNumber(1, 10, "Give a whole number from 1 to 10."),
  commentsPerPage: wholeNumber(10, 500, "Give a whole number from 10 to 500."),
  commentPageShown: z.enum(["oldest", "newest"], { message: "Choose oldest or newest." }),
  closeCommentsAfterDays: wholeNumber(
    0,
    36_500,
    "Give a number of days, or 0 to keep comments open.",
  ),
  manualApproval: z.boolean(),
  holdFirstComment: z.boolean(),
  holdLinkCount: wholeNumber(0, 1000, "Give a number of links, or 0 for no limit."),
  moderationWords: wordList,
  disallowedWords: wordList,
  showGravatar: z.boolean(),
  sendWebmentions: z.boolean(),
});

type CommentSettings = z.infer<typeof formSchema>;

function valuesOf(settings: SiteSettings): CommentSettingsValues {
  return {
    commentThreadDepth: String(settings.commentThreadDepth),
    commentsPerPage: String(settings.commentsPerPage),
    commentPageShown: settings.commentPageShown,
    closeCommentsAfterDays: String(settings.closeCommentsAfterDays),
    manualApproval: settings.manualApproval,
    holdFirstComment: settings.holdFirstComment,
    holdLinkCount: String(settings.holdLinkCount),
    moderationWords: settings.moderationWords,
    disallowedWords: settings.disallowedWords,
    showGravatar: settings.showGravatar,
    sendWebmentions: settings.sendWebmentions,
  };
}

function valuesFromForm(body: FormBody): CommentSettingsValues {
  // A checkbox left unticked is not sent at all.
  const ticked = (name: string) => field(body, name) !== "";
  return {
    commentThreadDepth: field(body, "commentThreadDepth"),
    commentsPerPage: field(body, "commentsPerPage"),
    commentPageShown: field(body, "commentPageShown"),
    closeCommentsAfterDays: field(body, "closeCommentsAfterDays"),
    manualApproval: ticked("manualApproval"),
    holdFirstComment: ticked("holdFirstComment"),
    holdLinkCount: field(body, "holdLinkCount"),
    moderationWords: field(body, "moderationWords").replace(/\r\n/g, "\n"),
    disallowedWords: field(body, "disallowedWords").replace(/\r\n/g, "\n"),
    showGravatar: ticked("showGravatar"),
    sendWebmentions: ticked("sendWebmentions"),
  };
}

/** Saves only what changed: each saved setting drops every cached page (a "site" change). */
async function saveChanged(services: Services, wanted: CommentSettings): Promise<void> {
  await inTransaction(services.db, async (trx) => {
    const current = await loadSettings(trx);
    const keys = Object.keys(wanted) as (keyof CommentSettings)[];
    for (const key of keys) {
      if (current[key] !== wanted[key]) await saveSetting(trx, key, wanted[key]);
    }
  });
}

export function registerCommentSettingsRoutes(admin: Hono<AdminEnv>, services: Services): void {
  const show = async (
    c: AdminContext,
    values: CommentSettingsValues,
    extra: {
      errors?: CommentSettingsErrors;
      notice?: string;
      formError?: string;
      status?: 200 | 400 | 403;
    } = {},
  ) =>
    renderAdmin(
      c,
      services,
      { title: "Comment settings", status: extra.status ?? 200, styles: ["editors"] },
      <CommentSettingsPage
        values={values}
        errors={extra.errors ?? {}}
        notice={extra.notice}
        formError={extra.formError}
        csrf={await currentCsrfToken(c, services)}
      />,
    );

  admin.get(commentSettingsPath, adminRoute({ capability: "manage_settings" }), async (c) => {
    const values = valuesOf(await loadSettings(services.db));
    return show(c, values, c.req.query("saved") ? { notice: "Comment settings saved." } : {});
  });

  admin.post(
    commentSettingsPath,
    adminRoute({ capability: "manage_settings" }, { keepInput: true }),
    async (c) => {
      const body = await c.req.parseBody();
      const values = valuesFromForm(body);
      // A form from before comment paging existed (open in a tab) keeps the current paging.
      const current = valuesOf(await loadSettings(services.db));
      if (!("commentsPerPage" in body)) values.commentsPerPage = current.commentsPerPage;
      if (!("commentPageShown" in body)) values.commentPageShown = current.commentPageShown;
      if (!c.get("csrfValid")) {
        return show(c, values, {
          status: 403,
          formError:
            "This form expired, so nothing was saved. Your choices are below: save them again.",
        });
      }
      const parsed = formSchema.safeParse(values);
      if (!parsed.success) {
        return show(c, values, { errors: fieldErrors(parsed.error), status: 400 });
      }
      await saveChanged(services, parsed.data);
      return c.redirect(`/admin${commentSettingsPath}?saved=1`, 303);
    },
  );
}
