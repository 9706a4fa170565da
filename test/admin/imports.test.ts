// Imports from the admin over HTTP, on both databases: an export uploaded through the real
// multipart form (token first), imported in the background, its page following it to the
// summary or to the importer's reason for failing; and a job whose process died.
// (What must be refused: imports-refusals.test.ts.)
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  abandonedMessage,
  failImportJob,
  holdImportJobHere,
  importJob,
  queueImportJob,
  staleAfterMs,
} from "../../src/importers/jobs/import-jobs.ts";
import {
  crouchingTiger,
  writeZip,
  realisticExport,
} from "../importers/letterboxd/letterboxd-fixture.ts";
import { textOf } from "../support/app.ts";
import { dialects } from "../support/databases.ts";
import { getAs } from "./admin-client.ts";
import { adminSite } from "./admin-site.ts";
import {
  filePart,
  jobIdOf,
  postImport,
  reviewsWxr,
  storedUploads,
  waitForJob,
} from "./import-upload.ts";

describe.each(dialects)("imports from the admin on %s", (dialect) => {
  const site = adminSite(dialect, {
    accounts: ["editor", "author"],
    signInAs: "critic@example.com",
  });
  const token = (value = site.token) => ({ name: "_csrf", value });

  it("imports a WordPress export in the background and shows its summary", async () => {
    const wxr = reviewsWxr([
      ["Heat", 1995],
      ["Casino", 1995],
      ["Leaving Las Vegas", 1995],
    ]);
    const sent = await postImport(
      site.app,
      "wordpress",
      [token(), filePart("old-journal.WordPress.2015-06-01.xml", wxr)],
      { cookie: site.cookie },
    );
    expect(sent.response.status).toBe(303);
    const id = jobIdOf(sent.response);

    const job = await waitForJob(site.db, id);
    expect(job.error).toBeNull();
    expect(job.status).toBe("done");
    expect(job.original_name).toBe("old-journal.WordPress.2015-06-01.xml");
    expect(job.progress_total).toBe(wxr.length);
    expect(job.progress_done).toBe(wxr.length);
    // The upload is deleted once the job has ended.
    expect(job.stored_path).toBeNull();
    expect(storedUploads(site.db.mediaDir)).toEqual([]);

    const progress = await site.app.request(`/admin/imports/${id}?format=json`, {
      headers: { cookie: site.cookie },
    });
    expect(await progress.json()).toMatchObject({ status: "done", percent: 100 });

    const { response, document } = await getAs(site.app, `/admin/imports/${id}`, site.cookie);
    expect(response.status).toBe(200);
    // A finished job's page stops refreshing itself and loads no script.
    expect(document.querySelector('meta[http-equiv="refresh"]')).toBeNull();
    expect(document.querySelector("noscript")).toBeNull();
    expect(document.querySelector("script")).toBeNull();
    expect(textOf(document.querySelector(".import-status"))).toBe("Done");
    expect(document.querySelector("progress")?.getAttribute("value")).toBe("100");
    const counts = [...document.querySelectorAll(".import-counts li")].map(textOf);
    expect(counts).toContain("reviews: 3");
    expect(counts.find((c) => /^comments/.test(c))).toMatch(/: 3$/);
    // The word-for-word check of every post brought in.
    expect(textOf(document.querySelector(".import-fidelity"))).toBe(
      "0 posts changed (of 3 compared word for word with the export)",
    );
    // What was left out says why, with the record to recognise it by.
    const skipped = [...document.querySelectorAll(".import-skipped li")].map(textOf);
    expect(skipped).toEqual([
      '1 × post in the WordPress trash (for example post 499 "Thrown Away (2001)")',
    ]);
    const links = [...document.querySelectorAll(".import-reviews a")].map((a) => [
      textOf(a),
      a.getAttribute("href"),
    ]);
    expect(links.map(([title]) => title)).toEqual([
      "Heat (1995)",
      "Casino (1995)",
      "Leaving Las Vegas (1995)",
    ]);

    // The reviews are really there, on the films the titles named.
    const reviews = await site.db.kysely
      .selectFrom("reviews")
      .innerJoin("films", "films.id", "reviews.film_id")
      .select(["reviews.id", "films.title", "films.year", "reviews.body_md"])
      .where("films.title", "in", ["Heat", "Casino", "Leaving Las Vegas"])
      .where("reviews.body_md", "like", "%written for this test%")
      .orderBy("reviews.id")
      .execute();
    expect(reviews.map((r) => `${r.title} (${r.year})`)).toEqual(links.map(([title]) => title));
    expect(links.map(([, href]) => href)).toEqual(
      reviews.map((r) => `/admin/reviews/${r.id}/edit`),
    );
    // A film already on record is matched, not added twice.
    const vegas = await site.db.kysely
      .selectFrom("films")
      .select("id")
      .where("title", "=", "Leaving Las Vegas")
      .execute();
    expect(vegas.map((f) => f.id)).toEqual([site.fixture.films.vegas.id]);

    // Listed among past imports, linked to its page.
    const list = await getAs(site.app, "/admin/imports", site.cookie);
    const row = [...list.document.querySelectorAll("tbody tr")].find(
      (tr) => tr.querySelector("a")?.getAttribute("href") === `/admin/imports/${id}`,
    );
    expect(textOf(row)).toMatch(/old-journal.*WordPress.*Done/);

    // The same export again: nothing new, nothing duplicated.
    const again = await postImport(site.app, "wordpress", [token(), filePart("again.xml", wxr)], {
      cookie: site.cookie,
    });
    const second = await waitForJob(site.db, jobIdOf(again.response));
    expect(second.status).toBe("done");
    const count = await site.db.kysely
      .selectFrom("reviews")
      .select((eb) => eb.fn.countAll<string | number>().as("n"))
      .where("body_md", "like", "%written for this test%")
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(3);
  });
  it("imports a Letterboxd export in the background and shows its summary", async () => {
    const zipPath = await writeZip(realisticExport);
    const zip = fs.readFileSync(zipPath);
    fs.rmSync(path.dirname(zipPath), { recursive: true, force: true });
    const sent = await postImport(
      site.app,
      "letterboxd",
      [token(), filePart("letterboxd-reviewer-2024-06-01.zip", zip, "application/zip")],
      { cookie: site.cookie },
    );
    expect(sent.response.status).toBe(303);
    const job = await waitForJob(site.db, jobIdOf(sent.response));
    expect(job.error).toBeNull();
    expect(job.status).toBe("done");
    expect(job.kind).toBe("letterboxd");
    expect(storedUploads(site.db.mediaDir)).toEqual([]);

    const { document } = await getAs(site.app, `/admin/imports/${job.id}`, site.cookie);
    expect(textOf(document.querySelector("h1"))).toBe(
      "Import from Letterboxd: letterboxd-reviewer-2024-06-01.zip",
    );
    const counts = [...document.querySelectorAll(".import-counts li")].map(textOf);
    expect(counts.length).toBeGreaterThan(2);
    expect(counts.some((c) => /^films added: \d+$/.test(c))).toBe(true);
    const skipped = [...document.querySelectorAll(".import-skipped li")].map(textOf).join("\n");
    expect(skipped).toMatch(/profile/);
    // The review of a film named in the export is there, linked from the summary.
    const links = [...document.querySelectorAll(".import-reviews a")].map(textOf);
    expect(links).toContain(`${crouchingTiger} (2000)`);
  });
  it("shows a running import with a progress bar that refreshes itself", async () => {
    const job = await queueImportJob(site.db, {
      kind: "wordpress",
      originalName: "slow.xml",
      storedPath: path.join(site.db.mediaDir, "imports", "missing.xml"),
      createdBy: site.fixture.author.id,
    });
    try {
      const { document } = await getAs(site.app, `/admin/imports/${job!.id}`, site.cookie);
      expect(textOf(document.querySelector(".import-status"))).toBe("Waiting to start");
      const bar = document.querySelector("progress#import-progress-bar");
      expect(bar?.getAttribute("max")).toBe("100");
      expect(bar?.getAttribute("value")).toBe("0");
      // Without JavaScript the page reloads every 2 s; with it, the script polls instead.
      expect(document.querySelector("head noscript")?.innerHTML).toContain(
        '<meta http-equiv="refresh" content="2"',
      );
      expect(
        document.querySelector("[data-import-progress]")?.getAttribute("data-import-progress"),
      ).toBe(`/admin/imports/${job!.id}?format=json`);
      expect(document.querySelector("script")?.getAttribute("src")).toMatch(
        /^\/assets\/import-progress\.[0-9a-f]+\.js$/,
      );
      const json = await site.app.request(`/admin/imports/${job!.id}?format=json`, {
        headers: { cookie: site.cookie },
      });
      expect(json.headers.get("cache-control")).toBe("private, no-store");
      expect(await json.json()).toEqual({
        status: "queued",
        percent: 0,
        done: 0,
        total: 0,
        detail: "",
      });
    } finally {
      await failImportJob(site.db, job!.id, "Ended by the test.");
    }
  });
  it("marks failed a job whose process stopped, and deletes its upload", async () => {
    const dir = path.join(site.db.mediaDir, "imports");
    fs.mkdirSync(dir, { recursive: true });
    const stored = path.join(dir, "left-behind.xml");
    fs.writeFileSync(stored, "<?xml version='1.0'?><rss/>");
    const job = await queueImportJob(site.db, {
      kind: "wordpress",
      originalName: "crashed.xml",
      storedPath: stored,
      createdBy: site.fixture.author.id,
    });
    const longAgo = new Date(Date.now() - staleAfterMs - 5_000).toISOString();
    await site.db.kysely
      .updateTable("import_jobs")
      .set({ status: "running", started_at: longAgo, heartbeat_at: longAgo })
      .where("id", "=", job!.id)
      .execute();
    const { document } = await getAs(site.app, "/admin/imports", site.cookie);
    expect(document.querySelector(".form-notice")).toBeNull();
    const after = await importJob(site.db, job!.id);
    expect(after?.status).toBe("failed");
    expect(after?.error).toBe(abandonedMessage);
    expect(fs.existsSync(stored)).toBe(false);
    const page = await getAs(site.app, `/admin/imports/${job!.id}`, site.cookie);
    expect(textOf(page.document.querySelector('[role="alert"]'))).toBe(abandonedMessage);
  });
  it("never takes an import this process is running for abandoned, however late its heartbeat", async () => {
    const job = await queueImportJob(site.db, {
      kind: "wordpress",
      originalName: "slow-to-beat.xml",
      storedPath: path.join(site.db.mediaDir, "imports", "slow-to-beat.xml"),
      createdBy: site.fixture.author.id,
    });
    const release = holdImportJobHere(site.db, job!.id);
    try {
      const longAgo = new Date(Date.now() - staleAfterMs - 5_000).toISOString();
      await site.db.kysely
        .updateTable("import_jobs")
        .set({ status: "running", started_at: longAgo, heartbeat_at: longAgo })
        .where("id", "=", job!.id)
        .execute();
      // The job's page sweeps for abandoned jobs: this one is running here, so it stays.
      const page = await getAs(site.app, `/admin/imports/${job!.id}`, site.cookie);
      expect(page.response.status).toBe(200);
      expect((await importJob(site.db, job!.id))?.status).toBe("running");
    } finally {
      release();
    }
    // Once this process lets go of it, a silent job is abandoned like any other.
    await getAs(site.app, "/admin/imports", site.cookie);
    expect((await importJob(site.db, job!.id))?.error).toBe(abandonedMessage);
  });
  it("fails an export the importer refuses, with its reason on the job's page", async () => {
    const hostile = Buffer.from(
      '<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<rss>&x;</rss>\n',
    );
    const sent = await postImport(
      site.app,
      "wordpress",
      [token(), filePart("entities.xml", hostile)],
      { cookie: site.cookie },
    );
    const job = await waitForJob(site.db, jobIdOf(sent.response));
    expect(job.status).toBe("failed");
    expect(job.error).toMatch(/DOCTYPE/);
    const { document } = await getAs(site.app, `/admin/imports/${job.id}`, site.cookie);
    expect(textOf(document.querySelector('[role="alert"]'))).toMatch(/DOCTYPE/);
    expect(document.querySelector("progress")).toBeNull();
    expect(storedUploads(site.db.mediaDir)).toEqual([]);

    // A zip with nothing of Letterboxd's in it: the importer's reason, as it gave it.
    const zipPath = await writeZip({ "notes.txt": "Not an export." });
    const zip = fs.readFileSync(zipPath);
    fs.rmSync(path.dirname(zipPath), { recursive: true, force: true });
    const other = await postImport(
      site.app,
      "letterboxd",
      [token(), filePart("holiday-photos.zip", zip, "application/zip")],
      { cookie: site.cookie },
    );
    const failed = await waitForJob(site.db, jobIdOf(other.response));
    expect(failed.status).toBe("failed");
    expect(failed.error).not.toMatch(/unexpected error/);
    const shown = await getAs(site.app, `/admin/imports/${failed.id}`, site.cookie);
    expect(textOf(shown.document.querySelector('[role="alert"]'))).toBe(failed.error);
  });
});
