// A site with many reviews under one tag, some with stills made by the real pipeline, for
// the paging, weight and browser tests of listings. Every review is published a day apart,
// so newest-first order is known: review N is "Night Film N".
import { renderStill } from "../../src/demo/still-art.ts";
import { createFilm } from "../../src/domain/films.ts";
import { createReview } from "../../src/domain/reviews.ts";
import { addStill, stillOf } from "../../src/domain/stills.ts";
import { createUser } from "../../src/domain/users.ts";
import { processStill } from "../../src/media/still-variants.ts";
import type { TestDb } from "../support/databases.ts";
import { jpegImage } from "../admin/stills-upload.ts";

export const listingTag = { name: "Night City", slug: "night-city" };

// Written for these tests: long enough that each card carries a full excerpt.
const body = (n: number) =>
  [
    `Night Film ${n} opens on a wet street and never quite dries out. The camera waits in ` +
      `doorways while the lead crosses the frame twice, once in each direction, as if the ` +
      `city had folded back on itself.`,
    `What stays is the sound: trams under the dialogue, a radio two rooms away, rain on a ` +
      `tin awning. The plot is thin, and the film knows it; the mood is the point.`,
    `A second viewing rewards the patient, mostly for the last reel.`,
  ].join("\n\n");

const motifs = ["neon", "horizon", "rain", "cards", "window", "spotlight"] as const;
const palettes: [string, string, string][] = [
  ["#1b2a41", "#c44536", "#f4d35e"],
  ["#0b3954", "#087e8b", "#bfd7ea"],
  ["#2d1e2f", "#f26419", "#f6ae2d"],
];

/** A picture of its own for review `n`, drawn like the demo's stills. */
async function ownStill(db: TestDb, n: number) {
  const image = await renderStill({
    width: 640,
    height: 360,
    palette: palettes[n % palettes.length]!,
    motif: motifs[n % motifs.length]!,
    seed: n,
  });
  return processStill(image, db.mediaDir, "stills/own", `own-${n}`);
}

/**
 * `count` published reviews tagged Night City, newest last created. Reviews whose number is
 * in `withoutStill` get no still; the others share one processed still's files.
 */
export async function buildListingSite(
  db: TestDb,
  options: { count: number; withoutStill?: number[]; ownStills?: boolean },
) {
  const author = await createUser(db, {
    email: "lister@example.com",
    displayName: "Lee Lister",
    role: "owner",
    password: null,
  });
  // One still's files serve every review, unless each needs its own picture (and so its
  // own ThumbHash placeholder, as on a real site: the weight test wants those).
  const shared = options.ownStills
    ? undefined
    : await processStill(await jpegImage(1280, 720, 210), db.mediaDir, "stills/night", "night");
  for (let n = 1; n <= options.count; n++) {
    const film = await createFilm(db, {
      title: `Night Film ${n}`,
      year: 1940 + n,
      credits: [{ role: "director", name: `Director Number ${n}` }],
    });
    const review = await createReview(db, {
      authorId: author.id,
      filmId: film.id,
      status: "published",
      body: body(n),
      rating: 60 + (n % 5) * 10,
      publishedAt: new Date(Date.UTC(2026, 0, 1) + n * 86_400_000).toISOString(),
      tags: [listingTag.name, "Rain"],
    });
    if (options.withoutStill?.includes(n)) continue;
    const processed = shared ?? (await ownStill(db, n));
    await addStill(
      db,
      stillOf(review.id, processed, { alt: `A rain-streaked street at night in Night Film ${n}` }),
    );
  }
}
