// An import runs in a worker with a capped heap: a file that fills the heap fails the import
// with a message, and this process (the server, in real use) goes on.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import yazl from "yazl";
import { defaultImportLimits } from "../../src/config/import-limits.ts";
import { ImportFailed, runImport } from "../../src/importers/worker/run-import.ts";

describe("an import's worker", () => {
  it("fails the import with a message when the file fills its heap, and this process lives on", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cinelog-worker-"));
    const file = path.join(dir, "letterboxd.zip");
    const zip = new yazl.ZipFile();
    // Twenty million empty cells in one row: far more than a 64 MB heap holds as an array.
    zip.addBuffer(Buffer.from("Date,Name,Year\n" + ",".repeat(20_000_000)), "watched.csv");
    zip.end();
    await new Promise<void>((resolve) =>
      zip.outputStream.pipe(fs.createWriteStream(file)).on("close", () => resolve()),
    );
    const limits = {
      ...defaultImportLimits,
      // Only the heap stands in the way here: the cell and record limits are lifted.
      csvFields: 1e9,
      csvRecord: 1e9,
      memory: 64 * 1024 * 1024,
    };
    const error = await runImport(
      { kind: "letterboxd", file },
      { databaseUrl: `sqlite:${path.join(dir, "site.db")}`, limits },
    ).then(
      () => new Error("the import did not fail"),
      (e: unknown) => e as Error,
    );
    expect(error).toBeInstanceOf(ImportFailed);
    expect((error as ImportFailed).reason).toBe("memory");
    expect(error.message).toMatch(/The import ran out of memory: it may use 64 MB/);
    // This process is still here to say so, with its heap to spare.
    expect(process.memoryUsage().heapUsed).toBeLessThan(1024 * 1024 * 1024);
  }, 120_000);
});
