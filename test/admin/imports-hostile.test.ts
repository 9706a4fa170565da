// Hostile files uploaded to a running server (a real socket, the `cinelog serve` server), on
// both databases: each import fails with a message naming the limit it hit and where in the
// file, adds nothing to the site, and the public pages answer 200 before, during and after.
// The limits are set small (as CINELOG_IMPORT_LIMITS would) so each file is a few KB to send.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseHTML } from "linkedom";
import { parseImportLimits } from "../../src/config/import-limits.ts";
import { ImportFailed, runImport } from "../../src/importers/worker/run-import.ts";
import { textOf } from "../support/app.ts";
import { dialects, openTestDb, type TestDb } from "../support/databases.ts";
import { buildFixture } from "../support/fixture.ts";
import { serveForTest } from "../support/server.ts";
import {
  crowdedLetterboxd,
  emptyCellsLetterboxd,
  hugeTextWxr,
  longLineBackup,
  lyingSizesLetterboxd,
  unclosedQuoteLetterboxd,
} from "../importers/hostile-files.ts";
import { password, sessionCookieFrom } from "./admin-client.ts";
import { storedUploads, waitForJob } from "./import-upload.ts";
import { multipartBody } from "./stills-upload.ts";

const limits = parseImportLimits(
  "csvRecord=64KB,csvFields=1000,zipSize=1MB,zipEntries=100,xmlText=256KB,xmlItem=1MB," +
    "ndjsonLine=256KB,backupSize=16MB,backupEntries=1000",
);

/** The tables an import writes to: none may gain a row from a refused file. */
const contentTables = [
  "users",
  "films",
  "people",
  "reviews",
  "film_log",
  "series",
  "series_entries",
  "comments",
  "tags",
  "posts",
] as const;

async function rowCounts(db: TestDb): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of contentTables) {
    const row = await db.kysely
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<string | number>().as("n"))
      .executeTakeFirstOrThrow();
    counts[table] = Number(row.n);
  }
  return counts;
}

const publicPages = ["/", "/review/leaving-las-vegas-1995"];

/**
 * Asks for the public pages again and again until `stop` is called; resolves to every status
 * seen, with how many rounds ran. A server that died would show as a thrown fetch.
 */
