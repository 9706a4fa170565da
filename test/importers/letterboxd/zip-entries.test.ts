// The Letterboxd zip reader's own limits, met directly: the number of files is counted as the
// directory is read, and the bytes as they are inflated, whatever the headers claim.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ImportLimitError } from "../../../src/config/import-limits.ts";
import { LetterboxdError } from "../../../src/importers/letterboxd/letterboxd-error.ts";
import { openZip, type ZipArchive } from "../../../src/importers/letterboxd/zip-entries.ts";
import { crowdedLetterboxd, lyingSizesLetterboxd, zipOf } from "../hostile-files.ts";

function saved(zip: Buffer): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "cinelog-zip-")), "export.zip");
  fs.writeFileSync(file, zip);
  return file;
}

/** Every byte of the member, or the error that stopped it. */
async function inflate(archive: ZipArchive, name: string): Promise<Buffer | Error> {
  const member = archive.members.find((m) => m.name === name)!;
  const chunks: Buffer[] = [];
  try {
    for await (const chunk of await archive.open(member)) chunks.push(chunk as Buffer);
  } catch (error) {
    return error as Error;
  }
  return Buffer.concat(chunks);
}

describe("Letterboxd zip entries", () => {
  it("reads a zip within the limits whole, folder wrapper removed", async () => {
    const file = saved(
      await zipOf({ "export-2026/diary.csv": "Date,Name\n", "export-2026/lists/a.csv": "x\n" }),
    );
    const archive = await openZip(file, { zipSize: 1024, zipEntries: 2 });
    expect(archive.members.map((m) => m.name).sort()).toEqual(["diary.csv", "lists/a.csv"]);
    expect(String(await inflate(archive, "diary.csv"))).toBe("Date,Name\n");
    archive.close();
  });

  it("refuses the file past the entry limit, naming the limit and that file", async () => {
    const file = saved(await crowdedLetterboxd(30));
    await expect(openZip(file, { zipSize: 1024 * 1024, zipEntries: 31 })).resolves.toBeDefined();
    const refusal = await openZip(file, { zipSize: 1024 * 1024, zipEntries: 30 }).catch(
      (error: unknown) => error as Error,
    );
    expect(refusal).toBeInstanceOf(LetterboxdError);
    expect((refusal as Error).message).toBe(
      "Refused: the zip holds more than 30 files, the most an import reads (the next one is deleted/note-29.txt).",
    );
  });

  it("stops inflating at the size limit, though the header states less", async () => {
    // 260 KB stated as 4 GB: the header is not what is counted.
    const file = saved(await lyingSizesLetterboxd(260_000, 0xfffffff0));
    const archive = await openZip(file, { zipSize: 64 * 1024, zipEntries: 10 });
    expect(archive.members[0]).toMatchObject({ name: "diary.csv", size: 0xfffffff0 });
    const error = await inflate(archive, "diary.csv");
    archive.close();
    expect(error).toBeInstanceOf(ImportLimitError);
    expect((error as Error).message).toBe(
      "the zip's files come to more than 64 KB once inflated, the most an import reads (reached inside diary.csv)",
    );
    // Within the limit the same file inflates whole.
    const roomy = await openZip(file, { zipSize: 1024 * 1024, zipEntries: 10 });
    const whole = await inflate(roomy, "diary.csv");
    roomy.close();
    // The stated 4 GB is not there: the reader refuses the short entry rather than pretend.
    expect(whole).toBeInstanceOf(Error);
  });

  it("refuses an entry inflating past the size its header states", async () => {
    const file = saved(await lyingSizesLetterboxd(260_000, 1000));
    const archive = await openZip(file, { zipSize: 1024 * 1024 * 1024, zipEntries: 10 });
    const error = await inflate(archive, "diary.csv");
    archive.close();
    expect(error).toBeInstanceOf(ImportLimitError);
    expect((error as Error).message).toBe(
      "diary.csv inflates to more than the 1000 bytes its header in the zip states: the zip is damaged or hostile",
    );
  });

  it("counts the bytes of all files together", async () => {
    const file = saved(
      await zipOf({ "diary.csv": "d".repeat(40 * 1024), "reviews.csv": "r".repeat(40 * 1024) }),
    );
    const archive = await openZip(file, { zipSize: 64 * 1024, zipEntries: 10 });
    expect(await inflate(archive, "diary.csv")).toHaveLength(40 * 1024);
    const error = await inflate(archive, "reviews.csv");
    archive.close();
    expect((error as Error).message).toMatch(/more than 64 KB once inflated.*inside reviews\.csv/);
  });
});
