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
import { connect } from "../src/db/connect.ts";
import { migrateToLatest } from "../src/db/migrate.ts";
import { importWordPress } from "../src/importers/wordpress/import-wordpress.ts";
import { wxrHead, wxrItem, wxrTail, type WxrCommentSpec } from "../test/support/wxr-writer.ts";
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
  const db = connect(url);
  try {
    await migrateToLatest(db);
    await db.kysely
      .insertInto("users")
      .values({
        email: "owner@example.org",
        display_name: "Owner",
        role: "owner",
        password_hash: null,
        created_at: new Date().toISOString(),
      })
      .execute();
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    const cpuBefore = process.cpuUsage();
    const began = performance.now();
    const summary = await importWordPress(db, { file, mediaDir: path.join(dir, "media") });
    const seconds = (performance.now() - began) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
    console.log(summary.toText());
    const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
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
