// Writes rows to numbered CSV files, each under a size limit (Letterboxd takes files of up
// to 1 MB), with the header in every file and never a row cut in two.
import fs from "node:fs";
import path from "node:path";
import { stringify } from "csv-stringify/sync";

interface SplitCsvOptions {
  dir: string;
  /** "letterboxd-import" → letterboxd-import-1.csv, letterboxd-import-2.csv, … */
  baseName: string;
  columns: readonly string[];
  maxBytes: number;
}

export interface SplitCsvResult {
  files: string[];
  rows: number;
  /** Rows too long for a file of their own under the limit (written anyway, alone). */
  oversized: number;
}

/** One record as RFC 4180 has it: fields quoted when they must be, lines ending in CRLF. */
function csvLine(cells: readonly string[]): string {
  return stringify([cells], { record_delimiter: "\r\n" });
}

export class SplitCsvWriter {
  readonly result: SplitCsvResult = { files: [], rows: 0, oversized: 0 };
  readonly #header: string;
  #out: fs.WriteStream | undefined;
  #bytes = 0;
  #rowsInFile = 0;

  constructor(private readonly options: SplitCsvOptions) {
    this.#header = csvLine(options.columns);
  }

  async write(cells: readonly string[]): Promise<void> {
    const line = csvLine(cells);
    const size = Buffer.byteLength(line);
    if (!this.#out || (this.#rowsInFile > 0 && this.#bytes + size > this.options.maxBytes)) {
      await this.#next();
    }
    if (Buffer.byteLength(this.#header) + size > this.options.maxBytes) this.result.oversized += 1;
    await this.#put(line, size);
    this.#rowsInFile += 1;
    this.result.rows += 1;
  }

  async close(): Promise<SplitCsvResult> {
    // An export of nothing is still a file with the header, so the result is never empty.
    if (!this.#out) await this.#next();
    await this.#end();
    return this.result;
  }

  async #next(): Promise<void> {
    await this.#end();
    const file = path.join(
      this.options.dir,
      `${this.options.baseName}-${this.result.files.length + 1}.csv`,
    );
    this.#out = fs.createWriteStream(file);
    this.result.files.push(file);
    this.#bytes = 0;
    this.#rowsInFile = 0;
    await this.#put(this.#header, Buffer.byteLength(this.#header));
  }

  async #put(text: string, size: number): Promise<void> {
    const out = this.#out!;
    this.#bytes += size;
    if (!out.write(text)) await new Promise<void>((resolve) => out.once("drain", resolve));
  }

  async #end(): Promise<void> {
    const out = this.#out;
    if (!out) return;
    this.#out = undefined;
    await new Promise<void>((resolve, reject) => {
      out.once("error", reject);
      out.end(() => resolve());
    });
  }
}
