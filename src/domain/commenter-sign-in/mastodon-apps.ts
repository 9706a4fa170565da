// The apps this site registered on Mastodon instances. Each instance is asked once (on its
// first sign-in) and the credentials it gave are kept for the callback address they name.
import type { Db } from "../../db/connect.ts";
import { nowIso } from "../time.ts";

interface MastodonApp {
  clientId: string;
  clientSecret: string;
}

export async function findMastodonApp(
  db: Db,
  instance: string,
  redirectUri: string,
): Promise<MastodonApp | undefined> {
  const row = await db.kysely
    .selectFrom("mastodon_apps")
    .select(["client_id", "client_secret"])
    .where("instance", "=", instance)
    .where("redirect_uri", "=", redirectUri)
    .executeTakeFirst();
  return row && { clientId: row.client_id, clientSecret: row.client_secret };
}

/** Keeps an app; when two sign-ins registered at once, the first one kept wins. */
export async function keepMastodonApp(
  db: Db,
  instance: string,
  redirectUri: string,
  app: MastodonApp,
): Promise<MastodonApp> {
  await db.kysely
    .insertInto("mastodon_apps")
    .values({
      instance,
      redirect_uri: redirectUri,
      client_id: app.clientId,
      client_secret: app.clientSecret,
      created_at: nowIso(),
    })
    .onConflict((oc) => oc.columns(["instance", "redirect_uri"]).doNothing())
    .execute();
  return (await findMastodonApp(db, instance, redirectUri)) ?? app;
}
