// The owner's comment settings page over HTTP, on both databases: every setting shown with
// its value, mistakes answered beside their fields with everything typed kept (an expired
// form too), and a save reaching the public pages at once, cached ones included.
import { parseHTML } from "linkedom";
import { beforeEach, describe, expect, it } from "vitest";
import { commentById } from "../../src/domain/comments.ts";
import { loadSettings, saveSetting } from "../../src/domain/settings.ts";
import {
  addAccount,
  csrfToken,
  formState,
  getAs,
  postForm,
  signIn,
} from "../admin/admin-client.ts";
import { adminSite } from "../admin/admin-site.ts";
import { getPage, textOf } from "../support/app.ts";
import { dialects } from "../support/databases.ts";
import { postComment } from "./post-comment.ts";

const path = "/admin/settings/comments";

const defaults = {
  commentThreadDepth: "5",
  closeCommentsAfterDays: "0",
  manualApproval: "",
  holdFirstComment: "on",
  holdLinkCount: "2",
  moderationWords: "",
  disallowedWords: "",
  showGravatar: "",
  sendWebmentions: "",
};

describe.each(dialects)("comment settings on %s", (dialect) => {
  const site = adminSite(dialect, { accounts: [["owner", "boss"]], signInAs: "boss@example.com" });
  beforeEach(async () => {
    // Back to the defaults (a saved default is the same as none).
    for (const key of [
      "commentThreadDepth",
      "closeCommentsAfterDays",
      "manualApproval",
      "holdFirstComment",
      "holdLinkCount",
      "moderationWords",
      "disallowedWords",
      "showGravatar",
      "sendWebmentions",
    ] as const) {
      await site.db.kysely.deleteFrom("settings").where("key", "=", key).execute();
    }
    await saveSetting(site.db, "siteTitle", "Cinelog");
  });

  const save = (fields: Record<string, string>, cookie = site.cookie, csrf = site.token) =>
    postForm(site.app, path, { _csrf: csrf, ...fields }, { cookie });

  /** The form's values as the page shows them. */
  const shown = (document: Document) => {
    const { value } = formState(document);
    return Object.fromEntries(Object.keys(defaults).map((name) => [name, value(name)]));
  };

  it("shows every setting with its value, a label and the way back to Settings", async () => {
    const settingsPage = await getAs(site.app, "/admin/settings", site.cookie);
    expect(settingsPage.document.querySelector(`a[href="${path}"]`)).not.toBeNull();

    const { response, document } = await getAs(site.app, path, site.cookie);
    expect(response.status).toBe(200);
    expect(textOf(document.querySelector("h1"))).toBe("Comment settings");
    expect(shown(document)).toEqual(defaults);
    for (const name of Object.keys(defaults)) {
      const label = document.querySelector(`label[for="${name}"]`);
      expect(textOf(label).length, name).toBeGreaterThan(5);
    }
    expect(textOf(document.querySelector('label[for="showGravatar"]'))).toBe(
      "Show Gravatar images",
    );
    // Each switch is read out with its explanation.
    expect(document.querySelector("#showGravatar")?.getAttribute("aria-describedby")).toBe(
      "showGravatar-hint",
    );
    expect(textOf(document.querySelector("#showGravatar-hint"))).toContain("gravatar.com");
    // Off by default, and the page says what turning it on sends where.
    expect(textOf(document.querySelector('label[for="sendWebmentions"]'))).toBe("Send Webmentions");
    expect(textOf(document.querySelector("#sendWebmentions-hint"))).toContain(
      "this site makes no request to any other site",
    );
  });

  it("keeps everything typed and says what is wrong beside each field", async () => {
    const typed = {
      commentThreadDepth: "11",
      closeCommentsAfterDays: "a fortnight",
      holdLinkCount: "-1",
      manualApproval: "on",
      showGravatar: "on",
      moderationWords: "casino\r\nfree money",
      disallowedWords: "x".repeat(20_001),
    };
    const response = await save(typed);
    expect(response.status).toBe(400);
    const { document } = parseHTML(await response.text());
    const { error } = formState(document);
    expect(error("commentThreadDepth")).toBe("Give a whole number from 1 to 10.");
    expect(error("closeCommentsAfterDays")).toBe(
      "Give a number of days, or 0 to keep comments open.",
    );
    expect(error("holdLinkCount")).toBe("Give a number of links, or 0 for no limit.");
    expect(error("disallowedWords")).toBe("Keep the list under 20,000 characters.");
    expect(error("moderationWords")).toBeUndefined();
    expect(document.querySelector("#commentThreadDepth")?.getAttribute("aria-invalid")).toBe(
      "true",
    );
    expect(document.querySelector("#commentThreadDepth")?.getAttribute("aria-describedby")).toBe(
      "commentThreadDepth-hint commentThreadDepth-error",
    );
    expect(textOf(document.querySelector(".form-error"))).toBe(
      "4 settings need a look; nothing was saved.",
    );
    expect(shown(document)).toEqual({
      ...typed,
      moderationWords: "casino\nfree money",
      // Not sent, so not ticked: as the owner left it.
      holdFirstComment: "",
      sendWebmentions: "",
    });
    const settings = await loadSettings(site.db);
    expect(settings.commentThreadDepth).toBe(5);
    expect(settings.manualApproval).toBe(false);
  });

  it("shows an expired form again with the choices made, saving nothing", async () => {
    const response = await save(
      { ...defaults, commentThreadDepth: "3", showGravatar: "on" },
      site.cookie,
      "stale",
    );
    expect(response.status).toBe(403);
    const { document } = parseHTML(await response.text());
    expect(textOf(document.querySelector(".form-error"))).toContain("nothing was saved");
    expect(formState(document).value("commentThreadDepth")).toBe("3");
    expect(formState(document).value("showGravatar")).toBe("on");
    expect((await loadSettings(site.db)).commentThreadDepth).toBe(5);
  });

  it("is the owner's alone", async () => {
    await addAccount(site.db, "editor");
    const editor = await signIn(site.app, "editor@example.com");
    expect((await getAs(site.app, path, editor)).response.status).toBe(403);
    const forged = await save(
      { ...defaults, manualApproval: "on" },
      editor,
      await csrfToken(site.app, editor),
    );
    expect(forged.status).toBe(403);
    expect((await loadSettings(site.db)).manualApproval).toBe(false);
  });

  it("saves the rules, and the public pages follow at once", async () => {
    const review = `/review/${site.fixture.reviews.vegasReview.slug}`;
    await getPage(site.app, review);
    const cached = await getPage(site.app, review);
    expect(cached.response.headers.get("x-cache")).toBe("HIT");
    expect(textOf(cached.document.querySelector(".comments-closed"))).toBe("");

    const response = await save({
      commentThreadDepth: " 3 ",
      // The review was published in January 2026: long closed after 30 days.
      closeCommentsAfterDays: "30",
      manualApproval: "on",
      holdLinkCount: "0",
      moderationWords: "  casino \r\n\r\nfree money\r\ncasino\r\n",
      disallowedWords: "cheap watches",
      sendWebmentions: "on",
    });
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe(`${path}?saved=1`);
    const settings = await loadSettings(site.db);
    expect(settings).toMatchObject({
      commentThreadDepth: 3,
      closeCommentsAfterDays: 30,
      manualApproval: true,
      holdFirstComment: false,
      holdLinkCount: 0,
      moderationWords: "casino\nfree money",
      disallowedWords: "cheap watches",
      showGravatar: false,
      sendWebmentions: true,
    });
    const after = await getAs(site.app, `${path}?saved=1`, site.cookie);
    expect(textOf(after.document.querySelector(".form-notice"))).toBe("Comment settings saved.");
    expect(shown(after.document)).toMatchObject({
      commentThreadDepth: "3",
      closeCommentsAfterDays: "30",
      manualApproval: "on",
      holdFirstComment: "",
      moderationWords: "casino\nfree money",
    });

    const page = await getPage(site.app, review);
    expect(page.response.headers.get("x-cache")).toBe("MISS");
    expect(textOf(page.document.querySelector(".comments-closed"))).toBe("Comments are closed.");
  });

  it("applies the saved rules to the next comment", async () => {
    const response = await save({
      ...defaults,
      holdFirstComment: "",
      disallowedWords: "cheap watches",
    });
    expect(response.status).toBe(303);
    const sent = await postComment(site.app, site.db, site.fixture.reviews.vegasReview, {
      comment: "Lovely film. Buy CHEAP WATCHES here.",
      email: "seller@example.com",
    });
    expect(sent.status).toBe(303);
    const row = await site.db.kysely
      .selectFrom("comments")
      .select("id")
      .where("author_email", "=", "seller@example.com")
      .executeTakeFirstOrThrow();
    expect((await commentById(site.db, row.id))?.status).toBe("spam");
    const welcome = await postComment(site.app, site.db, site.fixture.reviews.vegasReview, {
      comment: "Lovely film.",
      email: "new.reader@example.com",
    });
    expect(welcome.status).toBe(303);
    const first = await site.db.kysely
      .selectFrom("comments")
      .select("status")
      .where("author_email", "=", "new.reader@example.com")
      .executeTakeFirstOrThrow();
    // The first comment is no longer held: the owner turned that off.
    expect(first.status).toBe("approved");
  });

  it("saves comment paging, and refuses a count outside 10 to 500 beside its field", async () => {
    for (const key of ["commentsPerPage", "commentPageShown"]) {
      await site.db.kysely.deleteFrom("settings").where("key", "=", key).execute();
    }
    const page = await getAs(site.app, path, site.cookie);
    const { value } = formState(page.document);
    expect(value("commentsPerPage")).toBe("50");
    expect(value("commentPageShown")).toBe("oldest");

    const bad = await save({ ...defaults, commentsPerPage: "5", commentPageShown: "sideways" });
    expect(bad.status).toBe(400);
    const { document } = parseHTML(await bad.text());
    const { error, value: typed } = formState(document);
    expect(error("commentsPerPage")).toBe("Give a whole number from 10 to 500.");
    expect(error("commentPageShown")).toBe("Choose oldest or newest.");
    expect(typed("commentsPerPage")).toBe("5");
    expect((await loadSettings(site.db)).commentsPerPage).toBe(50);

    const good = await save({ ...defaults, commentsPerPage: "120", commentPageShown: "newest" });
    expect(good.status).toBe(303);
    const saved = await loadSettings(site.db);
    expect(saved.commentsPerPage).toBe(120);
    expect(saved.commentPageShown).toBe("newest");
  });
});
