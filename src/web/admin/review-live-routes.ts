// What the review editor's script talks to while the writer types: the live preview (the
// body rendered and sanitised exactly as the review page will show it) and the autosave. Both
// answer JSON; both are ordinary signed-in posts, so the CSRF guard and the roles hold. An
// expired session or token is refused like any other post: the script keeps the text on the
// device and says so. Discarding an autosave is a plain form, so it also works without script.
import type { Hono } from "hono";
import { renderReviewBody } from "../../content/markdown.ts";
import type { Review } from "../../db/schema.ts";
import { reviewForEditing } from "../../domain/review-editing.ts";
import {
  discardAutosave,
  draftKeyPattern,
  storeAutosave,
  type AutosaveTarget,
} from "../../domain/review-autosave.ts";
import { can, reviewResource } from "../../domain/roles.ts";
import { signedInUser, type AdminEnv } from "../auth/session.ts";
import type { Services } from "../services.ts";
import { field, forbidden, notFoundInAdmin, type AdminContext } from "./admin-page.ts";
import { valuesFromForm } from "./review-form.ts";
import { adminRoute } from "../route-facts.ts";

/** The largest review body the preview renders: far beyond any review, short of abuse. */
const maxPreviewLength = 1_000_000;

type TargetResult =
  | { ok: true; target: AutosaveTarget; review?: Review }
  | { ok: false; status: 400 | 403 | 404; error: string };

/** Which autosave a post is about, if this person may keep one there. */
async function targetOf(
  c: AdminContext,
  services: Services,
  form: Record<string, unknown>,
): Promise<TargetResult> {
  const { user } = signedInUser(c);
  if (!can(user, "write_reviews")) return { ok: false, status: 403, error: "forbidden" };
  const reviewId = typeof form.reviewId === "string" ? form.reviewId : "";
  const draftKey = typeof form.draftKey === "string" ? form.draftKey : "";
  if (/^\d{1,12}$/.test(reviewId)) {
    const editable = await reviewForEditing(services.db, Number(reviewId));
    if (!editable) return { ok: false, status: 404, error: "no such review" };
    const { review } = editable;
    if (!can(user, "edit_review", reviewResource(review))) {
      return { ok: false, status: 403, error: "forbidden" };
    }
    return { ok: true, target: { userId: user.id, reviewId: review.id }, review };
  }
  if (draftKeyPattern.test(draftKey)) {
    return { ok: true, target: { userId: user.id, draftKey } };
  }
  return { ok: false, status: 400, error: "no review id or draft key" };
}

export function registerReviewLiveRoutes(admin: Hono<AdminEnv>, services: Services): void {
  admin.post("/reviews/preview", adminRoute("signed-in"), async (c) => {
    const { user } = signedInUser(c);
    if (!can(user, "write_reviews")) return c.json({ error: "forbidden" }, 403);
    const body = field(await c.req.parseBody(), "body").replace(/\r\n/g, "\n");
    if (body.length > maxPreviewLength) return c.json({ error: "too long" }, 413);
    // The very function that fills reviews.body_html, which the review page shows as it is.
    return c.json({ html: renderReviewBody(body) });
  });

  admin.post("/reviews/autosave", adminRoute("signed-in"), async (c) => {
    const form = await c.req.parseBody();
    const found = await targetOf(c, services, form);
    if (!found.ok) return c.json({ error: found.error }, found.status);
    const values = valuesFromForm(form);
    if (Object.values(values).some((v) => typeof v === "string" && v.length > maxPreviewLength)) {
      return c.json({ error: "too long" }, 413);
    }
    const savedAt = await storeAutosave(services.db, found.target, { ...values });
    return c.json({ savedAt });
  });

  admin.post("/reviews/autosave/discard", adminRoute("signed-in"), async (c) => {
    const form = await c.req.parseBody();
    const found = await targetOf(c, services, form);
    if (!found.ok) {
      return found.status === 404 ? notFoundInAdmin(c, services) : forbidden(c, services);
    }
    await discardAutosave(services.db, found.target);
    const back = found.review
      ? `/admin/reviews/${found.review.id}/edit?autosave=discarded`
      : "/admin/reviews/new?autosave=discarded";
    return c.redirect(back, 303);
  });
}
