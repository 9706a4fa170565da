// Times `cinelog import letterboxd` on a generated export: by default 5,000 diary entries
// (2,000 of them with a review of ~250 words, some with HTML), their ratings and watched
// films, a 300-film watchlist and ten lists of 100 films (half in the v7 layout, half in
// the older one), zipped and imported into an empty database. Reports the time, the zip's
// size and the process's peak memory (sampled resident set size).
//
//   npx tsx bench/import-letterboxd.ts [--diary 5000] [--reviews 2000] [--database sqlite:…|postgres://…]
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { stringify } from "csv-stringify/sync";
import yazl from "yazl";
import { importLetterboxd } from "../src/importers/letterboxd/import-letterboxd.ts";
import { measure, megabytes as mb, openBenchDb } from "./import-measure.ts";
import { paragraph, pick, random, titleWords } from "./sample-review-text.ts";

function filmTitle(i: number): string {
  return `${titleWords[i % titleWords.length]} ${titleWords[Math.floor(i / titleWords.length) % titleWords.length]} ${i}`;
}

function yearOf(i: number): number {
  return 1930 + (i % 90);
}

function dayOf(i: number): string {
  const date = new Date(Date.UTC(2012, 0, 1) + i * 86_400_000 * 0.9);
  return date.toISOString().slice(0, 10);
}

function reviewText(rand: () => number): string {
  const paragraphs = [paragraph(rand, 90), paragraph(rand, 80), paragraph(rand, 80)];
  return `<b>${paragraphs[0]}</b>\n\n${paragraphs[1]}, "quoted", and <i>so on</i>.\n\n${paragraphs[2]}`;
}

async function writeExport(file: string, diary: number, reviews: number): Promise<void> {
  const rand = random(11);
  // Films are seen about 1.25 times each: some entries are rewatches.
  const films = Math.ceil(diary / 1.25);
  const filmOf = (entry: number) => (entry * 7919) % films;
  const stars = () => String(Math.ceil(rand() * 10) / 2);
  const diaryRows: string[][] = [
    ["Date", "Name", "Year", "Letterboxd URI", "Rating", "Rewatch", "Tags", "Watched Date"],
  ];
  const reviewRows: string[][] = [
    [
      "Date",
      "Name",
      "Year",
      "Letterboxd URI",
      "Rating",
      "Rewatch",
      "Review",
      "Tags",
      "Watched Date",
    ],
  ];
  const seen = new Set<number>();
  for (let e = 0; e < diary; e++) {
    const f = filmOf(e);
    const rewatch = seen.has(f) ? "Yes" : "";
    seen.add(f);
    const row = [dayOf(e), filmTitle(f), String(yearOf(f)), `https://boxd.it/e${e}`, stars()];
    const tags = rand() < 0.3 ? `${pick(rand, titleWords)}, ${pick(rand, titleWords)}` : "";
    diaryRows.push([...row, rewatch, tags, dayOf(e)]);
    // `reviews` of the `diary` entries have a review, spread evenly through the diary.
    if ((e * reviews) % diary < reviews) {
      reviewRows.push([...row, rewatch, reviewText(rand), tags, dayOf(e)]);
    }
  }
  const filmRows = (n: number, offset: number) =>
    Array.from({ length: n }, (_, i) => {
      const f = (offset + i) % films;
      return [dayOf(i), filmTitle(f), String(yearOf(f)), `https://boxd.it/f${f}`];
    });
  const zip = new yazl.ZipFile();
  const add = (name: string, rows: string[][]) => zip.addBuffer(Buffer.from(stringify(rows)), name);
  add("diary.csv", diaryRows);
  add("reviews.csv", reviewRows);
  add("ratings.csv", [
    ["Date", "Name", "Year", "Letterboxd URI", "Rating"],
    ...filmRows(films, 0).map((r) => [...r, stars()]),
  ]);
  add("watched.csv", [["Date", "Name", "Year", "Letterboxd URI"], ...filmRows(films, 0)]);
  add("likes/films.csv", [["Date", "Name", "Year", "Letterboxd URI"], ...filmRows(films / 10, 5)]);
  // The watchlist: films not yet seen.
  add("watchlist.csv", [
    ["Date", "Name", "Year", "Letterboxd URI"],
    ...Array.from({ length: 300 }, (_, i) => [
      dayOf(i),
      filmTitle(films + i),
      String(yearOf(films + i)),
      `https://boxd.it/w${i}`,
    ]),
  ]);
  for (let l = 0; l < 10; l++) {
    const entries = filmRows(100, l * 100);
    const v7 = l % 2 === 0;
    const text = [
      ...(v7 ? ["Letterboxd list export v7"] : []),
      "Date,Name,Tags,URL,Description",
      stringify([
        [dayOf(l), `Bench list ${l}`, "", `https://letterboxd.com/bench/list/${l}/`, "A list."],
      ]).trim(),
      "",
      v7 ? "Position,Name,Year,URL,Description" : "Name,Year,URL,Description",
      stringify(
        entries.map((r, i) =>
          v7 ? [String(i + 1), r[1]!, r[2]!, r[3]!, ""] : [r[1]!, r[2]!, r[3]!, ""],
        ),
      ).trim(),
    ].join("\n");
    zip.addBuffer(Buffer.from(`${text}\n`), `lists/bench-list-${l}.csv`);
  }
  zip.end();
  await new Promise<void>((resolve, reject) => {
    zip.outputStream.pipe(fs.createWriteStream(file)).on("close", resolve).on("error", reject);
  });
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      diary: { type: "string", default: "5000" },
      reviews: { type: "string", default: "2000" },
      database: { type: "string" },
    },
  });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cinelog-letterboxd-bench-"));
  const file = path.join(dir, "letterboxd-export.zip");
  await writeExport(file, Number(values.diary), Number(values.reviews));
  const url = values.database ?? `sqlite:${path.join(dir, "bench.db")}`;
  const db = await openBenchDb(url);
  try {
    const run = await measure(() => importLetterboxd(db, { file }));
    const { result: summary, seconds, cpuSeconds, before, peak } = run;
    console.log(summary.toText());
    const again = performance.now();
    await importLetterboxd(db, { file });
    const rerun = (performance.now() - again) / 1000;
    console.log(
      `\n${values.diary} diary entries, ${values.reviews} reviews, ${mb(fs.statSync(file).size)} MB zip: ` +
        `imported in ${seconds.toFixed(1)} s (${cpuSeconds.toFixed(1)} s of CPU) ` +
        `on ${url.split(":")[0]}; peak resident memory ${mb(peak)} MB (${mb(before)} MB before); ` +
        `the same import again: ${rerun.toFixed(1)} s`,
    );
  } finally {
    await db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
