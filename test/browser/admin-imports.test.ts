// Imports in a real browser: the owner uploads a WordPress export large enough to take a
// while, and watches its page follow the import (the progress bar moving, the page never
// reloaded by hand) to the summary; the same without JavaScript, by the page refreshing
// itself; and a running import's page passes axe-core in light and dark mode.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { failImportJob, queueImportJob } from "../../src/importers/jobs/import-jobs.ts";
import { createUser } from "../../src/domain/users.ts";
import { axeChecker } from "../support/axe.ts";
import { browserSite, signInThroughForm } from "../support/browser-site.ts";
import { wxrDocument, type WxrItemSpec } from "../support/wxr-writer.ts";

const password = "correct horse battery";

/** `posts` reviews of made-up films, each with `comments` comments. */
function largeWxr(posts: number, comments: number, baseUrl: string): Buffer {
  const items: WxrItemSpec[] = [];
  for (let i = 0; i < posts; i++) {
    items.push({
      id: 1000 + i,
      title: `Imagined Picture No. ${i + 1} (${1950 + (i % 60)})`,
      slug: `imagined-picture-${i + 1}`,
      date: `2016-0${(i % 9) + 1}-1${i % 10} 20:00:00`,
      content: `Directed by Nobody ${i % 40}\n\nNotes on picture ${i + 1}, made up for a browser test.`,
      comments: Array.from({ length: comments }, (_, j) => ({
        id: 100_000 + i * comments + j,
        author: `Reader ${j}`,
        email: `reader${j}@example.net`,
        date: "2016-10-01 10:00:00",
        content: `Comment ${j} on picture ${i + 1}.`,
      })),
    });
  }
  return Buffer.from(wxrDocument({ baseUrl, title: "A Big Old Journal" }, items));
}

