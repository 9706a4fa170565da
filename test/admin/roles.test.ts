// Every admin route, GET and POST, walked as each role and as a stranger: the server allows
// exactly what the role may do. A new admin route that is not in this walk fails the test.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Role } from "../../src/db/schema.ts";
import { createComment } from "../../src/domain/comments.ts";
import { createPost } from "../../src/domain/posts.ts";
import { failImportJob, queueImportJob } from "../../src/importers/jobs/import-jobs.ts";
import { createReview } from "../../src/domain/reviews.ts";
import { can } from "../../src/domain/roles.ts";
import { entryOrder } from "../../src/domain/series-editing.ts";
import { addStill } from "../../src/domain/stills.ts";
import { appFor } from "../support/app.ts";
import { dialects, openTestDb, type TestDb } from "../support/databases.ts";
import { buildFixture } from "../support/fixture.ts";
import { addAccount, csrfToken, getAs, postForm, signIn, type App } from "./admin-client.ts";

type Who = Role | "stranger";
const everyone: Who[] = ["owner", "editor", "author", "contributor", "stranger"];

interface Step {
  method: "GET" | "POST";
  /** The route pattern as registered, to check that the walk covers every route. */
  route: string;
  path: string;
  fields?: Record<string, string>;
  /** Expected status for each signed-in role (strangers: 303 for GET, 403 for POST). */
  expect: Record<Role, number>;
}

const all = (status: number): Record<Role, number> => ({
  owner: status,
  editor: status,
  author: status,
  contributor: status,
});

describe("capabilities", () => {
  it("give each role WordPress's meaning", () => {
    const user = (role: Role) => ({ id: 1, role });
    const mine = { authorId: 1, status: "draft" as const };
    const minePublished = { authorId: 1, status: "published" as const };
    const theirs = { authorId: 2, status: "draft" as const };
    expect(can(user("owner"), "manage_settings")).toBe(true);
    expect(can(user("editor"), "manage_settings")).toBe(false);
    expect(can(user("editor"), "manage_users")).toBe(false);
    expect(can(user("editor"), "publish_review", theirs)).toBe(true);
    expect(can(user("editor"), "manage_series")).toBe(true);
    expect(can(user("author"), "publish_review", mine)).toBe(true);
    expect(can(user("author"), "publish_review", theirs)).toBe(false);
    expect(can(user("author"), "edit_review", minePublished)).toBe(true);
    expect(can(user("author"), "upload_stills", mine)).toBe(true);
    expect(can(user("author"), "manage_tags")).toBe(false);
    expect(can(user("contributor"), "edit_review", mine)).toBe(true);
    expect(can(user("contributor"), "edit_review", minePublished)).toBe(false);
    expect(can(user("contributor"), "publish_review", mine)).toBe(false);
    expect(can(user("contributor"), "upload_stills", mine)).toBe(false);
    expect(can(user("editor"), "moderate_comments", theirs)).toBe(true);
    expect(can(user("author"), "moderate_comments", minePublished)).toBe(true);
    expect(can(user("author"), "moderate_comments", theirs)).toBe(false);
    expect(can(user("contributor"), "moderate_comments", mine)).toBe(false);
  });
});

