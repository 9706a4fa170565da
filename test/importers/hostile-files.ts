// Hostile import files, made by the tests as they run (none is committed): zips whose CSV
// never closes a quote or holds one row of countless empty cells, zips whose headers lie
// about their sizes or hold too many files, a WordPress export with one enormous text node,
// and a backup with one enormous line. Each is small to send and large to read.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import yauzl from "yauzl";
import yazl from "yazl";
import type { Db } from "../../src/db/connect.ts";
import { exportBackup } from "../../src/backup/export-backup.ts";
import { cdata, wxrTail } from "../support/wxr-writer.ts";

const reviewsHeader = "Date,Name,Year,Letterboxd URI,Rating,Rewatch,Review,Tags,Watched Date\n";

/** A zip of `files` (name → contents), in memory; deflated unless `store` is set. */
export async function zipOf(
  files: Record<string, string | Buffer>,
  options: { store?: boolean } = {},
): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const [name, contents] of Object.entries(files)) {
    zip.addBuffer(typeof contents === "string" ? Buffer.from(contents) : contents, name, {
      compress: !options.store,
    });
  }
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * The same zip with every entry's uncompressed size, in its local header and in the central
 * directory, replaced by `stated`: the lie a zip bomb tells.
 */
export function withStatedSizes(zip: Buffer, stated: number): Buffer {
  const out = Buffer.from(zip);
  for (let at = 0; at + 4 <= out.length; at += 1) {
    const signature = out.readUInt32LE(at);
    if (signature === 0x04034b50 && at + 26 <= out.length) out.writeUInt32LE(stated, at + 22);
    if (signature === 0x02014b50 && at + 28 <= out.length) out.writeUInt32LE(stated, at + 24);
  }
  return out;
}

/** reviews.csv whose first row opens a quoted review that never closes. */
export function unclosedQuoteLetterboxd(bytes: number): Promise<Buffer> {
  return zipOf({
    "reviews.csv":
      reviewsHeader +
      '2021-02-04,Ran,1985,https://boxd.it/ab,5,No,"It begins well and then' +
      " and then".repeat(Math.ceil(bytes / 9)),
  });
}

/** reviews.csv whose only row is `cells` empty cells. */
export function emptyCellsLetterboxd(cells: number): Promise<Buffer> {
  return zipOf({ "reviews.csv": reviewsHeader + ",".repeat(cells) + "\n" });
}

/**
 * A diary of a header and `bytes` blank lines (no record, so nothing to import), its zip
 * headers claiming a size far from what it inflates to.
 */
export async function lyingSizesLetterboxd(bytes: number, stated: number): Promise<Buffer> {
  const diary =
    "Date,Name,Year,Letterboxd URI,Rating,Rewatch,Tags,Watched Date\n" + "\n".repeat(bytes);
  return withStatedSizes(await zipOf({ "diary.csv": diary }), stated);
}

/** `count` tiny files beside an empty watchlist. */
export function crowdedLetterboxd(count: number): Promise<Buffer> {
  const files: Record<string, string> = { "watchlist.csv": "Date,Name,Year,Letterboxd URI\n" };
  for (let i = 0; i < count; i += 1) files[`deleted/note-${i}.txt`] = "";
  return zipOf(files, { store: true });
}

/**
 * A WordPress export whose only record, a post, has a title of `bytes` characters: no
 * author, category or tag comes before it, so a refusal leaves the site exactly as it was.
 */
export function hugeTextWxr(bytes: number): Buffer {
  const head =
    '<?xml version="1.0" encoding="UTF-8" ?>\n<rss version="2.0" ' +
    'xmlns:content="http://purl.org/rss/1.0/modules/content/" ' +
    'xmlns:wp="http://wordpress.org/export/1.2/">\n<channel>\n<title>Hostile</title>\n' +
    "<wp:wxr_version>1.2</wp:wxr_version>\n";
  const post =
    "<item><title>" +
    "A title that goes on ".repeat(Math.ceil(bytes / 21)) +
    "</title><wp:post_id>7</wp:post_id><wp:post_type>post</wp:post_type>" +
    `<wp:status>publish</wp:status><content:encoded>${cdata("Short.")}</content:encoded></item>`;
  return Buffer.from(`${head}${post}\n${wxrTail}`);
}

/**
 * A real backup of `db` (which should be empty), with every table file replaced by one line
 * of `bytes` characters: the restore meets it in whichever table it reads first.
 */
export async function longLineBackup(db: Db, bytes: number): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cinelog-hostile-"));
  const honest = path.join(dir, "honest.zip");
  await exportBackup(db, { out: honest, mediaDir: dir });
  const zip = await yauzl.openPromise(honest, { lazyEntries: true });
  const files: Record<string, Buffer> = {};
  const line = Buffer.from(`{"id":"${"9".repeat(bytes)}"}\n`);
  await new Promise<void>((resolve, reject) => {
    zip.on("entry", (entry: yauzl.Entry) => {
      if (entry.fileName.startsWith("tables/")) {
        files[entry.fileName] = line;
        zip.readEntry();
        return;
      }
      zip.openReadStream(entry, (error, stream) => {
        if (error) return reject(error);
        const chunks: Buffer[] = [];
        stream.on("data", (chunk: Buffer) => chunks.push(chunk));
        stream.on("end", () => {
          files[entry.fileName] = Buffer.concat(chunks);
          zip.readEntry();
        });
      });
    });
    zip.on("end", () => resolve());
    zip.on("error", reject);
    zip.readEntry();
  });
  zip.close();
  const hostile = path.join(dir, "hostile.zip");
  fs.writeFileSync(hostile, await zipOf(files));
  return hostile;
}