function keepReading(base: string) {
  let running = true;
  const statuses: number[] = [];
  const done = (async () => {
    while (running) {
      for (const page of publicPages) {
        const response = await fetch(base + page);
        await response.arrayBuffer();
        statuses.push(response.status);
      }
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    return statuses;
  })();
  return {
    stop: async () => {
      running = false;
      return done;
    },
  };
}

describe.each(dialects)("hostile import files on a running server (%s)", (dialect) => {
  let db: TestDb;
  let server: Awaited<ReturnType<typeof serveForTest>>;
  let cookie: string;
  let token: string;

  beforeAll(async () => {
    db = await openTestDb(dialect);
    await buildFixture(db);
    server = await serveForTest(db, { importLimits: limits });
    const signIn = await fetch(`${server.base}/admin/sign-in`, {
      method: "POST",
      redirect: "manual",
      body: new URLSearchParams({ email: "critic@example.com", password }),
      headers: { "sec-fetch-site": "same-origin" },
    });
    expect(signIn.status).toBe(303);
    cookie = sessionCookieFrom(signIn)!;
    const admin = await fetch(`${server.base}/admin/imports`, { headers: { cookie } });
    const { document } = parseHTML(await admin.text());
    token = document.querySelector('input[name="_csrf"]')!.getAttribute("value")!;
  });
  afterAll(async () => {
    await server?.close();
    await db?.dispose();
  });

  /** Uploads the file as the imports form does; the job's end, its page's error and statuses. */
  async function upload(kind: "wordpress" | "letterboxd", filename: string, data: Buffer) {
    const reader = keepReading(server.base);
    const { body, contentType } = multipartBody([
      { name: "_csrf", value: token },
      { name: "file", filename, type: kind === "wordpress" ? "text/xml" : "application/zip", data },
    ]);
    const sent = await fetch(`${server.base}/admin/imports/${kind}`, {
      method: "POST",
      redirect: "manual",
      body: new Uint8Array(body),
      headers: { "content-type": contentType, "sec-fetch-site": "same-origin", cookie },
    });
    expect(sent.status, filename).toBe(303);
    const id = Number(/\/admin\/imports\/(\d+)$/.exec(sent.headers.get("location")!)![1]);
    const job = await waitForJob(db, id, 60_000);
    const statuses = await reader.stop();
    const page = await fetch(`${server.base}/admin/imports/${id}`, { headers: { cookie } });
    const shown = textOf(parseHTML(await page.text()).document.querySelector("main"));
    return { job, statuses, shown };
  }

  const cases: [string, "wordpress" | "letterboxd", string, () => Promise<Buffer>, RegExp][] = [
    [
      "a quote that never closes",
      "letterboxd",
      "unclosed.zip",
      () => unclosedQuoteLetterboxd(1024 * 1024),
      /^Refused reviews\.csv: the record that reaches line 2 is larger than 64 KB, the most an import reads \(perhaps a quote that is never closed\)/,
    ],
    [
      "one row of a million empty cells",
      "letterboxd",
      "cells.zip",
      () => emptyCellsLetterboxd(1_000_000),
      /^Refused reviews\.csv: the record on line 2 has more than 1,000 cells, the most an import reads/,
    ],
    [
      "a title of a megabyte",
      "wordpress",
      "huge-title.xml",
      () => Promise.resolve(hugeTextWxr(1024 * 1024)),
      /^Refused: one text in the file is larger than 256 KB, the most an import reads \(line 6 of the file\)/,
    ],
    [
      "sizes stated as 4 GB that inflate past the 1 MB budget",
      "letterboxd",
      "bomb.zip",
      () => lyingSizesLetterboxd(4 * 1024 * 1024, 0xfffffff0),
      /^Refused diary\.csv: the zip's files come to more than 1 MB once inflated, the most an import reads \(reached inside diary\.csv\)/,
    ],
    [
      "sizes stated as 1000 bytes that inflate to megabytes",
      "letterboxd",
      "liar.zip",
      () => lyingSizesLetterboxd(4 * 1024 * 1024, 1000),
      /^Refused diary\.csv: diary\.csv inflates to more than the 1000 bytes its header in the zip states/,
    ],
    [
      "150 files where 100 are allowed",
      "letterboxd",
      "crowded.zip",
      () => crowdedLetterboxd(150),
      /^Refused: the zip holds more than 100 files, the most an import reads \(the next one is deleted\/note-99\.txt\)/,
    ],
  ];

  it.each(cases)(
    "refuses %s, and the site answers throughout",
    async (_, kind, name, make, want) => {
      const before = await rowCounts(db);
      const data = await make();
      expect(data.length, "small to send").toBeLessThan(1.2 * 1024 * 1024);
      const { job, statuses, shown } = await upload(kind, name, data);
      expect(job.status).toBe("failed");
      expect(job.error).toMatch(want);
      expect(shown).toContain(job.error!.slice(0, 80));
      expect(statuses.length).toBeGreaterThanOrEqual(publicPages.length);
      expect(new Set(statuses)).toEqual(new Set([200]));
      expect(await rowCounts(db)).toEqual(before);
      expect(storedUploads(db.mediaDir)).toEqual([]);
      // And after: a fresh request to each page still gets its page.
      for (const page of publicPages) {
        const response = await fetch(server.base + page);
        expect(response.status, page).toBe(200);
        expect(await response.text()).toContain("Leaving Las Vegas");
      }
    },
  );

  it("refuses a backup with a line past its limit while the pages answer", async () => {
    // A restore goes only into an empty site, from the command line; it runs in the same
    // kind of worker, in this process, while the server in this process goes on serving.
    const empty = await openTestDb(dialect);
    try {
      const file = await longLineBackup(empty, 2 * 1024 * 1024);
      const reader = keepReading(server.base);
      const outcome = await runImport(
        { kind: "json", file, mediaDir: empty.mediaDir },
        { databaseUrl: empty.url, limits },
      ).catch((failure: unknown) => failure as Error);
      const statuses = await reader.stop();
      expect(outcome).toBeInstanceOf(ImportFailed);
      expect((outcome as ImportFailed).reason).toBe("refused");
      expect((outcome as Error).message).toMatch(
        /^Refused: line 1 of the backup's tables\/\w+\.ndjson is longer than 256 KB, the most a restore reads as one row\./,
      );
      expect(new Set(statuses)).toEqual(new Set([200]));
      expect(await rowCounts(empty)).toEqual(Object.fromEntries(contentTables.map((t) => [t, 0])));
    } finally {
      await empty.dispose();
    }
  });
});
