// What the fediverse was last told of the blog's profile (name, summary, avatar, header, earlier
// accounts, where it moved): a digest of those settings, so that a change made anywhere (the
// fediverse page, the general settings, undoing a move) is followed by one Update(Person) to
// the followers, claimed by a compare-and-set so instances sharing the database send it once.
import { createHash } from "node:crypto";
import type { Db } from "../../db/connect.ts";
import type { SiteSettings } from "../settings.ts";

const sentKey = "federationProfileSent";

/** The digest of what the actor document shows that followers' servers keep a copy of. */
export function profileDigest(settings: SiteSettings): string {
  const shown = [
    settings.siteTitle,
    settings.siteDescription,
    settings.federationAvatar,
    settings.federationHeader,
    settings.federationAlsoKnownAs,
    settings.federationMovedTo,
    settings.federationApproveFollows,
  ];
  return createHash("sha256").update(JSON.stringify(shown)).digest("hex");
}

/** The digest last sent, or "" before the first Update. */
export async function sentProfileDigest(db: Db): Promise<string> {
  const row = await db.kysely
    .selectFrom("settings")
    .select("value")
    .where("key", "=", sentKey)
    .executeTakeFirst();
  return row?.value ?? "";
}

/** True for the one caller that moves the sent digest from `before` to `after`. */
export async function claimProfileUpdate(db: Db, before: string, after: string): Promise<boolean> {
  if (before === "") {
    const inserted = await db.kysely
      .insertInto("settings")
      .values({ key: sentKey, value: after })
      .onConflict((oc) => oc.column("key").doNothing())
      .executeTakeFirst();
    return Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 1;
  }
  const updated = await db.kysely
    .updateTable("settings")
    .set({ value: after })
    .where("key", "=", sentKey)
    .where("value", "=", before)
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) === 1;
}
