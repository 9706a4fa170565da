// Imports from the admin that must be refused, on both databases, each with a message that
// says why and nothing left behind: a second import while one runs, files of the wrong kind,
// files over the limit, a forged form, and anyone but the owner.
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  activeImportJob,
  failImportJob,
  queueImportJob,
  recentImportJobs,
} from "../../src/importers/jobs/import-jobs.ts";
import { textOf } from "../support/app.ts";
import { dialects } from "../support/databases.ts";
import { csrfToken, getAs, postForm, signIn } from "./admin-client.ts";
import { adminSite } from "./admin-site.ts";
import {
  filePart,
  postImport,
  postLargeImport,
  reviewsWxr,
  storedUploads,
} from "./import-upload.ts";

describe.each(dialects)("imports refused on %s", (dialect) => {
  const site = adminSite(dialect, {
    accounts: ["editor", "author"],
    signInAs: "critic@example.com",
  });
  const token = (value = site.token) => ({ name: "_csrf", value });
  const errorOf = (document: Document, kind: string) =>
    textOf(document.querySelector(`#${kind}-file-error`));

  it("refuses a second import while one is under way, before reading the file", async () => {
    const running = await queueImportJob(site.db, {
      kind: "letterboxd",
      originalName: "diary.zip",
      storedPath: path.join(site.db.mediaDir, "imports", "held.zip"),
      createdBy: site.fixture.author.id,
    });
    expect(running).toBeDefined();
    try {
      // Two at once, straight to the table: only one can be active.
      const racing = await Promise.all(
        [1, 2].map(() =>
          queueImportJob(site.db, {
            kind: "wordpress",
            originalName: "race.xml",
            storedPath: "/nowhere",
            createdBy: site.fixture.author.id,
          }),
        ),
      );
      expect(racing).toEqual([undefined, undefined]);
      const sent = await postImport(
        site.app,
        "wordpress",
        [token(), filePart("second.xml", reviewsWxr([["Heat", 1995]]))],
        { cookie: site.cookie },
      );
      expect(sent.response.status).toBe(409);
      const { parseHTML } = await import("linkedom");
      const { document } = parseHTML(await sent.response.text());
      expect(errorOf(document, "wordpress")).toMatch(/Another import is under way/);
      expect(document.querySelector(".form-notice a")?.getAttribute("href")).toBe(
        `/admin/imports/${running!.id}`,
      );
      expect(sent.progress.pulled).toBeLessThanOrEqual(64 * 1024);
      expect(storedUploads(site.db.mediaDir)).toEqual([]);
    } finally {
      await failImportJob(site.db, running!.id, "Ended by the test.");
    }
    expect(await activeImportJob(site.db)).toBeUndefined();
  });
  it("refuses files of the wrong kind, or none, with a message by the field", async () => {
    const before = (await recentImportJobs(site.db)).length;
    const cases: [kind: "wordpress" | "letterboxd", name: string, data: Buffer, want: RegExp][] = [
      ["wordpress", "notes.txt", Buffer.from("<?xml version='1.0'?>"), /not a WordPress export/],
      ["wordpress", "photo.xml", Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]), /not start like/],
      ["letterboxd", "export.xml", reviewsWxr([["Heat", 1995]]), /not a Letterboxd export/],
      ["letterboxd", "export.zip", Buffer.from("plain text, not a zip"), /not a zip file/],
    ];
    for (const [kind, name, data, want] of cases) {
      const sent = await postImport(site.app, kind, [token(), filePart(name, data)], {
        cookie: site.cookie,
      });
      expect(sent.response.status, name).toBe(400);
      const { parseHTML } = await import("linkedom");
      const { document } = parseHTML(await sent.response.text());
      expect(errorOf(document, kind), name).toMatch(want);
      expect(document.querySelector(`#${kind}-file`)?.getAttribute("aria-invalid")).toBe("true");
    }
    // No file chosen: the browser still sends an empty part.
    const empty = await postImport(
      site.app,
      "wordpress",
      [token(), filePart("", Buffer.alloc(0))],
      {
        cookie: site.cookie,
      },
    );
    expect(empty.response.status).toBe(400);
    expect(await empty.response.text()).toContain("Choose a WordPress export (.xml) to upload.");
    expect((await recentImportJobs(site.db)).length).toBe(before);
    expect(storedUploads(site.db.mediaDir)).toEqual([]);
  });
  it("refuses a file over 200 MB, on its declared size or as it streams in", async () => {
    // Streaming 200 MB through the parser takes seconds, and no database is involved until
    // the file is whole: the streamed case runs once, on SQLite.
    for (const sized of dialect === "sqlite" ? [true, false] : [true]) {
      const sent = await postLargeImport(site.app, {
        cookie: site.cookie,
        token: site.token,
        head: "<?xml version='1.0'?>\n<rss>",
        // Declared: plainly over. Streamed: one byte over is enough.
        size: sized ? 201 * 1024 * 1024 : 200 * 1024 * 1024 + 1,
        sized,
      });
      expect(sent.response.status).toBe(413);
      const { parseHTML } = await import("linkedom");
      const { document } = parseHTML(await sent.response.text());
      expect(errorOf(document, "wordpress")).toMatch(
        /larger than 200 MB.*cinelog import wordpress/,
      );
      if (sized) expect(sent.progress.pulled).toBeLessThanOrEqual(64 * 1024);
      expect(storedUploads(site.db.mediaDir)).toEqual([]);
    }
  }, 60_000);
  it("refuses an upload whose form token is wrong, storing nothing", async () => {
    const before = (await recentImportJobs(site.db)).length;
    for (const parts of [
      [token("forged"), filePart("a.xml", reviewsWxr([["Heat", 1995]]))],
      // A file sent before any token is refused as it starts.
      [filePart("b.xml", reviewsWxr([["Heat", 1995]])), token()],
    ]) {
      const sent = await postImport(site.app, "wordpress", parts, { cookie: site.cookie });
      expect(sent.response.status).toBe(403);
      expect(await sent.response.text()).toContain("This form expired");
    }
    const plain = await postForm(
      site.app,
      "/admin/imports/wordpress",
      { _csrf: "forged" },
      {
        cookie: site.cookie,
      },
    );
    expect(plain.status).toBe(403);
    expect((await recentImportJobs(site.db)).length).toBe(before);
    expect(storedUploads(site.db.mediaDir)).toEqual([]);
  });
  it("is the owner's alone", async () => {
    const ended = await queueImportJob(site.db, {
      kind: "wordpress",
      originalName: "owners-only.xml",
      storedPath: "/nowhere/owners-only.xml",
      createdBy: site.fixture.author.id,
    });
    await failImportJob(site.db, ended!.id, "Ended by the test.");
    const jobId = ended!.id;
    const before = (await recentImportJobs(site.db)).length;
    for (const who of ["editor", "author"]) {
      const cookie = await signIn(site.app, `${who}@example.com`);
      const own = await csrfToken(site.app, cookie);
      for (const path of ["/admin/imports", `/admin/imports/${jobId}`]) {
        const { response, document } = await getAs(site.app, path, cookie);
        expect(response.status, `${who} ${path}`).toBe(403);
        expect(document.querySelector("progress")).toBeNull();
      }
      const json = await site.app.request(`/admin/imports/${jobId}?format=json`, {
        headers: { cookie },
      });
      expect(json.status).toBe(403);
      const sent = await postImport(
        site.app,
        "wordpress",
        [token(own), filePart("mine.xml", reviewsWxr([["Heat", 1995]]))],
        { cookie },
      );
      expect(sent.response.status).toBe(403);
      const dashboard = await getAs(site.app, "/admin", cookie);
      expect(dashboard.document.querySelector('a[href="/admin/imports"]')).toBeNull();
    }
    expect((await recentImportJobs(site.db)).length).toBe(before);
    const owner = await getAs(site.app, "/admin", site.cookie);
    expect(owner.document.querySelector('nav a[href="/admin/imports"]')).not.toBeNull();
  });
});
