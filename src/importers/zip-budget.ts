// What a zip may hold, counted from what it really holds: the number of entries as its
// directory is read, and the bytes that come out of inflating them as they come out. A
// zip's headers state sizes and counts, but a zip bomb states whatever it likes.
import { Transform, type Readable } from "node:stream";
import { pipeline } from "node:stream";
import { formatBytes, ImportLimitError } from "../config/import-limits.ts";

export class ZipBudget {
  #inflated = 0;
  #entries = 0;

  constructor(
    readonly maxBytes: number,
    readonly maxEntries: number,
  ) {}

  /** One more entry read from the directory; refuses the one past the limit. */
  countEntry(name: string): void {
    this.#entries += 1;
    if (this.#entries > this.maxEntries) {
      throw new ImportLimitError(
        `the zip holds more than ${this.maxEntries.toLocaleString("en")} files, the most an import reads ` +
          `(the next one is ${name})`,
      );
    }
  }

  /**
   * The entry's bytes, counted against the whole zip's limit as they are inflated. The zip
   * reader also stops an entry that inflates past the size its header states: that lie is
   * refused here as a limit too, so the import ends rather than skipping the file quietly.
   */
  meter(source: Readable, name: string, statedSize?: number): Readable {
    const counter = new Transform({
      transform: (chunk: Buffer, _encoding, done) => {
        this.#inflated += chunk.length;
        if (this.#inflated > this.maxBytes) {
          done(
            new ImportLimitError(
              `the zip's files come to more than ${formatBytes(this.maxBytes)} once inflated, ` +
                `the most an import reads (reached inside ${name})`,
            ),
          );
          return;
        }
        done(null, chunk);
      },
    });
    source.on("error", (error) => {
      counter.destroy(
        statedSize !== undefined && /^too many bytes in the stream/.test(error.message)
          ? new ImportLimitError(
              `${name} inflates to more than the ${formatBytes(statedSize)} its header in the zip ` +
                "states: the zip is damaged or hostile",
            )
          : error,
      );
    });
    // Either side failing ends both, so the inflater stops at once.
    pipeline(source, counter, () => undefined);
    return counter;
  }
}
