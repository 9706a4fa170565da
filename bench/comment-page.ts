// Rendering a review with a long comment thread, uncached: 1,500 approved comments (a third
// of them replies) under one review, the page rendered again and again through the app with
// the page cache off. Run once with comments on one page (all 1,500: the "before") and once
// with paging at the default 50 threads a page (the "after").
//
//   npx tsx bench/comment-page.ts                       # SQLite in a temporary directory
//   npx tsx bench/comment-page.ts --comments 3000 --renders 40
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pino from "pino";
import { loadConfig } from "../src/config.ts";
import { connect, type Db } from "../src/db/connect.ts";
import { migrateToLatest } from "../src/db/migrate.ts";
import { renderCommentBody } from "../src/content/comment-markdown.ts";
import { createFilm } from "../src/domain/films.ts";
import { createReview } from "../src/domain/reviews.ts";
import { saveSetting } from "../src/domain/settings.ts";
import { createUser } from "../src/domain/users.ts";
import { createApp } from "../src/web/app.tsx";
import { body, firstNames, lastNames, paragraph, pick, random } from "./sample-review-text.ts";

const { values } = parseArgs({
  options: {
    comments: { type: "string", default: "1500" },
    renders: { type: "string", default: "20" },
  },
});

async function seed(db: Db, count: number): Promise<string> {
  const rand = random(13);
  const author = await createUser(db, {
    email: "bench@example.invalid",
    displayName: "Bench Reviewer",
    role: "author",
  });
  const film = await createFilm(db, {
    title: "The Long Thread",
    year: 1999,
    credits: [{ role: "director", name: "Bench Director" }],
  });
  const review = await createReview(db, {
    filmId: film.id,
    authorId: author.id,
    body: body(rand, 1200),
    status: "published",
    publishedAt: new Date("2026-01-01T00:00:00.000Z"),
  });
  // Rows straight in, a hundred to a statement: the bench measures reading, not writing.
  const start = Date.parse("2026-01-02T00:00:00.000Z");
  let previous: number | undefined;
  for (let n = 0; n < count; n += 100) {
    const rows = [];
    for (let i = n; i < Math.min(n + 100, count); i++) {
      const text = paragraph(rand, 20 + Math.floor(rand() * 60));
      const at = new Date(start + i * 60_000).toISOString();
      rows.push({
        review_id: review.id,
        // Set below: every third comment answers the one before it.
        parent_id: null,
        author_name: `${pick(rand, firstNames)} ${pick(rand, lastNames)}`,
        author_email: `reader${Math.floor(rand() * 5000)}@example.invalid`,
        body_md: text,
        body_html: renderCommentBody(text),
        status: "approved" as const,
        created_at: at,
        approved_at: at,
      });
    }
    const ids = await db.kysely.insertInto("comments").values(rows).returning("id").execute();
    const sorted = ids.map((r) => r.id).sort((a, b) => a - b);
    for (let k = 0; k < sorted.length; k++) {
      const i = n + k;
      if (i % 3 === 2 && previous !== undefined) {
        await db.kysely
          .updateTable("comments")
          .set({ parent_id: previous })
          .where("id", "=", sorted[k]!)
          .execute();
      }
      previous = sorted[k];
    }
  }
  return review.slug;
}

async function measure(app: ReturnType<typeof createApp>, url: string, renders: number) {
  const first = await app.request(url);
  const size = (await first.arrayBuffer()).byteLength;
  const times: number[] = [];
  for (let i = 0; i < renders; i++) {
    const began = performance.now();
    const response = await app.request(url);
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
    times.push(performance.now() - began);
  }
  times.sort((a, b) => a - b);
  const mean = times.reduce((a, b) => a + b, 0) / times.length;
  return {
    meanMs: Math.round(mean),
    medianMs: Math.round(times[Math.floor(times.length / 2)]!),
    maxMs: Math.round(times.at(-1)!),
    kB: Math.round(size / 1024),
  };
}

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "cinelog-bench-comment-page-"));
  const url = `sqlite:${path.join(dataDir, "bench.db")}`;
  const db = connect(url);
  try {
    await migrateToLatest(db);
    const count = Number(values.comments);
    const slug = await seed(db, count);
    const config = {
      ...loadConfig({ HOST: "127.0.0.1", PORT: "4000", CINELOG_DATA_DIR: dataDir }),
      mediaDir: dataDir,
      pageCache: false,
    };
    const app = createApp({ db, config, logger: pino({ level: "silent" }) });
    const renders = Number(values.renders);
    const results: Record<string, unknown> = { database: "sqlite", comments: count };
    // "Before": every thread on one page, as before paging existed. The form allows at most
    // 500 threads a page, so the value is stored past it directly.
    await db.kysely
      .insertInto("settings")
      .values({ key: "commentsPerPage", value: String(count) })
      .onConflict((oc) => oc.column("key").doUpdateSet({ value: String(count) }))
      .execute();
    results.allOnOnePage = await measure(app, `/review/${slug}`, renders);
    await saveSetting(db, "commentsPerPage", 50);
    results.paged50 = await measure(app, `/review/${slug}`, renders);
    await saveSetting(db, "commentPageShown", "newest");
    results.paged50NewestFirst = await measure(app, `/review/${slug}`, renders);
    results.paged50Middle = await measure(app, `/review/${slug}/comment-page-10`, renders);
    console.log(JSON.stringify(results, null, 2));
  } finally {
    await db.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
