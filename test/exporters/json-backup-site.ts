// A site with something in nearly every table, for the backup round trips: the page fixture,
// plus comment threads (one reply older than its parent, as imports make), stills with real
// files, settings, a second account with a passkey, redirects, import records, revisions,
// autosaves, subscriptions and mail, and a gap in the film ids.
import type { Kysely } from "kysely";
import sharp from "sharp";
import { encodeValue } from "../../src/backup/backup-format.ts";
import { backedUpTables } from "../../src/backup/backup-plan.ts";
import { readCatalogue } from "../../src/backup/catalogue.ts";
import type { Db } from "../../src/db/connect.ts";
import { createComment } from "../../src/domain/comments.ts";
import { createFilm } from "../../src/domain/films.ts";
import { recordImported } from "../../src/domain/import-items.ts";
import { addPasskey } from "../../src/domain/passkeys.ts";
import { addRedirects } from "../../src/domain/redirects.ts";
import { replaceOwnUpNext } from "../../src/domain/review-up-next.ts";
import { storeAutosave } from "../../src/domain/review-autosave.ts";
import { startSession } from "../../src/domain/sessions.ts";
import { siteSecret } from "../../src/domain/secrets.ts";
import { saveSetting } from "../../src/domain/settings.ts";
import { addStill, stillOf } from "../../src/domain/stills.ts";
import { createUser } from "../../src/domain/users.ts";
import { processStill } from "../../src/media/still-variants.ts";
import { buildFixture } from "../support/fixture.ts";

export async function buildRichSite(db: Db, mediaDir: string) {
  const fixture = await buildFixture(db);
  const { vegasReview, bobReview } = fixture.reviews;
  await saveSetting(db, "siteTitle", "Backup & Restore Journal");
  await saveSetting(db, "ratingScale", "ten");
  // Made before the backup, so the restored site signs tokens and links with the same key.
  await siteSecret(db);

  // A film made and deleted: restored ids must keep the gap, not close it.
  const gone = await createFilm(db, { title: "Deleted Film", year: 1999, credits: [] });
  await db.kysely.deleteFrom("films").where("id", "=", gone.id).execute();

  const image = await sharp({
    create: { width: 1200, height: 675, channels: 3, background: { r: 30, g: 90, b: 140 } },
  })
    .jpeg()
    .toBuffer();
  const processed = await processStill(image, mediaDir, `stills/${bobReview.id}`, "dawn");
  await addStill(
    db,
    stillOf(bobReview.id, processed, { alt: "Montmartre at dawn", caption: "Bob's walk" }),
  );

  const at = (day: number) => `2026-05-${String(day).padStart(2, "0")}T10:00:00.000Z`;
  const first = await createComment(db, {
    reviewId: vegasReview.id,
    name: "Marguerite",
    email: "marguerite@example.com",
    url: "https://example.com/m",
    body: "The *last* scene stays with me.",
    status: "approved",
    notifyReplies: true,
    createdAt: at(1),
  });
  const reply = await createComment(db, {
    reviewId: vegasReview.id,
    parentId: first.id,
    name: "Ada Critic",
    email: "critic@example.com",
    body: "Mine too: the light in that motel.",
    status: "approved",
    createdAt: at(2),
  });
  const deeper = await createComment(db, {
    reviewId: vegasReview.id,
    parentId: reply.id,
    name: "Théo",
    email: "theo@example.com",
    body: "Figgis scored it himself, too.",
    status: "approved",
    createdAt: at(3),
  });
  await createComment(db, {
    reviewId: vegasReview.id,
    name: "Waiting Walter",
    email: "walter@example.com",
    body: "Held for moderation.",
    status: "pending",
    createdAt: at(4),
  });
  await createComment(db, {
    reviewId: vegasReview.id,
    name: "Spammer",
    email: "spam@example.com",
    body: "Buy things.",
    status: "spam",
    createdAt: at(5),
  });
  await createComment(db, {
    reviewId: bobReview.id,
    name: "A Film Blog",
    email: "",
    url: "https://blog.example.com/bob",
    body: "Linked from a write-up of Melville's heists.",
    status: "approved",
    kind: "pingback",
    createdAt: at(6),
  });
  // A reply older than the comment it answers (an import can do that): its parent_id points
  // at a row restored after it.
  const late = await createComment(db, {
    reviewId: vegasReview.id,
    name: "Late Parent",
    email: "late@example.com",
    body: "Written last, answered first.",
    status: "approved",
    createdAt: at(7),
  });
  await db.kysely
    .updateTable("comments")
    .set({ parent_id: late.id })
    .where("id", "=", deeper.id)
    .execute();

  const editor = await createUser(db, {
    email: "editor@example.com",
    displayName: "Eddie Editor",
    role: "editor",
    password: "another long passphrase",
  });
  await addPasskey(db, {
    userId: editor.id,
    credentialId: "cred-backup-test",
    publicKey: new Uint8Array([1, 2, 3, 4, 5]),
    counter: 4_000_000_000,
    transports: ["internal", "hybrid"],
    backedUp: true,
    name: "Laptop",
  });
  await startSession(db, editor.id, "test browser");
  await addRedirects(db, ["/2026/01/leaving-las-vegas/", "/?p=12"], `/review/${vegasReview.slug}`);
  // An own Up Next list, as an import leaves it (the restored page must show it the same).
  await replaceOwnUpNext(db, vegasReview.id, [fixture.films.games.id, fixture.films.friday.id]);
  await recordImported(db, "https://old.example.com", "review", [
    { externalId: "12", localId: vegasReview.id },
  ]);
  await db.kysely
    .insertInto("review_revisions")
    .values({
      review_id: vegasReview.id,
      body_md: "An earlier draft.",
      author_id: fixture.author.id,
      created_at: at(8),
    })
    .execute();
  await storeAutosave(
    db,
    { userId: fixture.author.id, reviewId: bobReview.id },
    { body: "Unsaved thoughts about Bob." },
  );
  return fixture;
}

/** Every backed-up table's rows in key order, values as the backup writes them. */
export async function dumpTables(db: Db): Promise<Record<string, unknown[]>> {
  const k = db.kysely as unknown as Kysely<Record<string, Record<string, unknown>>>;
  const dump: Record<string, unknown[]> = {};
  for (const table of backedUpTables(await readCatalogue(db))) {
    const columns = table.columns.filter((c) => !c.generated);
    let query = k.selectFrom(table.name).selectAll();
    for (const key of table.primaryKey.length ? table.primaryKey : columns.map((c) => c.name)) {
      query = query.orderBy(key);
    }
    const rows = await query.execute();
    dump[table.name] = rows.map((row) =>
      Object.fromEntries(columns.map((c) => [c.name, encodeValue(row[c.name], c.type)])),
    );
  }
  return dump;
}
