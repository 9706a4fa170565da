// Letterboxd export zips written by the tests themselves, shaped like the real thing: the
// files Letterboxd puts in an export, with its column names, quoting and list layouts.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { stringify } from "csv-stringify/sync";
import yazl from "yazl";

export function csv(rows: (string | number)[][]): string {
  return stringify(rows.map((r) => r.map(String)));
}

/** Writes `files` (name → contents) into a new zip file and returns its path. */
export async function writeZip(files: Record<string, string | Buffer>): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cinelog-letterboxd-"));
  const file = path.join(dir, "letterboxd-export.zip");
  const zip = new yazl.ZipFile();
  for (const [name, contents] of Object.entries(files)) {
    zip.addBuffer(typeof contents === "string" ? Buffer.from(contents) : contents, name);
  }
  zip.end();
  await new Promise<void>((resolve, reject) => {
    zip.outputStream
      .pipe(fs.createWriteStream(file))
      .on("close", () => resolve())
      .on("error", reject);
  });
  return file;
}

const diaryHeader = [
  "Date",
  "Name",
  "Year",
  "Letterboxd URI",
  "Rating",
  "Rewatch",
  "Tags",
  "Watched Date",
];
const reviewsHeader = [
  "Date",
  "Name",
  "Year",
  "Letterboxd URI",
  "Rating",
  "Rewatch",
  "Review",
  "Tags",
  "Watched Date",
];
const filmHeader = ["Date", "Name", "Year", "Letterboxd URI"];

export const crouchingTiger = "Crouching Tiger, Hidden Dragon";

/** A review with HTML, quotes, commas, line breaks, a script, and a line Markdown would misread. */
export const tigerReview = [
  'The <b>bamboo</b> duel is "weightless", and still astonishes.',
  "",
  "Then the <i>desert</i> flashback, which slows everything, & deliberately.",
  "1995. Not a list, just a year.",
  '<script>alert("x")</script><a href="javascript:alert(1)">a bad link</a>',
].join("\n");

export const realisticExport: Record<string, string> = {
  "profile.csv": csv([
    ["Date Joined", "Username", "Given Name", "Family Name", "Email Address"],
    ["2015-04-01", "reviewer", "Ada", "Reviewer", "ada@example.org"],
  ]),
  "diary.csv": csv([
    diaryHeader,
    [
      "2024-01-05",
      "Heat",
      1995,
      "https://boxd.it/e1",
      "4.5",
      "",
      "crime, los angeles",
      "2024-01-04",
    ],
    ["2024-02-10", "Heat", 1995, "https://boxd.it/e2", "5", "Yes", "", "2024-02-09"],
    ["2024-03-01", "Solaris", 1972, "https://boxd.it/e3", "3.5", "", "", "2024-03-01"],
    ["2024-03-02", "Solaris", 2002, "https://boxd.it/e4", "2.5", "", "", "2024-03-02"],
    ["2024-03-03", crouchingTiger, 2000, "https://boxd.it/e5", "4", "", "", "2024-03-03"],
  ]),
  "reviews.csv": csv([
    reviewsHeader,
    [
      "2024-01-05",
      "Heat",
      1995,
      "https://boxd.it/e1",
      "4.5",
      "",
      "Two professionals, one diner table, no wasted words.",
      "crime, los angeles",
      "2024-01-04",
    ],
    [
      "2024-03-03",
      crouchingTiger,
      2000,
      "https://boxd.it/e5",
      "4",
      "",
      tigerReview,
      "",
      "2024-03-03",
    ],
  ]),
  "ratings.csv": csv([
    ["Date", "Name", "Year", "Letterboxd URI", "Rating"],
    ["2024-02-10", "Heat", 1995, "https://boxd.it/f1", "5"],
    ["2024-03-01", "Solaris", 1972, "https://boxd.it/f2", "3.5"],
    ["2024-03-02", "Solaris", 2002, "https://boxd.it/f3", "2.5"],
    ["2023-11-20", "Paris, Texas", 1984, "https://boxd.it/f4", "4.5"],
  ]),
  "watched.csv": csv([
    filmHeader,
    ["2024-01-05", "Heat", 1995, "https://boxd.it/f1"],
    ["2024-03-01", "Solaris", 1972, "https://boxd.it/f2"],
    ["2024-03-02", "Solaris", 2002, "https://boxd.it/f3"],
    ["2024-03-03", crouchingTiger, 2000, "https://boxd.it/f5"],
    ["2023-11-20", "Paris, Texas", 1984, "https://boxd.it/f4"],
    ["2019-06-01", "Stalker", 1979, "https://boxd.it/f6"],
  ]),
  "watchlist.csv": csv([
    filmHeader,
    ["2024-04-01", "Mirror", 1975, "https://boxd.it/f7"],
    ["2024-04-02", "Chungking Express", 1994, "https://boxd.it/f8"],
  ]),
  "likes/films.csv": csv([filmHeader, ["2024-02-10", "Heat", 1995, "https://boxd.it/f1"]]),
  "likes/reviews.csv": csv([
    ["Date", "Content"],
    ["2024-02-01", "https://boxd.it/x"],
  ]),
  // The current layout: a version line, the list, a blank line, the films out of order.
  "lists/nineties-crime.csv": [
    "Letterboxd list export v7",
    "Date,Name,Tags,URL,Description",
    '2024-04-05,Nineties crime,,https://letterboxd.com/reviewer/list/nineties-crime/,"Crime films of the <i>nineties</i>, ranked"',
    "",
    "Position,Name,Year,URL,Description",
    "2,Heat,1995,https://boxd.it/f1,",
    '1,Chungking Express,1994,https://boxd.it/f8,"Not crime, exactly"',
    "",
  ].join("\n"),
  // An older export: no version line and an unranked list (no Position).
  "lists/tarkovsky.csv": [
    "Date,Name,Tags,URL,Description",
    "2019-05-01,Tarkovsky in order,,https://letterboxd.com/reviewer/list/tarkovsky/,",
    "",
    "Name,Year,URL,Description",
    "Solaris,1972,https://boxd.it/f2,",
    "Mirror,1975,https://boxd.it/f7,",
    "Stalker,1979,https://boxd.it/f6,",
    "",
  ].join("\n"),
  "deleted/diary.csv": csv([
    diaryHeader,
    ["2020-01-01", "Gone", 2000, "x", "1", "", "", "2020-01-01"],
  ]),
};

export function writeRealisticExport(): Promise<string> {
  return writeZip(realisticExport);
}

export { diaryHeader, reviewsHeader, filmHeader };
