// "Not spam" and "Restore" put a comment back where it was before spam or the trash — public
// again if it was approved, waiting if it was pending, in spam if spam was trashed — from a
// row and in bulk, over HTTP on both databases; pending when nothing was recorded.
import { describe, expect, it } from "vitest";
import type { CommentStatus } from "../../src/db/schema.ts";
import { commentById } from "../../src/domain/comments.ts";
import { dialects } from "../support/databases.ts";
import { moderationSite } from "../admin/moderation-site.ts";

describe.each(dialects)("prior status on %s", (dialect) => {
  const site = moderationSite(dialect);

  const bulk = (action: string, ...ids: number[]) => {
    const body = new URLSearchParams({ _csrf: site.token, back: "/admin/comments", action });
    for (const id of ids) body.append("ids", String(id));
    return site.app.request("/admin/comments/bulk", {
      method: "POST",
      body,
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        "sec-fetch-site": "same-origin",
        cookie: site.owner,
      },
    });
  };

  /** Runs row actions in turn; after each, the status and whether the public page shows it. */
  async function walk(id: number, steps: [string, CommentStatus][]) {
    const seen: string[] = [];
    const wanted: string[] = [];
    for (const [action, status] of steps) {
      const response = await site.act(`/admin/comments/${id}/${action}`);
      expect(response.status, action).toBe(303);
      const shown = (await site.publicIds(site.vegas.slug)).includes(`comment-${id}`);
      seen.push(`${action}: ${await site.statusOf(id)} ${shown ? "shown" : "hidden"}`);
      wanted.push(`${action}: ${status} ${status === "approved" ? "shown" : "hidden"}`);
    }
    expect(seen).toEqual(wanted);
  }

  it("takes an approved comment out of spam or the trash back onto the page", async () => {
    const c = await site.add(site.vegas, "approved");
    await walk(c.id, [
      ["spam", "spam"],
      ["notspam", "approved"],
      ["trash", "trash"],
      ["restore", "approved"],
    ]);
    // Nothing is left behind to mislead a later move.
    expect((await commentById(site.db, c.id))?.prior_status).toBeNull();
  });

  it("takes a waiting comment back to the queue, not onto the page", async () => {
    const c = await site.add(site.vegas, "pending");
    await walk(c.id, [
      ["spam", "spam"],
      ["notspam", "pending"],
      ["trash", "trash"],
      ["restore", "pending"],
    ]);
  });

  it("restores trashed spam to spam, and then knows no further", async () => {
    const c = await site.add(site.vegas, "approved");
    await walk(c.id, [
      ["spam", "spam"],
      ["trash", "trash"],
      ["restore", "spam"],
      // The approval before the spam was not kept through the trash: the safe guess.
      ["notspam", "pending"],
    ]);
  });

  it("sends a comment set aside with no record (older data) to pending", async () => {
    const spam = await site.add(site.vegas, "spam");
    const trash = await site.add(site.vegas, "trash");
    await walk(spam.id, [["notspam", "pending"]]);
    await walk(trash.id, [["restore", "pending"]]);
  });

  it("remembers each comment's own status through bulk actions", async () => {
    const shown = await site.add(site.vegas, "approved");
    const waiting = await site.add(site.vegas, "pending");
    const statuses = async () => [await site.statusOf(shown.id), await site.statusOf(waiting.id)];
    expect((await bulk("trash", shown.id, waiting.id)).status).toBe(303);
    expect(await statuses()).toEqual(["trash", "trash"]);
    expect(await site.publicIds(site.vegas.slug)).toEqual([]);
    const restored = await bulk("restore", shown.id, waiting.id);
    expect(restored.headers.get("location")).toBe("/admin/comments?done=restore&n=2");
    expect(await statuses()).toEqual(["approved", "pending"]);
    expect(await site.publicIds(site.vegas.slug)).toEqual([`comment-${shown.id}`]);

    await bulk("spam", shown.id, waiting.id);
    expect(await statuses()).toEqual(["spam", "spam"]);
    await bulk("notspam", shown.id, waiting.id);
    expect(await statuses()).toEqual(["approved", "pending"]);
    expect(await site.publicIds(site.vegas.slug)).toEqual([`comment-${shown.id}`]);
  });

  it("says where the comments went", async () => {
    const page = await site.app.request("/admin/comments?done=restore&n=2", {
      headers: { cookie: site.owner },
    });
    expect(await page.text()).toContain("2 comments restored to where they were.");
  });
});
