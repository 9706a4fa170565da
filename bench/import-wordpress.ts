// Times `cinelog import wordpress` on a generated export: by default 2,000 review posts of
// 900 words with 20,000 comments (every third a reply, some held, some spam, a few
// pingbacks), written to a temporary file and imported into an empty database. Reports the
// time, the file's size and the process's peak memory (sampled resident set size).
//
//   npx tsx bench/import-wordpress.ts [--posts 2000] [--comments 20000] [--database sqlite:…|postgres://…]
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { importWordPress } from "../src/importers/wordpress/import-wordpress.ts";
import { wxrHead, wxrItem, wxrTail, type WxrCommentSpec } from "../test/support/wxr-writer.ts";
import { measure, megabytes as mb, openBenchDb } from "./import-measure.ts";
import { body, firstNames, lastNames, paragraph, pick, random, titleWords } from "./review-text.ts";

function filmTitle(i: number): string {
  return `${titleWords[i % titleWords.length]} ${titleWords[Math.floor(i / titleWords.length) % titleWords.length]} ${i}`;
}

function yearOf(i: number): number {
  return 1930 + (i % 90);
}

async function writeExport(file: string, posts: number, comments: number): Promise<void> {
  const rand = random(7);
  const out = fs.createWriteStream(file);
  const write = (text: string) =>
    out.write(text) ? Promise.resolve() : new Promise<void>((r) => out.once("drain", r));
  await write(wxrHead({ title: "Benchmark Journal" }));
  let commentId = 1;
  for (let i = 0; i < posts; i++) {
    const next = [1, 2, 3]
      .map((k) => i + k)
      .filter((k) => k < posts)
      .map((k) => `${filmTitle(k)} (${yearOf(k)})`);
    const content = [
      `Directed by ${pick(rand, firstNames)} ${pick(rand, lastNames)}`,
      body(rand, 900),
      ...(next.length > 0 ? [`Up Next: ${next.join(", ")}`] : []),
    ].join("\n\n");
    const perPost = Math.floor(comments / posts) + (i < comments % posts ? 1 : 0);
    const list: WxrCommentSpec[] = [];
    for (let c = 0; c < perPost; c++) {
      const id = commentId++;
      list.push({
        id,
        ...(c % 3 === 2 ? { parent: id - 1 } : {}),
        author: `${pick(rand, firstNames)} ${pick(rand, lastNames)}`,
        email: `reader${id % 5000}@example.net`,
        date: "2015-06-01 12:00:00",
        content: paragraph(rand, 40 + Math.floor(rand() * 60)),
        approved: id % 17 === 0 ? "0" : id % 23 === 0 ? "spam" : "1",
        type: id % 29 === 0 ? "pingback" : "comment",
      });
    }
    const day = String(1 + (i % 28)).padStart(2, "0");
    const month = String(1 + (Math.floor(i / 28) % 12)).padStart(2, "0");
    await write(
      wxrItem({
        id: 1000 + i,
        title: `${filmTitle(i)} (${yearOf(i)})`,
        slug: `review-${i}`,
        date: `${2010 + Math.floor(i / 336)}-${month}-${day} 21:00:00`,
        content,
        tags: [pick(rand, titleWords), pick(rand, titleWords)],
        comments: list,
      }),
    );
  }
  await write(wxrTail);
  await new Promise<void>((resolve, reject) =>
    out.end((error?: Error | null) => (error ? reject(error) : resolve())),
  );
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      posts: { type: "string", default: "2000" },
      comments: { type: "string", default: "20000" },
      database: { type: "string" },
    },
  });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cinelog-import-bench-"));
  const file = path.join(dir, "export.xml");
  await writeExport(file, Number(values.posts), Number(values.comments));
  const url = values.database ?? `sqlite:${path.join(dir, "bench.db")}`;
  const db = await openBenchDb(url);
  try {
    const run = await measure(() =>
      importWordPress(db, { file, mediaDir: path.join(dir, "media") }),
    );
    const { result: summary, seconds, cpuSeconds, before, peak } = run;
    console.log(summary.toText());
    console.log(
      `\n${values.posts} posts, ${values.comments} comments, ${mb(fs.statSync(file).size)} MB file: ` +
        `imported in ${seconds.toFixed(1)} s (${cpuSeconds.toFixed(1)} s of CPU) on ${url.split(":")[0]}; ` +
        `peak resident memory ${mb(peak)} MB (${mb(before)} MB before the import began)`,
    );
  } finally {
    await db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
