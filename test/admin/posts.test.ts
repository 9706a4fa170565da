// The admin's posts and pages on both databases: create, edit and delete through the forms,
// with their CSRF token, errors beside the fields with the typing kept, and roles.
import { parseHTML } from "linkedom";
import { describe, expect, it } from "vitest";
import { dialects } from "../support/databases.ts";
import { getPage, textOf } from "../support/app.ts";
import { csrfToken, formState, getAs, postForm, signIn } from "./admin-client.ts";
import { adminSite } from "./admin-site.ts";

function savedPostId(response: Response): number {
  const match = /\/admin\/posts\/(\d+)\/edit/.exec(response.headers.get("location") ?? "");
  if (!match) throw new Error(`not saved: ${response.status}`);
  return Number(match[1]);
}

describe.each(dialects)("the posts and pages admin on %s", (dialect) => {
  const site = adminSite(dialect, {
    accounts: ["editor", "author", "contributor"],
    signInAs: "critic@example.com",
  });
  const post = (path: string, fields: Record<string, string>, token = site.token) =>
    postForm(site.app, path, { ...fields, _csrf: token }, { cookie: site.cookie });
  const about = {
    kind: "page",
    title: "About this journal",
    slug: "",
    body: "I watch films on purpose.\n\n<script>alert(1)</script>",
    tags: "Site",
    status: "published",
    publishAt: "",
  };

  it("creates a page that goes public at its address, and lists it", async () => {
    const response = await post("/admin/posts/new", about);
    expect(response.status).toBe(303);
    const id = savedPostId(response);
    const editor = await getAs(site.app, `/admin/posts/${id}/edit?done=created`, site.cookie);
    expect(textOf(editor.document.querySelector('[role="status"]'))).toBe("Created.");
    expect(formState(editor.document).value("slug")).toBe("about-this-journal");
    const shown = await getPage(site.app, "/pages/about-this-journal");
    expect(shown.response.status).toBe(200);
    expect(textOf(shown.document.querySelector("h1"))).toBe("About this journal");
    expect(shown.html).not.toContain("alert(1)");
    const list = await getAs(site.app, "/admin/posts", site.cookie);
    expect(textOf(list.document.querySelector("tbody"))).toContain("About this journal");
    expect(list.document.querySelector('nav a[href="/admin/posts"]')).not.toBeNull();
  });

  it("keeps everything typed when a field needs attention", async () => {
    const typed = { ...about, title: "  ", body: "Words I typed.", slug: "Not A Slug!" };
    const response = await post("/admin/posts/new", typed);
    expect(response.status).toBe(400);
    const { document } = parseHTML(await response.text());
    const form = formState(document);
    expect(form.value("body")).toBe("Words I typed.");
    expect(form.value("slug")).toBe("Not A Slug!");
    expect(form.error("title")).toBe("Give it a title.");
    expect(form.error("slug")).toMatch(/letters, digits and single hyphens/);

    const scheduled = await post("/admin/posts/new", { ...about, status: "scheduled" });
    expect(scheduled.status).toBe(400);
    expect(await scheduled.text()).toContain("Give the time at which it should go public.");

    const taken = await post("/admin/posts/new", { ...about, slug: "about-this-journal" });
    expect(taken.status).toBe(400);
    expect(await taken.text()).toContain("Another page already has this address");
  });

  it("refuses a post without a valid token, keeping the typing, and saves nothing", async () => {
    const before = await site.db.kysely.selectFrom("posts").select("id").execute();
    const response = await post(
      "/admin/posts/new",
      { ...about, title: "Forged", body: "Typed before the form expired." },
      "not-a-token",
    );
    expect(response.status).toBe(403);
    const html = await response.text();
    expect(html).toContain("This form expired");
    expect(html).toContain("Typed before the form expired.");
    expect(await site.db.kysely.selectFrom("posts").select("id").execute()).toEqual(before);
  });

  it("edits a post: title, address, text and status", async () => {
    const created = await post("/admin/posts/new", {
      ...about,
      kind: "post",
      title: "A note",
      body: "First words.",
    });
    const id = savedPostId(created);
    expect((await site.app.request("/post/a-note")).status).toBe(200);
    const saved = await post(`/admin/posts/${id}/edit`, {
      ...about,
      // The kind cannot change: a post stays a post.
      kind: "page",
      title: "A longer note",
      slug: "a-longer-note",
      body: "Second words.",
    });
    expect(saved.status).toBe(303);
    expect((await site.app.request("/post/a-note")).status).toBe(404);
    const shown = await getPage(site.app, "/post/a-longer-note");
    expect(textOf(shown.document.querySelector(".review-body"))).toBe("Second words.");

    const drafted = await post(`/admin/posts/${id}/edit`, {
      ...about,
      title: "A longer note",
      slug: "a-longer-note",
      status: "draft",
    });
    expect(drafted.status).toBe(303);
    expect((await site.app.request("/post/a-longer-note")).status).toBe(404);
    expect((await post("/admin/posts/999999/edit", about)).status).toBe(404);
  });

  it("deletes only after confirming, with a valid token", async () => {
    const id = savedPostId(
      await post("/admin/posts/new", { ...about, title: "Short-lived", slug: "short-lived" }),
    );
    const confirm = await getAs(site.app, `/admin/posts/${id}/delete`, site.cookie);
    expect(confirm.response.status).toBe(200);
    expect(textOf(confirm.document.querySelector("h1"))).toBe("Delete this page?");
    expect((await post(`/admin/posts/${id}/delete`, {}, "forged")).status).toBe(403);
    expect((await site.app.request("/pages/short-lived")).status).toBe(200);
    const deleted = await post(`/admin/posts/${id}/delete`, {});
    expect(deleted.status).toBe(303);
    expect(deleted.headers.get("location")).toBe("/admin/posts?done=deleted");
    expect((await site.app.request("/pages/short-lived")).status).toBe(404);
    expect((await getAs(site.app, `/admin/posts/${id}/edit`, site.cookie)).response.status).toBe(
      404,
    );
  });

  it("lets editors manage posts, and refuses authors and contributors", async () => {
    const editor = await signIn(site.app, "editor@example.com");
    expect((await getAs(site.app, "/admin/posts", editor)).response.status).toBe(200);
    for (const who of ["author", "contributor"]) {
      const cookie = await signIn(site.app, `${who}@example.com`);
      const token = await csrfToken(site.app, cookie);
      expect((await getAs(site.app, "/admin/posts", cookie)).response.status, who).toBe(403);
      expect((await getAs(site.app, "/admin/posts/new", cookie)).response.status, who).toBe(403);
      const refused = await postForm(
        site.app,
        "/admin/posts/new",
        { ...about, title: `By the ${who}`, _csrf: token },
        { cookie },
      );
      expect(refused.status, who).toBe(403);
      const dashboard = await getAs(site.app, "/admin", cookie);
      expect(dashboard.document.querySelector('nav a[href="/admin/posts"]'), who).toBeNull();
    }
    const titles = await site.db.kysely.selectFrom("posts").select("title").execute();
    expect(titles.map((t) => t.title)).not.toContain("By the author");
  });
});
