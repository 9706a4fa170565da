// The records of one CSV file in a Letterboxd export, read as a stream. Quoted fields may
// hold commas, quotes and line breaks (review text does); a file that is not well-formed
// CSV ends with a CsvFileError saying where, after the records before it were handed on.
import type { Readable } from "node:stream";
import { CsvError, parse } from "csv-parse";
import { cleanText } from "../../content/clean-text.ts";

export interface CsvRecord {
  cells: string[];
  /** The line the record ends on, for messages. */
  line: number;
}

export class CsvFileError extends Error {}

export async function* csvRecords(
  stream: Readable,
  onBytes: (bytes: number) => void = () => {},
): AsyncGenerator<CsvRecord> {
  const parser = parse({
    bom: true,
    // A list file starts with a one-cell line and holds two tables of different widths.
    relax_column_count: true,
    skip_empty_lines: true,
    // Each record with the line it was read on: the parser reads ahead of the consumer.
    info: true,
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
    if (error instanceof CsvError) {
      throw new CsvFileError(`not well-formed CSV at line ${parser.info.lines}: ${error.message}`);
    }
    throw new CsvFileError((error as Error).message);
  } finally {
    stream.unpipe(parser);
    stream.destroy();
  }
}
