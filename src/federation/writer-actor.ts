// A writer's own ActivityPub actor: a Person with the writer's name and bio, their inboxes and
// keys (their own pairs, src/federation/keys.ts), and a link to the site they write for. The
// blog still publishes the reviews; this actor is who they are attributed to, and its
// followers receive them too (src/federation/publish.ts).
import type { Context } from "@fedify/fedify";
import {
  Endpoints,
  Person,
  PropertyValue,
  type CryptographicKey,
  type Multikey,
} from "@fedify/vocab";
import type { WriterActor } from "../domain/federation/writer-actors.ts";
import type { SiteSettings } from "../domain/settings.ts";
import { escapeHtml } from "./html.ts";

export function writerActor(
  ctx: Context<void>,
  writer: WriterActor,
  settings: SiteSettings,
  siteUrl: string,
  keys: { cryptographicKey: CryptographicKey; multikey: Multikey }[],
): Person {
  const site = new URL(`${siteUrl}/`);
  const id = writer.username;
  return new Person({
    id: ctx.getActorUri(id),
    preferredUsername: id,
    name: writer.displayName,
    summary: writer.bio ? `<p>${escapeHtml(writer.bio)}</p>` : null,
    url: site,
    inbox: ctx.getInboxUri(id),
    outbox: ctx.getOutboxUri(id),
    endpoints: new Endpoints({ sharedInbox: ctx.getInboxUri() }),
    followers: ctx.getFollowersUri(id),
    manuallyApprovesFollowers: settings.federationApproveFollows,
    discoverable: true,
    publicKey: keys[0]?.cryptographicKey ?? null,
    assertionMethods: keys.map((k) => k.multikey),
    attachments: [
      new PropertyValue({
        name: `Writes for ${settings.siteTitle}`,
        value: `<a href="${escapeHtml(site.href)}" rel="me">${escapeHtml(site.host)}</a>`,
      }),
    ],
  });
}
