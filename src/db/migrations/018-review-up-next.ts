// A review's own "Up Next": the films its author listed after it, in their order. An imported
// review keeps the line it was written with even where other reviews' lines (and so the
// series order rebuilt from them) disagree; a review without one follows its series.
import type { Kysely } from "kysely";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("review_up_next")
    .addColumn("review_id", "integer", (c) =>
      c.notNull().references("reviews.id").onDelete("cascade"),
    )
    /** 0 for the first film named. */
    .addColumn("position", "integer", (c) => c.notNull())
    // Like a series entry, a film someone's list names cannot vanish from under it.
    .addColumn("film_id", "integer", (c) => c.notNull().references("films.id"))
    .addPrimaryKeyConstraint("review_up_next_pk", ["review_id", "position"])
    .execute();
  // Which lists name a film (a film's review being published changes how they read).
  await db.schema
    .createIndex("review_up_next_film")
    .on("review_up_next")
    .column("film_id")
    .execute();
}
