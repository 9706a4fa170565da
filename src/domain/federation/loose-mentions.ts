// Notes that mention the blog but reply to nothing here and link to none of its reviews: no
// thread can hold them, so they are kept apart and listed for the owner on the Fediverse
// admin page (newest first, the oldest dropped past a few hundred), never shown publicly.
import type { Selectable } from "kysely";
import type { Db } from "../../db/connect.ts";
import type { FederationMentionsTable } from "../../db/schema.ts";
import { nowIso } from "../time.ts";

const kept = 300;

export type LooseMention = Selectable<FederationMentionsTable>;

export async function keepLooseMention(
  db: Db,
  mention: {
    noteId: string;
    actorUri: string;
    name: string;
    handle: string | null;
    url: string;
    html: string;
  },
): Promise<void> {
  await db.kysely
    .insertInto("federation_mentions")
    .values({
      note_id: mention.noteId,
      actor_uri: mention.actorUri,
      author_name: mention.name,
      author_handle: mention.handle,
      url: mention.url,
      body_html: mention.html,
      created_at: nowIso(),
    })
    .onConflict((oc) => oc.column("note_id").doNothing())
    .execute();
  const oldest = await db.kysely
    .selectFrom("federation_mentions")
    .select("id")
    .orderBy("id", "desc")
    .offset(kept)
    .limit(1)
    .executeTakeFirst();
  if (oldest)
    await db.kysely.deleteFrom("federation_mentions").where("id", "<=", oldest.id).execute();
}

export async function listLooseMentions(db: Db, limit = 20): Promise<LooseMention[]> {
  return db.kysely
    .selectFrom("federation_mentions")
    .selectAll()
    .orderBy("id", "desc")
    .limit(limit)
    .execute();
}
