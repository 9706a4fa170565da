// A list from an export's lists/ folder. Letterboxd's current layout ("Letterboxd list export
// v7") is a version line, a one-row table about the list (Date,Name,Tags,URL,Description), a
// blank line, and the films (Position,Name,Year,URL,Description). Older exports lack the
// version line, and an unranked list may lack Position, or even the table about the list
// (then the file's name stands for the list's). All of these read the same way here.
import type { CsvRecord } from "./csv-records.ts";
import { headerOf, Row } from "./letterboxd-rows.ts";

interface ListFile {
  /** "v7", or "older" when the file has no version line. */
  layout: string;
  name: string;
  /** The list's address on Letterboxd, when the file gives it: what identifies the list. */
  url: string;
  description: string;
  /** The films in list order, each with its position when the list is ranked. */
  rows: { position: number | null; row: Row }[];
  /** Lines that are neither the list nor a film. */
  strays: { line: number; why: string }[];
}

const versionLine = /^letterboxd list export (v\d+)/i;

function isFilmHeader(header: Map<string, number>): boolean {
  return header.has("name") && header.has("year");
}

function isListHeader(header: Map<string, number>): boolean {
  return (
    header.has("name") && !header.has("year") && (header.has("url") || header.has("description"))
  );
}

/** "lists/films-of-1995.csv" → "Films of 1995". */
function nameFromFile(file: string): string {
  const base = file.replace(/^.*\//, "").replace(/\.csv$/i, "");
  const words = base.replace(/[-_]+/g, " ").trim() || "Letterboxd list";
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export async function readListFile(
  file: string,
  records: AsyncIterable<CsvRecord>,
): Promise<ListFile> {
  const list: ListFile = {
    layout: "older",
    name: "",
    url: "",
    description: "",
    rows: [],
    strays: [],
  };
  let state: "start" | "list-row" | "films" = "start";
  let header = new Map<string, number>();
  for await (const record of records) {
    const first = (record.cells[0] ?? "").trim();
    const cells = headerOf(record.cells);
    if (state === "start" && record.cells.length === 1 && versionLine.test(first)) {
      list.layout = (versionLine.exec(first)?.[1] ?? "older").toLowerCase();
    } else if (state !== "films" && isListHeader(cells)) {
      header = cells;
      state = "list-row";
    } else if (state !== "films" && isFilmHeader(cells)) {
      header = cells;
      state = "films";
    } else if (state === "list-row") {
      const row = new Row(header, record.cells, record.line);
      list.name = row.get("Name");
      list.url = row.get("URL") || row.get("Letterboxd URI");
      list.description = row.raw("Description").trim();
      state = "start";
    } else if (state === "films") {
      const row = new Row(header, record.cells, record.line);
      const text = row.get("Position");
      const position = /^\d+$/.test(text) ? Number(text) : null;
      list.rows.push({ position, row });
    } else {
      list.strays.push({ line: record.line, why: "line before the list's table of films" });
    }
  }
  if (!list.name) list.name = nameFromFile(file);
  // Ranked lists are put in their order; rows without a position keep theirs, after.
  if (list.rows.some((r) => r.position !== null)) {
    list.rows.sort((a, b) => (a.position ?? Infinity) - (b.position ?? Infinity));
  }
  return list;
}
