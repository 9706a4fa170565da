// The import limits: parsed from CINELOG_IMPORT_LIMITS with the defaults wired into the
// configuration, and each reader refusing a file past its limit with a message naming it.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import yazl from "yazl";
import { openBackupZip } from "../../src/backup/backup-zip.ts";
import { loadConfig } from "../../src/config.ts";
import { defaultImportLimits, parseImportLimits } from "../../src/config/import-limits.ts";
import { csvRecords } from "../../src/importers/letterboxd/csv-records.ts";
import { readWxr } from "../../src/importers/wordpress/wxr-reader.ts";

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), "cinelog-limits-"));

async function drain<T>(items: AsyncIterable<T>): Promise<Error> {
  try {
    for await (const _ of items) void _;
  } catch (error) {
    return error as Error;
  }
  throw new Error("the reader did not refuse the file");
}

describe("import limits", () => {
  it("are the defaults unless CINELOG_IMPORT_LIMITS says otherwise", () => {
    expect(loadConfig({}).importLimits).toEqual(defaultImportLimits);
    expect(defaultImportLimits.xmlText).toBe(32 * 1024 * 1024);
    const limits = loadConfig({ CINELOG_IMPORT_LIMITS: "xmlText=1MB, csvFields=50" }).importLimits;
    expect(limits).toMatchObject({ xmlText: 1024 * 1024, csvFields: 50 });
    expect(() => parseImportLimits("nope=3")).toThrow(/"nope=3" is not a limit/);
    expect(() => parseImportLimits("csvFields=2MB")).toThrow(/csvFields is a count/);
    expect(() => loadConfig({ CINELOG_IMPORT_LIMITS: "memory=lots" })).toThrow(
      /CINELOG_IMPORT_LIMITS: memory is a size/,
    );
  });

  it("refuse a WXR text node past its limit, naming the limit and the line", async () => {
    const file = path.join(tmp(), "huge.xml");
    const out = fs.createWriteStream(file);
    out.write('<?xml version="1.0"?>\n<rss><channel>\n<item><title>');
    const block = "x".repeat(64 * 1024);
    for (let i = 0; i < 40; i += 1) out.write(block);
    out.end("</title></item></channel></rss>");
    await new Promise<void>((resolve) => out.on("finish", () => resolve()));
    const error = await drain(readWxr(file, undefined, { xmlText: 1024 * 1024, xmlItem: 8e6 }));
    expect(error.message).toMatch(
      /larger than 1 MB, the most an import reads \(line 3 of the file\)/,
    );
  });

  it("refuse a CSV record whose quote never closes, and a row of too many cells", async () => {
    const open = Readable.from([
      Buffer.from('Date,Name\n2020-01-01,"never closed'),
      Buffer.from("y".repeat(5000)),
    ]);
    const quote = await drain(csvRecords(open, undefined, { csvRecord: 1024, csvFields: 100 }));
    expect(quote.message).toMatch(/larger than 1 KB, the most an import reads \(perhaps a quote/);

    const wide = Readable.from([Buffer.from("Date,Name\n" + ",".repeat(100_000))]);
    const cells = await drain(csvRecords(wide, undefined, { csvRecord: 1024, csvFields: 100 }));
    expect(cells.message).toMatch(/the record on line 2 has more than 100 cells/);
  });

  it("refuse a backup line past its limit, and a zip inflating past its size", async () => {
    const file = path.join(tmp(), "backup.zip");
    const zip = new yazl.ZipFile();
    zip.addBuffer(Buffer.from("{}\n" + "z".repeat(3 * 1024 * 1024) + "\n"), "tables/a.ndjson");
    zip.end();
    await new Promise<void>((resolve) =>
      zip.outputStream.pipe(fs.createWriteStream(file)).on("close", () => resolve()),
    );
    const long = await openBackupZip(file, {
      backupSize: 1e9,
      backupEntries: 10,
      ndjsonLine: 1024 * 1024,
    });
    const lineError = await drain(long.lines("tables/a.ndjson"));
    long.close();
    expect(lineError.message).toMatch(
      /line 2 of the backup's tables\/a\.ndjson is longer than 1 MB/,
    );

    const big = await openBackupZip(file, {
      backupSize: 1024 * 1024,
      backupEntries: 10,
      ndjsonLine: 1e9,
    });
    const sizeError = await drain(big.lines("tables/a.ndjson"));
    big.close();
    expect(sizeError.message).toMatch(/more than 1 MB once inflated/);
  });
});
