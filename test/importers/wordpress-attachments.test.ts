// Attachments of a WordPress import, on both databases: nothing is requested from the old
// site unless the owner turns fetching on; then featured images become stills and images in
// the text become files here (the text points at them), fetched from a real HTTP server on
// 127.0.0.1. A 404, a refused connection and a server that never answers are reported and
// the import carries on; attachments nothing used are recorded; a re-run adds nothing.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  AttachmentFetchError,
  fetchAttachment,
} from "../../src/importers/wordpress/attachment-fetch.ts";
import { importWordPress } from "../../src/importers/wordpress/import-wordpress.ts";
import { freePort } from "../support/cli.ts";
import { dialects, openTestDb, type TestDb } from "../support/databases.ts";
import { wxrDocument, type WxrItemSpec } from "../support/wxr-writer.ts";
import { image, startOldSite, type OldSite } from "./wordpress-attachments-server.ts";

const up = "/wp-content/uploads/2012/03";

function exportItems(base: string, deadPort: number): WxrItemSpec[] {
  const attachment = (id: number, file: string, alt = ""): WxrItemSpec => ({
    id,
    title: file,
    slug: file.replace(/\W+/g, "-"),
    type: "attachment",
    status: "inherit",
    date: "2012-03-01 09:00:00",
    content: "",
    attachmentUrl: `${base}${up}/${file}`,
    meta: {
      _wp_attached_file: `2012/03/${file}`,
      ...(alt ? { _wp_attachment_image_alt: alt } : {}),
    },
  });
  return [
    {
      id: 201,
      title: "Heat (1995)",
      slug: "heat-1995",
      date: "2012-03-01 21:00:00",
      meta: { _thumbnail_id: "301" },
      content: [
        "Directed by Michael Mann",
        `<img class="wp-image-302" src="${base}${up}/diner-300x169.png" srcset="${base}${up}/diner-300x169.png 300w, ${base}${up}/diner.png 640w" sizes="(max-width: 300px) 100vw" alt="The diner" width="300" height="169" />`,
        "Two professionals, one table.",
        `<img src="${base}${up}/gone.jpg" alt="Missing">`,
        `<img src="http://127.0.0.1:${deadPort}${up}/far.jpg" alt="Unreachable">`,
        `<img src="https://elsewhere.example/pic.jpg" alt="Someone else's">`,
        `<img src="${base}/hang/slow.jpg" alt="Slow">`,
        `<img src="${up}/local-only.png" alt="From the uploads folder">`,
      ].join("\n\n"),
    },
    attachment(301, "heat-still.jpg", "Two men at a diner table"),
    attachment(302, "diner.png"),
    attachment(303, "never-used.jpg"),
    attachment(305, "local-only.png"),
    {
      id: 202,
      title: "Thief (1981)",
      slug: "thief-1981",
      date: "2012-03-08 21:00:00",
      meta: { _thumbnail_id: "304" },
      content: "Directed by Michael Mann\n\nA safecracker wants out.",
    },
    attachment(304, "thief-gone.jpg"),
  ];
}