describe.each(dialects)("the role walk on %s", (dialect) => {
  let db: TestDb;
  let app: App;
  let steps: Step[];
  beforeAll(async () => {
    db = await openTestDb(dialect);
    const f = await buildFixture(db);
    await addAccount(db, "owner", "boss");
    await addAccount(db, "editor");
    const author = await addAccount(db, "author");
    const contributor = await addAccount(db, "contributor");
    app = appFor(db);
    const film = f.films.friday.id;
    const draftBy = (authorId: number) =>
      createReview(db, { filmId: film, authorId, body: "Draft.", status: "draft" });
    const ownerPublished = f.reviews.vegasReview.id;
    const authorDraft = (await draftBy(author.id)).id;
    const contributorDraft = (await draftBy(contributor.id)).id;
    const contributorPublished = (
      await createReview(db, {
        filmId: film,
        authorId: contributor.id,
        body: "Published by an editor.",
        status: "published",
      })
    ).id;
    const edit = (id: number) => `/admin/reviews/${id}/edit`;
    const editRoute = "/admin/reviews/:id{[0-9]+}/edit";
    const review = { filmId: String(film), body: "Words.", intent: "preview" };
    const publish = { ...review, intent: "publish" };
    const editExpect = {
      ownerPublished: { owner: 200, editor: 200, author: 403, contributor: 403 },
      authorDraft: { owner: 200, editor: 200, author: 200, contributor: 403 },
      contributorDraft: { owner: 200, editor: 200, author: 403, contributor: 200 },
      contributorPublished: { owner: 200, editor: 200, author: 403, contributor: 403 },
    };
    const ownerOnly = { owner: 200, editor: 403, author: 403, contributor: 403 };

    // Comments under the author's own review, and under the owner's (forged posts by the author).
    const authorReview = await createReview(db, {
      filmId: f.films.games.id,
      authorId: author.id,
      body: "Mine to moderate.",
      status: "published",
    });
    const comment = (reviewId: number, status: "pending" | "trash") =>
      createComment(db, { reviewId, name: "Reader", email: "r@example.com", body: "Hi.", status });
    const comments = {
      authors: (await comment(authorReview.id, "pending")).id,
      authorsTrash: (await comment(authorReview.id, "trash")).id,
      owners: (await comment(ownerPublished, "pending")).id,
      ownersTrash: (await comment(ownerPublished, "trash")).id,
    };
    const moderators = (status: number) => ({ ...all(status), contributor: 403 });
    const notAuthor = (status: number) => ({ ...moderators(status), author: 403 });
    const rowRoute =
      "/admin/comments/:id{[0-9]+}/:action{approve|unapprove|spam|notspam|trash|restore}";
    const commentSteps = (id: number, expect: (status: number) => Record<Role, number>): Step[] => [
      {
        method: "POST",
        route: rowRoute,
        path: `/admin/comments/${id}/approve`,
        expect: expect(303),
      },
      {
        method: "GET",
        route: "/admin/comments/:id{[0-9]+}/edit",
        path: `/admin/comments/${id}/edit`,
        expect: expect(200),
      },
      {
        method: "POST",
        route: "/admin/comments/:id{[0-9]+}/edit",
        path: `/admin/comments/${id}/edit`,
        fields: { name: "", email: "r@example.com", url: "", body: "Hi.", status: "approved" },
        expect: expect(400),
      },
      {
        method: "GET",
        route: "/admin/comments/:id{[0-9]+}/reply",
        path: `/admin/comments/${id}/reply`,
        expect: expect(200),
      },
      {
        method: "POST",
        route: "/admin/comments/:id{[0-9]+}/reply",
        path: `/admin/comments/${id}/reply`,
        fields: { body: " " },
        expect: expect(400),
      },
      {
        method: "POST",
        route: "/admin/comments/bulk",
        path: "/admin/comments/bulk",
        fields: { action: "approve", ids: String(id) },
        expect: expect(303),
      },
      // Only spam and trash can be deleted: allowed roles are told so, with a 409.
      {
        method: "POST",
        route: "/admin/comments/:id{[0-9]+}/delete",
        path: `/admin/comments/${id}/delete`,
        expect: expect(409),
      },
    ];
    const trashSteps = (id: number, expect: (status: number) => Record<Role, number>): Step[] => [
      {
        method: "GET",
        route: "/admin/comments/:id{[0-9]+}/delete",
        path: `/admin/comments/${id}/delete`,
        expect: expect(200),
      },
    ];
    const ownerRedirect = { ...ownerOnly, owner: 303 };
    // Stills: owners and editors on any review, authors on their own, contributors never.
    const stillSteps = (reviewId: number, authorMay: boolean): Step[] => {
      const may = (status: number) => ({
        ...all(status),
        author: authorMay ? status : 403,
        contributor: 403,
      });
      const base = `/admin/reviews/${reviewId}/stills`;
      const route = "/admin/reviews/:id{[0-9]+}/stills";
      const removeRoute = `${route}/:stillId{[0-9]+}/remove`;
      return [
        { method: "GET", route, path: base, expect: may(200) },
        { method: "POST", route, path: base, fields: { action: "save" }, expect: may(303) },
        // No file in the post: the script's upload says so.
        { method: "POST", route: `${route}/upload`, path: `${base}/upload`, expect: may(400) },
        {
          method: "GET",
          route: removeRoute,
          path: `${base}/${stillIds.get(reviewId)}/remove`,
          expect: may(200),
        },
        // A still that is not there: those allowed learn so; the others are refused first.
        { method: "POST", route: removeRoute, path: `${base}/999999/remove`, expect: may(404) },
      ];
    };
    const stillIds = new Map<number, number>();
    for (const reviewId of [authorDraft, ownerPublished]) {
      const still = await addStill(db, {
        reviewId,
        path: "stills/x.jpg",
        width: 8,
        height: 4,
        alt: "A still",
      });
      stillIds.set(reviewId, still.id);
    }
    // An import that has ended, for its page (a running one would refuse the next).
    const importJob = await queueImportJob(db, {
      kind: "wordpress",
      originalName: "old-site.xml",
      storedPath: "/nowhere/old-site.xml",
      createdBy: f.author.id,
    });
    await failImportJob(db, importJob!.id, "Stopped for the walk.");
    steps = [
      ...stillSteps(authorDraft, true),
      // Imports: the owner's alone (they create accounts and content).
      { method: "GET", route: "/admin/imports", path: "/admin/imports", expect: ownerOnly },
      {
        method: "GET",
        route: "/admin/imports/:id{[0-9]+}",
        path: `/admin/imports/${importJob!.id}`,
        expect: ownerOnly,
      },
      // No file in the post: the owner is asked for one, and nothing starts.
      ...(["wordpress", "letterboxd"] as const).map((kind) => ({
        method: "POST" as const,
        route: "/admin/imports/:kind{wordpress|letterboxd}",
        path: `/admin/imports/${kind}`,
        expect: { ...ownerOnly, owner: 400 },
      })),
      ...stillSteps(ownerPublished, false),
      { method: "GET", route: "/admin", path: "/admin", expect: all(200) },
      { method: "GET", route: "/admin/reviews", path: "/admin/reviews", expect: all(200) },
      { method: "GET", route: "/admin/reviews/new", path: "/admin/reviews/new", expect: all(200) },
      ...Object.entries({
        ownerPublished,
        authorDraft,
        contributorDraft,
        contributorPublished,
      }).flatMap(([name, id]) => [
        {
          method: "GET" as const,
          route: editRoute,
          path: edit(id),
          expect: editExpect[name as keyof typeof editExpect],
        },
        {
          method: "POST" as const,
          route: editRoute,
          path: edit(id),
          fields: review,
          expect: editExpect[name as keyof typeof editExpect],
        },
      ]),
      {
        method: "POST",
        route: "/admin/reviews/new",
        path: "/admin/reviews/new",
        fields: review,
        expect: all(200),
      },
      {
        method: "POST",
        route: "/admin/reviews/new",
        path: "/admin/reviews/new",
        fields: publish,
        expect: { owner: 303, editor: 303, author: 303, contributor: 403 },
      },
      // The review editor's script: live preview and autosave (discarding one is a form too).
      {
        method: "POST",
        route: "/admin/reviews/preview",
        path: "/admin/reviews/preview",
        fields: { body: "*Words.*" },
        expect: all(200),
      },
      ...Object.entries({
        ownerPublished,
        authorDraft,
        contributorDraft,
        contributorPublished,
      }).flatMap(([name, id]) => {
        const may = editExpect[name as keyof typeof editExpect];
        const redirected = Object.fromEntries(
          Object.entries(may).map(([role, status]) => [role, status === 200 ? 303 : status]),
        ) as Record<Role, number>;
        return [
          {
            method: "POST" as const,
            route: "/admin/reviews/autosave",
            path: "/admin/reviews/autosave",
            fields: { reviewId: String(id), body: "Typing." },
            expect: may,
          },
          {
            method: "POST" as const,
            route: "/admin/reviews/autosave/discard",
            path: "/admin/reviews/autosave/discard",
            fields: { reviewId: String(id) },
            expect: redirected,
          },
        ];
      }),
      {
        method: "POST",
        route: "/admin/reviews/autosave",
        path: "/admin/reviews/autosave",
        fields: { draftKey: "a-new-review-draft-key", body: "Typing." },
        expect: all(200),
      },
      {
        method: "POST",
        route: "/admin/reviews/autosave/discard",
        path: "/admin/reviews/autosave/discard",
        fields: { draftKey: "a-new-review-draft-key" },
        expect: all(303),
      },
      { method: "GET", route: "/admin/comments", path: "/admin/comments", expect: moderators(200) },
      ...commentSteps(comments.authors, moderators),
      ...commentSteps(comments.owners, notAuthor),
      ...trashSteps(comments.authorsTrash, moderators),
      ...trashSteps(comments.ownersTrash, notAuthor),
      { method: "GET", route: "/admin/settings", path: "/admin/settings", expect: ownerOnly },
      {
        method: "POST",
        route: "/admin/settings",
        path: "/admin/settings",
        fields: {
          siteTitle: "Cinelog",
          siteDescription: "A film journal.",
          ratingScale: "stars5",
          reviewsPerPage: "10",
        },
        expect: ownerRedirect,
      },
      {
        method: "GET",
        route: "/admin/settings/mail",
        path: "/admin/settings/mail",
        expect: ownerOnly,
      },
      {
        method: "POST",
        route: "/admin/settings/mail",
        path: "/admin/settings/mail",
        fields: { host: "smtp.example.com", security: "starttls", port: "x", fromAddress: "" },
        expect: { ...ownerOnly, owner: 400 },
      },
      // Mail is not set up in this walk: the owner is told so, and nothing is sent.
      {
        method: "POST",
        route: "/admin/settings/mail/test",
        path: "/admin/settings/mail/test",
        fields: { to: "boss@example.com" },
        expect: { ...ownerOnly, owner: 400 },
      },
      // Sign-in providers: the enabling post lacks its client id, so nothing is turned on.
      {
        method: "GET",
        route: "/admin/settings/sign-in",
        path: "/admin/settings/sign-in",
        expect: ownerOnly,
      },
      ...(["GET", "POST"] as const).map((method) => ({
        method,
        route: "/admin/settings/sign-in/:provider{[a-z]+}",
        path: "/admin/settings/sign-in/github",
        ...(method === "POST" ? { fields: { enabled: "1", clientId: "" } } : {}),
        expect: method === "GET" ? ownerOnly : { ...ownerOnly, owner: 400 },
      })),
      {
        method: "POST",
        route: "/admin/settings/sign-in/:provider{[a-z]+}/disable",
        path: "/admin/settings/sign-in/github/disable",
        expect: ownerRedirect,
      },
      {
        method: "GET",
        route: "/admin/settings/comments",
        path: "/admin/settings/comments",
        expect: ownerOnly,
      },
      {
        method: "POST",
        route: "/admin/settings/comments",
        path: "/admin/settings/comments",
        fields: {
          commentThreadDepth: "5",
          closeCommentsAfterDays: "0",
          holdFirstComment: "on",
          holdLinkCount: "2",
          moderationWords: "",
          disallowedWords: "",
        },
        expect: ownerRedirect,
      },
      {
        method: "GET",
        route: "/admin/settings/stats",
        path: "/admin/settings/stats",
        expect: ownerOnly,
      },
      {
        method: "POST",
        route: "/admin/settings/stats",
        path: "/admin/settings/stats",
        fields: { statsEnabled: "on", "show-months": "on", statsYearlyGoal: "0" },
        expect: ownerRedirect,
      },
      { method: "GET", route: "/admin/fediverse", path: "/admin/fediverse", expect: ownerOnly },
      {
        method: "POST",
        route: "/admin/fediverse",
        path: "/admin/fediverse",
        fields: { federationSlug: "blog" },
        expect: ownerRedirect,
      },
      {
        method: "POST",
        route: "/admin/fediverse/followers",
        path: "/admin/fediverse/followers",
        fields: { id: "999", action: "remove" },
        expect: ownerRedirect,
      },
      {
        method: "POST",
        route: "/admin/fediverse/blocks",
        path: "/admin/fediverse/blocks",
        fields: { block: "spam.example" },
        expect: ownerRedirect,
      },
      {
        method: "GET",
        route: "/admin/fediverse/move",
        path: "/admin/fediverse/move",
        expect: ownerOnly,
      },
      {
        method: "POST",
        route: "/admin/fediverse/move",
        path: "/admin/fediverse/move",
        // No address: the owner is told what is missing; nothing is sent anywhere.
        fields: { address: "" },
        expect: { ...ownerOnly, owner: 400 },
      },
      {
        method: "GET",
        route: "/admin/fediverse/move/undo",
        path: "/admin/fediverse/move/undo",
        // Nothing moved: a page that says so.
        expect: ownerOnly,
      },
      {
        method: "POST",
        route: "/admin/fediverse/move/undo",
        path: "/admin/fediverse/move/undo",
        fields: { confirm: "yes" },
        expect: ownerRedirect,
      },
      { method: "GET", route: "/admin/users", path: "/admin/users", expect: ownerOnly },
      {
        method: "POST",
        route: "/admin/users",
        path: "/admin/users",
        fields: { email: "", name: "", role: "author", password: "" },
        expect: { ...ownerOnly, owner: 400 },
      },
      // Others' accounts are the owner's; the forms are sent with mistakes, to change nothing.
      ...(["edit", "remove"] as const).map((action) => ({
        method: "GET" as const,
        route: `/admin/users/:id{[0-9]+}/${action}`,
        path: `/admin/users/${contributor.id}/${action}`,
        expect: ownerOnly,
      })),
      {
        method: "POST",
        route: "/admin/users/:id{[0-9]+}/edit",
        path: `/admin/users/${contributor.id}/edit`,
        fields: { email: "", name: "", role: "contributor" },
        expect: { ...ownerOnly, owner: 400 },
      },
      {
        method: "POST",
        route: "/admin/users/:id{[0-9]+}/remove",
        path: "/admin/users/999999/remove",
        expect: { ...ownerOnly, owner: 404 },
      },
      // The editor's film type-ahead: whoever writes reviews.
      {
        method: "GET",
        route: "/admin/films/search",
        path: "/admin/films/search",
        expect: all(200),
      },
      // One's own account: everyone's.
      { method: "GET", route: "/admin/account", path: "/admin/account", expect: all(200) },
      {
        method: "POST",
        route: "/admin/account",
        path: "/admin/account",
        fields: { name: "", email: "" },
        expect: all(400),
      },
      {
        method: "POST",
        route: "/admin/account/password",
        path: "/admin/account/password",
        fields: { currentPassword: "not it", newPassword: "a new password" },
        expect: all(400),
      },
      {
        method: "POST",
        route: "/admin/account/passkeys/options",
        path: "/admin/account/passkeys/options",
        expect: all(200),
      },
      {
        method: "POST",
        route: "/admin/account/passkeys",
        path: "/admin/account/passkeys",
        fields: { passkeyName: "", credential: "" },
        expect: all(400),
      },
      {
        method: "POST",
        route: "/admin/account/fediverse",
        path: "/admin/account/fediverse",
        // Every writer may have one, but not while the site does not federate (it does not here).
        fields: { fediverseUsername: "Not Valid!", fediverseEnabled: "on" },
        expect: all(404),
      },
      ...(["GET", "POST"] as const).map((method) => ({
        method,
        route: "/admin/account/passkeys/:id{[0-9]+}/remove",
        // Nobody's passkey: found by no one.
        path: "/admin/account/passkeys/999999/remove",
        expect: all(404),
      })),
      // Series: owners and editors only; no step changes the queue another role then walks.
      ...seriesSteps(f.series.id, (await entryOrder(db, f.series.id))[0]!),
      // Posts and pages: owners and editors only; every post is sent with a mistake.
      ...postSteps(
        (
          await createPost(db, {
            kind: "page",
            title: "About",
            body: "Hello.",
            status: "published",
            authorId: f.author.id,
          })
        ).id,
      ),
      // Last: these end the session.
      {
        method: "POST",
        route: "/admin/sign-out-everywhere",
        path: "/admin/sign-out-everywhere",
        expect: all(303),
      },
    ];
  });
  afterAll(async () => {
    await db.dispose();
  });

  it("walks every admin route", () => {
    // Passkey sign-in is open to strangers (test/admin/passkeys.test.ts covers it).
    const open = [
      "/admin/sign-in",
      "/admin/sign-in/passkey",
      "/admin/sign-in/passkey/options",
      // E-mailed sign-in links (test/admin/sign-in-link.test.ts covers them).
      "/admin/sign-in/link",
      "/admin/sign-in/link/:token",
      // Password reset by a mailed link (test/admin/password-reset.test.ts covers it).
      "/admin/sign-in/forgot",
      "/admin/sign-in/reset/:token",
      "/admin/setup/:token",
      "/admin/sign-out",
      "/admin/*",
    ];
    const registered = app.routes
      .filter((r) => r.path.startsWith("/admin") && r.method !== "ALL" && !open.includes(r.path))
      .map((r) => `${r.method} ${r.path}`);
    const walked = new Set(steps.map((s) => `${s.method} ${s.route}`));
    expect(registered.length).toBeGreaterThan(8);
    expect(registered.filter((r) => !walked.has(r))).toEqual([]);
  });

  for (const who of everyone) {
    it(`allows ${who} exactly what the role may do`, async () => {
      const email = who === "owner" ? "boss@example.com" : `${who}@example.com`;
      const cookie = who === "stranger" ? undefined : await signIn(app, email);
      const token = cookie ? await csrfToken(app, cookie) : "";
      const results: string[] = [];
      const expected: string[] = [];
      for (const step of steps) {
        const response =
          step.method === "GET"
            ? (await getAs(app, step.path, cookie)).response
            : await postForm(app, step.path, { ...step.fields, _csrf: token }, { cookie });
        const want = who === "stranger" ? (step.method === "GET" ? 303 : 403) : step.expect[who];
        results.push(
          `${step.method} ${step.path} ${JSON.stringify(step.fields ?? {})}: ${response.status}`,
        );
        expected.push(`${step.method} ${step.path} ${JSON.stringify(step.fields ?? {})}: ${want}`);
        if (who === "stranger" && step.method === "GET") {
          expect(response.headers.get("location")).toBe(
            `/admin/sign-in?next=${encodeURIComponent(step.path)}`,
          );
        }
      }
      expect(results).toEqual(expected);
    });
  }

  it("lets strangers reach the sign-in page, and sends the signed-in past it", async () => {
    expect((await getAs(app, "/admin/sign-in")).response.status).toBe(200);
    const cookie = await signIn(app, "author@example.com");
    const page = await getAs(app, "/admin/sign-in", cookie);
    expect(page.response.status).toBe(303);
    const out = await postForm(
      app,
      "/admin/sign-out",
      {
        _csrf: await csrfToken(app, cookie),
      },
      { cookie },
    );
    expect(out.status).toBe(303);
    expect((await postForm(app, "/admin/sign-out", {})).status).toBe(403);
  });

  it("lists only their own reviews to authors and contributors", async () => {
    const cookie = await signIn(app, "contributor@example.com");
    const { document } = await getAs(app, "/admin/reviews", cookie);
    const authors = [...document.querySelectorAll("tbody tr td:nth-child(3)")].map((td) =>
      td.textContent?.trim(),
    );
    expect(authors.length).toBe(2);
    expect(new Set(authors)).toEqual(new Set(["Contributor Person"]));
    const ownerCookie = await signIn(app, "boss@example.com");
    const all = await getAs(app, "/admin/reviews", ownerCookie);
    expect(all.document.querySelectorAll("tbody tr").length).toBeGreaterThan(8);
  });
});