describe("imports in a real browser", () => {
  let ownerId = 0;
  const site = browserSite({
    prepare: async (db) => {
      ownerId = (
        await createUser(db, {
          email: "importer@example.com",
          displayName: "Ida Importer",
          role: "owner",
          password,
        })
      ).id;
    },
  });

  async function signedInPage(javaScriptEnabled = true) {
    const { context, page } = await site.newPage({ javaScriptEnabled });
    await signInThroughForm(page, site.base, { email: "importer@example.com", password });
    return { context, page };
  }

  /** Chooses the file and presses Import; resolves on the job's page, with its HTML as sent. */
  async function upload(page: Page, name: string, data: Buffer) {
    await page.goto(`${site.base}/admin/imports`);
    await page.setInputFiles("#wordpress-file", { name, mimeType: "text/xml", buffer: data });
    const [jobPage] = await Promise.all([
      page.waitForResponse(
        (r) => /\/admin\/imports\/\d+$/.test(r.url()) && r.request().method() === "GET",
      ),
      page.waitForURL(/\/admin\/imports\/\d+$/),
      page.click("button:text('Import from WordPress')"),
    ]);
    return { url: page.url(), html: await jobPage.text() };
  }

  it("follows a large import to its summary without a reload by hand", async () => {
    const { context, page } = await signedInPage();
    const wxr = largeWxr(800, 1, "https://big.example.org");
    const { url: jobUrl, html } = await upload(page, "big-journal.xml", wxr);
    // The bar as the server drew it, before any script ran.
    const drawn = Number(/<progress[^>]* value="(\d+)"/.exec(html)?.[1]);
    expect(drawn).toBeLessThan(100);

    // Loads of the page from here on: only the one the script makes when the import ends.
    let loads = 0;
    page.on("load", () => (loads += 1));
    // What the page's script asked the server and was told, in order: each answer is what it
    // then shows in the bar. (On a quiet machine the import may end before the first answer,
    // so the bar is read from these answers rather than sampled off the page.)
    const progressUrl = `${jobUrl}?format=json`;
    const told: number[] = [];
    let asked = 0;
    page.on("request", (request) => {
      if (request.url() === progressUrl) asked += 1;
    });
    page.on("response", (response) => {
      if (response.url() !== progressUrl) return;
      void response
        .json()
        .then((job: { percent: number }) => told.push(job.percent))
        .catch(() => undefined);
    });
    // The summary, or the reason the import failed: either ends the wait, and a failure says
    // what the page said rather than only that the summary never came.
    await page.locator(".import-counts, [role='alert']").first().waitFor({ timeout: 150_000 });
    expect(await page.textContent(".import-status"), await page.innerText("main")).toBe("Done");
    expect(page.url()).toBe(jobUrl);
    expect(loads).toBe(1);
    // The script followed the import from the page as drawn, and what it was told (those
    // answers whose body was read before its reload) never went back; the reload came only
    // once it had been told the import was over (the summary shows 100 below).
    expect(asked, `drawn at ${drawn}; told ${told.join(", ")}`).toBeGreaterThan(0);
    expect(told).toEqual([...told].sort((a, b) => a - b));

    expect(await page.textContent(".import-status")).toBe("Done");
    expect(await page.getAttribute("progress", "value")).toBe("100");
    const counts = await page.locator(".import-counts li").allTextContents();
    expect(counts).toContain("reviews: 800");
    expect(await page.locator(".import-reviews a").count()).toBe(20);
    const axe = axeChecker(page);
    for (const scheme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await axe.check(`finished import (${scheme})`);
    }
    expect(axe.problems).toEqual([]);
    await Promise.all([
      page.waitForURL(/\/admin\/reviews\/\d+\/edit$/),
      page.click(".import-reviews a >> nth=0"),
    ]);
    expect(await page.inputValue("#body")).toContain("Notes on picture 1,");
    expect(site.foreignRequests).toEqual([]);
    await context.close();
  }, 180_000);

  it("refreshes itself until the import ends when JavaScript is off", async () => {
    const { context, page } = await signedInPage(false);
    const { url: jobUrl } = await upload(
      page,
      "small-journal.xml",
      largeWxr(200, 1, "https://small.example.org"),
    );
    // No script runs: the page reloads itself every 2 s until the import has ended.
    await page
      .locator(".import-status")
      .filter({ hasNotText: /^(Queued|Running)$/ })
      .waitFor({ timeout: 120_000 });
    expect(page.url()).toBe(jobUrl);
    // Should it have ended otherwise, the page's own words say why.
    expect(await page.textContent(".import-status"), await page.innerText("main")).toBe("Done");
    expect(await page.locator(".import-counts li").allTextContents()).toContain("reviews: 200");
    expect(await page.locator('meta[http-equiv="refresh"]').count()).toBe(0);
    await context.close();
  }, 150_000);

  it("shows a running import accessibly, in light and dark", async () => {
    const job = await queueImportJob(site.db, {
      kind: "letterboxd",
      originalName: "letterboxd-export.zip",
      storedPath: "/nowhere/letterboxd-export.zip",
      createdBy: ownerId,
    });
    // Halfway, in a process that is alive as far as anyone can tell.
    await site.db.kysely
      .updateTable("import_jobs")
      .set({
        status: "running",
        started_at: new Date().toISOString(),
        heartbeat_at: "9999-12-31T00:00:00.000Z",
        progress_done: 40,
        progress_total: 100,
        progress_detail: "1,234 items read",
      })
      .where("id", "=", job!.id)
      .execute();
    const { context, page } = await signedInPage();
    try {
      await page.goto(`${site.base}/admin/imports/${job!.id}`);
      expect(await page.textContent(".import-status")).toBe("Running");
      expect(await page.textContent(".import-progress-text")).toBe("40% · 1,234 items read");
      const axe = axeChecker(page);
      for (const scheme of ["light", "dark"] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        await axe.check(`running import (${scheme})`);
        await page.goto(`${site.base}/admin/imports`);
        // The form is refused while the other import runs: the page says so, with a link.
        expect(await page.textContent(".form-notice")).toContain("An import is under way");
        await axe.check(`imports while one runs (${scheme})`);
        await page.goto(`${site.base}/admin/imports/${job!.id}`);
      }
      expect(axe.problems).toEqual([]);
    } finally {
      await failImportJob(site.db, job!.id, "Ended by the test.");
      await context.close();
    }
  }, 60_000);
});
