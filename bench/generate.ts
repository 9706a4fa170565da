// Generates a large site for benchmarks: by default 2,000 published reviews of 900 words,
// each with a still, spread over series, tags and directors. Words are drawn from a
// vocabulary written here, so the text is nonsense but has the shape of real reviews.
//
//   npx tsx bench/generate.ts [--reviews 2000] [--words 900] [--database sqlite:bench/data/bench.db]
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { connect, type Db } from "../src/db/connect.ts";
import type { Series } from "../src/db/schema.ts";
import { migrateToLatest } from "../src/db/migrate.ts";
import { inTransaction } from "../src/db/transaction.ts";
import { settleAfterBulkLoad } from "../src/importers/after-bulk-load.ts";
import { renderStill } from "../src/demo/still-art.ts";
import { createComment } from "../src/domain/comments.ts";
import { createFilm } from "../src/domain/films.ts";
import { createReview } from "../src/domain/reviews.ts";
import { appendSeriesEntry, createSeries } from "../src/domain/series.ts";
import { addStill, stillOf } from "../src/domain/stills.ts";
import { createUser } from "../src/domain/users.ts";
import { processStill } from "../src/media/still-variants.ts";
import {
  body,
  firstNames,
  lastNames,
  paragraph,
  pick,
  random,
  titleWords,
} from "./sample-review-text.ts";

export async function generateSite(
  db: Db,
  mediaDir: string,
  reviews: number,
  words: number,
  comments = 0,
) {
  const rand = random(2026);
  const author = await createUser(db, {
    email: "bench@example.invalid",
    displayName: "Bench Reviewer",
    role: "author",
  });
  const image = await renderStill({
    width: 1600,
    height: 900,
    palette: ["#141321", "#b8423a", "#f2c46d"],
    motif: "neon",
    seed: 1,
  });
  const still = await processStill(image, mediaDir, "stills/bench", "shared");
  const directors = Array.from(
    { length: 300 },
    (_, i) => `${firstNames[i % firstNames.length]} ${lastNames[(i * 7) % lastNames.length]} ${i}`,
  );
  const tags = Array.from({ length: 40 }, (_, i) => `${pick(rand, titleWords)} ${i}`);
  const series: Series[] = [];
  for (let s = 0; s < 5; s++)
    series.push(await createSeries(db, { title: `Bench series ${s + 1}` }));

  const start = Date.UTC(2015, 0, 1);
  const span = Date.UTC(2026, 0, 1) - start;
  // Batches of 100 reviews per transaction: the same domain code, far fewer commits.
  for (let batch = 0; batch < reviews; batch += 100) {
    await inTransaction(db, async (trx) => {
      for (let i = batch; i < Math.min(reviews, batch + 100); i++) {
        await addBenchReview(trx, i);
      }
    });
    console.log(`  ${Math.min(reviews, batch + 100)} reviews`);
  }

  async function addBenchReview(db: Db, i: number) {
    const film = await createFilm(db, {
      title: `${pick(rand, titleWords)} ${pick(rand, titleWords)} ${i}`,
      year: 1930 + Math.floor(rand() * 95),
      credits: [
        { role: "director", name: pick(rand, directors) },
        { role: "cast", name: pick(rand, directors), character: pick(rand, titleWords) },
      ],
    });
    const review = await createReview(db, {
      filmId: film.id,
      authorId: author.id,
      body: body(rand, words),
      rating: Math.floor(rand() * 11) * 10,
      status: "published",
      publishedAt: new Date(start + Math.floor((span * i) / reviews)),
      tags: [pick(rand, tags), pick(rand, tags)],
    });
    await addStill(
      db,
      stillOf(review.id, still, { alt: "Abstract neon still generated for the benchmark" }),
    );
    await appendSeriesEntry(db, series[i % series.length]!.id, film.id, review.id);
    // Comments spread evenly; every third one answers the comment before it. The bench's
    // two review scenarios need fixed shapes: review 0 has none, review 1 has 200 (taken out
    // of the share of the last reviews, so the total stays the same).
    const share = commentShare(i, reviews, comments);
    let previous: number | undefined;
    for (let n = 0; n < share; n++) {
      const comment = await createComment(db, {
        reviewId: review.id,
        parentId: n % 3 === 2 ? previous : undefined,
        name: `${pick(rand, firstNames)} ${pick(rand, lastNames)}`,
        email: `reader${Math.floor(rand() * 5000)}@example.invalid`,
        body: paragraph(rand, 20 + Math.floor(rand() * 60)),
        status: "approved",
      });
      previous = comment.id;
    }
  }
}

/** How many comments review `i` gets; see the bench's review scenarios. */
export function commentShare(i: number, reviews: number, comments: number): number {
  const even = (n: number) => Math.floor(comments / reviews) + (n < comments % reviews ? 1 : 0);
  if (reviews < 3 || comments < 200 + even(0)) return even(i);
  if (i === 0) return 0;
  if (i === 1) return 200;
  // Review 0's share plus review 1's surplus, taken one at a time from the last reviews.
  let owed = even(0) + 200 - even(1);
  let share = even(i);
  for (let n = reviews - 1; n > 1 && owed > 0; n--) {
    const take = Math.min(owed, even(n));
    if (n === i) share -= take;
    owed -= take;
  }
  return share;
}

async function main() {
  const { values } = parseArgs({
    options: {
      reviews: { type: "string", default: "2000" },
      words: { type: "string", default: "900" },
      comments: { type: "string", default: "20000" },
      database: { type: "string", default: "sqlite:bench/data/bench.db" },
      media: { type: "string", default: "bench/data/media" },
    },
  });
  const url = values.database;
  if (url.startsWith("sqlite:")) {
    const file = url.slice("sqlite:".length);
    for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
  }
  const db = connect(url);
  try {
    await migrateToLatest(db);
    const began = Date.now();
    await generateSite(
      db,
      path.resolve(values.media),
      Number(values.reviews),
      Number(values.words),
      Number(values.comments),
    );
    // As an import does: the bench measures a site as its owner would have it after loading.
    await settleAfterBulkLoad(db);
    const seconds = ((Date.now() - began) / 1000).toFixed(1);
    console.log(
      `Generated ${values.reviews} reviews and ${values.comments} comments in ${seconds} s`,
    );
  } finally {
    await db.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