/** The series queue editor's routes (manage_series: owners and editors). */
function seriesSteps(seriesId: number, firstEntryId: number): Step[] {
  const managers = (status: number) => ({ ...all(status), author: 403, contributor: 403 });
  const base = `/admin/series/${seriesId}`;
  const route = "/admin/series/:id{[0-9]+}";
  const entry = `${route}/entries/:entryId{[0-9]+}`;
  return [
    { method: "GET", route: "/admin/series", path: "/admin/series", expect: managers(200) },
    {
      method: "POST",
      route: "/admin/series",
      path: "/admin/series",
      fields: { title: "", slug: "", description: "" },
      expect: managers(400),
    },
    { method: "GET", route, path: base, expect: managers(200) },
    { method: "POST", route, path: base, fields: { title: "" }, expect: managers(400) },
    {
      method: "POST",
      route: `${route}/entries`,
      path: `${base}/entries`,
      fields: { filmTitle: "" },
      expect: managers(400),
    },
    // The first film moved up: it stays first, so the queue is the same for the next role.
    {
      method: "POST",
      route: `${entry}/:direction{up|down}`,
      path: `${base}/entries/${firstEntryId}/up`,
      expect: managers(303),
    },
    {
      method: "GET",
      route: `${entry}/remove`,
      path: `${base}/entries/${firstEntryId}/remove`,
      expect: managers(200),
    },
    // An entry that is not there: those allowed learn so; the others are refused first.
    {
      method: "POST",
      route: `${entry}/remove`,
      path: `${base}/entries/999999/remove`,
      expect: managers(404),
    },
    // An order seen on no page: refused as outdated, and the plain post is sent back.
    {
      method: "POST",
      route: `${route}/order`,
      path: `${base}/order`,
      fields: { seen: "", order: "" },
      expect: managers(303),
    },
  ];
}

