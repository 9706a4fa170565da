// The records of one CSV file in a Letterboxd export, read as a stream. Quoted fields may
// hold commas, quotes and line breaks (review text does); a file that is not well-formed
// CSV ends with a CsvFileError saying where, after the records before it were handed on.
// A record past the size or cell limit ends the import with an ImportLimitError: such a record
// (a quote that never closes, a row of a hundred million empty cells) is built in memory
// as it is read, so the parser is stopped while it is still small.
import type { Readable } from "node:stream";
import { CsvError, parse } from "csv-parse";
import { cleanText } from "../../content/clean-text.ts";
import {
  defaultImportLimits,
  formatBytes,
  ImportLimitError,
  type ImportLimits,
} from "../../config/import-limits.ts";

export interface CsvRecord {
  cells: string[];
  /** The line the record ends on, for messages. */
  line: number;
}

export class CsvFileError extends Error {}

export async function* csvRecords(
  stream: Readable,
  onBytes: (bytes: number) => void = () => {},
  limits: Pick<ImportLimits, "csvRecord" | "csvFields"> = defaultImportLimits,
): AsyncGenerator<CsvRecord> {
  let tooManyCells: ImportLimitError | undefined;
  const parser = parse({
    bom: true,
    // A list file starts with a one-cell line and holds two tables of different widths.
    relax_column_count: true,
    skip_empty_lines: true,
    // Each record with the line it was read on: the parser reads ahead of the consumer.
    info: true,
    // Counted as the record grows (in bytes of its cells), not once it is whole.
    max_record_size: limits.csvRecord,
    // Called on every cell as it is read: the only hook that sees a record's width grow.
    cast: (value, context) => {
      if (context.index >= limits.csvFields) {
        tooManyCells = new ImportLimitError(
          `the record on line ${context.lines} has more than ${limits.csvFields.toLocaleString("en")} cells, ` +
            "the most an import reads",
        );
        throw tooManyCells;
      }
      return value;
    },
  });
  stream.on("error", (error) => parser.destroy(error));
  stream.pipe(parser);
  stream.on("data", (chunk: Buffer) => onBytes(chunk.length));
  try {
    for await (const { record, info } of parser as AsyncIterable<{
      record: string[];
      info: { lines: number };
    }>) {
      // Cleaned as every text coming in is (control characters would differ by database).
      yield { cells: record.map(cleanText), line: info.lines };
    }
  } catch (error) {
    if (tooManyCells) throw tooManyCells;
    if (error instanceof CsvError && error.code === "CSV_MAX_RECORD_SIZE") {
      throw new ImportLimitError(
        `the record that reaches line ${parser.info.lines} is larger than ${formatBytes(limits.csvRecord)}, ` +
          "the most an import reads (perhaps a quote that is never closed)",
      );
    }
    if (error instanceof CsvError) {
      throw new CsvFileError(`not well-formed CSV at line ${parser.info.lines}: ${error.message}`);
    }
    // The zip's own limits, met while this file was being inflated.
    if (error instanceof ImportLimitError) throw error;
    throw new CsvFileError((error as Error).message);
  } finally {
    stream.unpipe(parser);
    stream.destroy();
  }
}
