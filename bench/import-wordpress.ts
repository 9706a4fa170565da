// Times `cinelog import wordpress` on a generated export shaped like real ones: by default
// 2,000 review posts of 900 words (a quarter in block-editor markup, `<!--more-->`, the
// credit opening the first sentence with the title in `<em>` on half of them, Up Next lines
// that disagree) with 20,000 comments (every third a reply, some held, some spam,
// pingbacks), written to a temporary file and imported into an empty database through the
// import worker, as the command line and the admin import it. Reports the
// time, the file's size, the peak memory of this process and the import's (sampled resident set sizes), the
// fidelity check and the number of people created.
//
//   npx tsx bench/import-wordpress.ts [--posts 2000] [--comments 20000] [--database sqlite:…|postgres://…]
//     [--export FILE]   (keep the generated export in FILE, or import FILE if it exists)
//     [--in-process]    (import in this thread, not in the import worker as the CLI and admin do;
//                        also counts the statements the import ran, src/db/query-count.ts)
//     [--build DIR]     (start the import worker from a compiled build, e.g. dist, as production
//                        does: its child then runs JavaScript, not TypeScript through tsx)
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { defaultImportLimits } from "../src/config/import-limits.ts";
import { runImport as runImportFromSources } from "../src/importers/worker/run-import.ts";
import { importWordPress } from "../src/importers/wordpress/import-wordpress.ts";
import { wxrHead, wxrItem, wxrTail, type WxrCommentSpec } from "../test/support/wxr-writer.ts";
import { measure, megabytes as mb, openBenchDb } from "./import-measure.ts";
import {
  body,
  firstNames,
  lastNames,
  paragraph,
  pick,
  random,
  titleWords,
} from "./sample-review-text.ts";

function filmTitle(i: number): string {
  return `${titleWords[i % titleWords.length]} ${titleWords[Math.floor(i / titleWords.length) % titleWords.length]} ${i}`;
}

function yearOf(i: number): number {
  return 1930 + (i % 90);
}

/** A director's name, now and then with a particle or an initial, as real credits have. */
function director(rand: () => number): string {
  const first = pick(rand, firstNames);
  const last = pick(rand, lastNames);
  const shape = rand();
  if (shape < 0.1) return `${first} de ${last}`;
  if (shape < 0.15) return `${first.charAt(0)}. ${pick(rand, firstNames)} ${last}`;
  return `${first} ${last}`;
}

/** The credit as blogs write it: on its own line in several forms, or opening the first sentence. */
function creditOf(rand: () => number, i: number, title: string, year: number): string {
  const names = i % 9 === 0 ? `${director(rand)} and ${director(rand)}` : director(rand);
  switch (i % 6) {
    case 0:
    case 1:
    case 2:
      // Half the posts: the credit opens the first sentence, the title in italics.
      return `Directed by ${names}, <em>${title}</em> (${year}) is ${paragraph(rand, 25).toLowerCase()}`;
    case 3:
      return `Dir. ${names.replace(" and ", " &amp; ")}`;
    case 4:
      return `Written and directed by ${names}`;
    default:
      return `Directed by ${names}`;
  }
}

/** The review's paragraphs, headings and quotes in the classic editor's HTML or in blocks. */
function markup(parts: string[], blocks: boolean): string {
  const out = parts.map((part, n) => {
    const heading = /^## (.*)$/.exec(part);
    const quote = /^> (.*)$/.exec(part);
    if (!blocks) {
      const html = heading
        ? `<h2>${heading[1]}</h2>`
        : quote
          ? `<blockquote>${quote[1]}</blockquote>`
          : part;
      return n === 1 ? `${html}\n\n<!--more-->` : html;
    }
    const block = heading
      ? `<!-- wp:heading -->\n<h2 class="wp-block-heading">${heading[1]}</h2>\n<!-- /wp:heading -->`
      : quote
        ? `<!-- wp:quote -->\n<blockquote class="wp-block-quote"><!-- wp:paragraph -->\n<p>${quote[1]}</p>\n<!-- /wp:paragraph --></blockquote>\n<!-- /wp:quote -->`
        : `<!-- wp:paragraph -->\n<p>${part}</p>\n<!-- /wp:paragraph -->`;
    return n === 1 ? `${block}\n\n<!-- wp:more -->\n<!--more-->\n<!-- /wp:more -->` : block;
  });
  return out.join("\n\n");
}