/** The posts and pages admin (manage_posts: owners and editors). */
function postSteps(postId: number): Step[] {
  const managers = (status: number) => ({ ...all(status), author: 403, contributor: 403 });
  const route = "/admin/posts/:id{[0-9]+}";
  const blank = { kind: "page", title: "", slug: "", body: "", status: "draft" };
  return [
    { method: "GET", route: "/admin/posts", path: "/admin/posts", expect: managers(200) },
    { method: "GET", route: "/admin/posts/new", path: "/admin/posts/new", expect: managers(200) },
    {
      method: "POST",
      route: "/admin/posts/new",
      path: "/admin/posts/new",
      fields: blank,
      expect: managers(400),
    },
    {
      method: "GET",
      route: `${route}/edit`,
      path: `/admin/posts/${postId}/edit`,
      expect: managers(200),
    },
    {
      method: "POST",
      route: `${route}/edit`,
      path: `/admin/posts/${postId}/edit`,
      fields: blank,
      expect: managers(400),
    },
    {
      method: "GET",
      route: `${route}/delete`,
      path: `/admin/posts/${postId}/delete`,
      expect: managers(200),
    },
    // A post that is not there: those allowed learn so; the others are refused first.
    {
      method: "POST",
      route: `${route}/delete`,
      path: "/admin/posts/999999/delete",
      expect: managers(404),
    },
  ];
}
