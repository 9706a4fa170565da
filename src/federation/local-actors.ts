// Which of the site's actors an identifier in an ActivityPub path names: the blog (its slug
// from the settings) or a writer whose own actor is on (their username), while federation and,
// for writers, the site-wide switch allow it. The blog's slug wins should a writer's username
// ever equal it. Every dispatcher and the Follow listener ask here.
import type { Db } from "../db/connect.ts";
import { enabledWriterActor, type WriterActor } from "../domain/federation/writer-actors.ts";
import type { SiteSettings } from "../domain/settings.ts";

type LocalActor =
  { kind: "blog"; writerId: 0 } | (WriterActor & { kind: "writer"; writerId: number });

export async function localActor(
  db: Db,
  settings: SiteSettings,
  identifier: string,
): Promise<LocalActor | null> {
  if (identifier === settings.federationSlug) return { kind: "blog", writerId: 0 };
  if (!settings.federationWriterActors) return null;
  const writer = await enabledWriterActor(db, identifier);
  return writer ? { ...writer, kind: "writer", writerId: writer.userId } : null;
}

/** The writer's actor a review is attributed to, when its author has one on. */
export async function authorActor(
  db: Db,
  settings: SiteSettings,
  authorId: number,
): Promise<WriterActor | null> {
  if (!settings.federationWriterActors) return null;
  return (await enabledWriterActor(db, authorId)) ?? null;
}