async function writeExport(file: string, posts: number, comments: number): Promise<void> {
  const rand = random(7);
  const out = fs.createWriteStream(file);
  const write = (text: string) =>
    out.write(text) ? Promise.resolve() : new Promise<void>((r) => out.once("drain", r));
  await write(wxrHead({ title: "Benchmark Journal" }));
  let commentId = 1;
  for (let i = 0; i < posts; i++) {
    // Authors change plans: every fifth line skips a film or swaps two, so lines disagree.
    const ahead = i % 5 === 0 ? [2, 1, 4] : i % 5 === 3 ? [1, 3, 4] : [1, 2, 3];
    const next = ahead
      .map((k) => i + k)
      .filter((k) => k < posts)
      .map((k) => `${filmTitle(k)} (${yearOf(k)})`);
    const blocks = i % 4 === 0;
    const parts = [
      creditOf(rand, i, filmTitle(i), yearOf(i)),
      ...body(rand, 900).split("\n\n"),
      ...(next.length > 0 ? [`Up Next: ${next.join(", ")}`] : []),
    ];
    const content = markup(parts, blocks);
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
        ...(id % 29 === 0
          ? {
              author: `${pick(rand, titleWords)} Reviews`,
              email: "",
              url: `https://blog${id}.example.com/${id}/`,
              content: `[&#8230;] ${paragraph(rand, 20)} [&#8230;]`,
            }
          : {}),
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
      export: { type: "string" },
      "in-process": { type: "boolean", default: false },
      build: { type: "string" },
    },
  });
  // The compiled build's own runImport forks the compiled worker, as `cinelog import` does.
  const runImport: typeof runImportFromSources = values.build
    ? (
        (await import(path.resolve(values.build, "importers/worker/run-import.js"))) as {
          runImport: typeof runImportFromSources;
        }
      ).runImport
    : runImportFromSources;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cinelog-import-bench-"));
  // `--export FILE` keeps the generated export there, and reuses it when it already exists.
  const file = values.export ?? path.join(dir, "export.xml");
  if (!values.export || !fs.existsSync(file)) {
    await writeExport(file, Number(values.posts), Number(values.comments));
  }
  const url = values.database ?? `sqlite:${path.join(dir, "bench.db")}`;
  const db = await openBenchDb(url);
  try {
    // Through the worker every import runs in (its heap limits included), unless told not to.
    const mediaDir = path.join(dir, "media");
    const statementsBefore = db.queries.count;
    const run = await measure(async () =>
      values["in-process"]
        ? (await importWordPress(db, { file, mediaDir })).toText()
        : (
            await runImport(
              { kind: "wordpress", file, mediaDir },
              { databaseUrl: url, limits: defaultImportLimits },
            )
          ).text,
    );
    const { result: summaryText, seconds, cpuSeconds, before, peak, childrenPeak } = run;
    console.log(summaryText);
    // Each film has its directors and no more: a person per fragment of prose would show here.
    const people = await db.kysely
      .selectFrom("people")
      .select((eb) => eb.fn.countAll().as("n"))
      .executeTakeFirstOrThrow();
    console.log(`people: ${Number(people.n)}`);
    if (values["in-process"]) {
      const statements = db.queries.count - statementsBefore - 1;
      const perPost = (statements / Number(values.posts)).toFixed(1);
      console.log(`statements: ${statements.toLocaleString("en")} (${perPost} a post)`);
    }
    console.log(
      `\n${values.posts} posts, ${values.comments} comments, ${mb(fs.statSync(file).size)} MB file: ` +
        `imported in ${seconds.toFixed(1)} s (${cpuSeconds.toFixed(1)} s of CPU) on ${url.split(":")[0]}` +
        `${values.build ? ` from ${values.build}` : ""}; ` +
        `peak resident memory ${mb(peak)} MB (${mb(before)} MB before the import began; ` +
        `the import's own process ${mb(childrenPeak)} MB)`,
    );
  } finally {
    await db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