describe.each(dialects)("WordPress attachments on %s", (dialect) => {
  let db: TestDb;
  let site: OldSite;
  let file: string;
  let uploadsDir: string;

  beforeAll(async () => {
    db = await openTestDb(dialect);
    site = await startOldSite({
      [`${up}/heat-still.jpg`]: await image("jpeg", 800, 450),
      [`${up}/diner-300x169.png`]: await image("png", 300, 169, { r: 30, g: 160, b: 90 }),
      [`${up}/diner.png`]: await image("png", 640, 360, { r: 30, g: 160, b: 90 }),
      [`${up}/never-used.jpg`]: await image("jpeg", 64, 64),
    });
    const dead = await freePort();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cinelog-attachments-"));
    file = path.join(dir, "export.xml");
    fs.writeFileSync(file, wxrDocument({ baseUrl: site.baseUrl }, exportItems(site.baseUrl, dead)));
    uploadsDir = path.join(dir, "uploads");
    fs.mkdirSync(path.join(uploadsDir, "2012/03"), { recursive: true });
    fs.writeFileSync(path.join(uploadsDir, "2012/03/local-only.png"), await image("png", 320, 180));
  });
  afterAll(async () => {
    await site.close();
    await db.dispose();
  });

  async function bodyOf(slug: string): Promise<string> {
    const row = await db.kysely
      .selectFrom("reviews")
      .select("body_md")
      .where("slug", "=", slug)
      .executeTakeFirstOrThrow();
    return row.body_md;
  }

  async function stillCount(): Promise<number> {
    const row = await db.kysely
      .selectFrom("stills")
      .select((eb) => eb.fn.countAll().as("n"))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  it("asks the old site for nothing unless fetching is turned on, and says how", async () => {
    const summary = await importWordPress(db, { file, mediaDir: db.mediaDir });
    expect(site.requests).toEqual([]);
    expect(summary.counts.get("reviews")).toBe(2);
    const notFetched = summary.skipped.find(
      (s) =>
        s.why === "attachments not fetched: run with --fetch-attachments or give --uploads DIR",
    );
    // Two featured images and five images of the old site in the text.
    expect(notFetched?.count).toBe(7);
    expect(summary.toText()).toMatch(
      /7 × attachments not fetched: run with --fetch-attachments or give --uploads DIR/,
    );
    expect(await stillCount()).toBe(0);
    expect(await bodyOf("heat-1995")).toContain(`${site.baseUrl}${up}/diner-300x169.png`);
  });

  it("fetches what the uploads folder lacks, through the still pipeline, and carries on past failures", async () => {
    const summary = await importWordPress(db, {
      file,
      uploadsDir,
      mediaDir: db.mediaDir,
      fetchAttachments: { timeoutMs: 1500 },
    });
    expect(summary.counts.get("reviews already imported")).toBe(2);
    expect(summary.counts.get("stills from featured images")).toBe(1);
    expect(summary.counts.get("images in review text brought in")).toBe(2);

    const still = await db.kysely
      .selectFrom("stills")
      .innerJoin("reviews", "reviews.id", "stills.review_id")
      .select(["stills.alt", "stills.width", "stills.path", "reviews.slug"])
      .executeTakeFirstOrThrow();
    expect(still).toMatchObject({ alt: "Two men at a diner table", width: 800, slug: "heat-1995" });
    const meta = await sharp(path.join(db.mediaDir, still.path)).metadata();
    expect(meta.exif).toBeUndefined();

    const body = await bodyOf("heat-1995");
    // The fetched image and the one from the uploads folder now live here…
    expect(body).not.toContain("diner-300x169.png");
    expect(body).not.toContain("srcset");
    expect(body).not.toContain("local-only.png");
    const local = [...body.matchAll(/src="(\/media\/inline\/\d+\/[\w-]+\.jpg)"/g)].map(
      (m) => m[1]!,
    );
    expect(local).toHaveLength(2);
    for (const src of local) {
      const copy = path.join(db.mediaDir, src.slice("/media/".length));
      expect((await sharp(copy).metadata()).exif).toBeUndefined();
    }
    expect(body).toContain('alt="The diner"');
    // …and what could not be had stays as it was, reported.
    expect(body).toContain(`${site.baseUrl}${up}/gone.jpg`);
    expect(body).toContain("https://elsewhere.example/pic.jpg");
    const reasons = new Map(summary.skipped.map((s) => [s.why, s]));
    expect(reasons.get("attachments that could not be fetched (HTTP 404)")?.count).toBe(2);
    expect(reasons.get("attachments that could not be fetched (connection refused)")?.count).toBe(
      1,
    );
    expect(reasons.get("attachments that could not be fetched (no answer in time)")?.count).toBe(1);
    expect(reasons.get("images from other sites, left as they are")?.count).toBe(1);
    // The uploads folder is read first: its file is never asked of the server; another
    // site's image is never asked for at all.
    expect(site.requests).not.toContain(`${up}/local-only.png`);
    expect(site.requests).toContain(`${up}/diner-300x169.png`);
    expect(site.requests).not.toContain(`${up}/never-used.jpg`);

    // The attachment no post used is recorded (local id 0), and reported; those brought
    // into the text are recorded with their review.
    const heat = await db.kysely
      .selectFrom("reviews")
      .select("id")
      .where("slug", "=", "heat-1995")
      .executeTakeFirstOrThrow();
    const recorded = await db.kysely
      .selectFrom("import_items")
      .select(["external_id", "local_id"])
      .where("kind", "=", "attachment")
      .orderBy("external_id")
      .execute();
    expect(recorded).toEqual([
      { external_id: "302", local_id: heat.id },
      { external_id: "303", local_id: 0 },
      { external_id: "305", local_id: heat.id },
    ]);
    expect(summary.toText()).toMatch(
      /in no review's text \(recorded, not imported\) \(2012\/03\/never-used\.jpg\)/,
    );
  });

  it("adds nothing on a second run", async () => {
    const before = await stillCount();
    const bodyBefore = await bodyOf("heat-1995");
    const asked = site.requests.length;
    const summary = await importWordPress(db, {
      file,
      uploadsDir,
      mediaDir: db.mediaDir,
      fetchAttachments: { timeoutMs: 1500 },
    });
    expect(await stillCount()).toBe(before);
    expect(await bodyOf("heat-1995")).toBe(bodyBefore);
    expect(summary.counts.get("stills from featured images")).toBeUndefined();
    // Only what failed before is asked for again.
    expect(site.requests.slice(asked).sort()).toEqual(
      [`${up}/gone.jpg`, `${up}/thief-gone.jpg`, "/hang/slow.jpg"].sort(),
    );
    const recorded = await db.kysely
      .selectFrom("import_items")
      .select("external_id")
      .where("kind", "=", "attachment")
      .execute();
    expect(recorded).toHaveLength(3);
    const left = summary.skipped.find((s) => s.why.includes("recorded, not imported"));
    expect(left?.examples).toEqual(["2012/03/never-used.jpg"]);
  });
});

describe("fetching one attachment", () => {
  let site: OldSite;
  beforeAll(async () => {
    site = await startOldSite({ "/big.png": await image("png", 400, 400) });
  });
  afterAll(() => site.close());

  it("reads http(s) only, and never more than the limit", async () => {
    await expect(fetchAttachment("file:///etc/passwd")).rejects.toThrow(
      "file addresses are not fetched",
    );
    await expect(fetchAttachment("ftp://127.0.0.1/x.jpg")).rejects.toThrow(AttachmentFetchError);
    const whole = await fetchAttachment(`${site.baseUrl}/big.png`);
    expect(whole.length).toBeGreaterThan(1000);
    await expect(fetchAttachment(`${site.baseUrl}/big.png`, { maxBytes: 1000 })).rejects.toThrow(
      /larger than/,
    );
  });
});
