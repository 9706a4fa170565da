// The blog as an ActivityPub actor: a Person named after the site, with its description, a
// link to the site as a PropertyValue, its inboxes and keys. One actor, @SLUG@host, the slug
// from the settings ("blog" by default).
import type { Context } from "@fedify/fedify";
import {
  Endpoints,
  Person,
  PropertyValue,
  type CryptographicKey,
  type Multikey,
} from "@fedify/vocab";
import type { SiteSettings } from "../domain/settings.ts";
import { escapeHtml } from "./html.ts";

export function blogActor(
  ctx: Context<void>,
  settings: SiteSettings,
  siteUrl: string,
  keys: { cryptographicKey: CryptographicKey; multikey: Multikey }[],
): Person {
  const slug = settings.federationSlug;
  const site = new URL(`${siteUrl}/`);
  return new Person({
    id: ctx.getActorUri(slug),
    preferredUsername: slug,
    name: settings.siteTitle,
    summary: `<p>${escapeHtml(settings.siteDescription)}</p>`,
    url: site,
    inbox: ctx.getInboxUri(slug),
    outbox: ctx.getOutboxUri(slug),
    endpoints: new Endpoints({ sharedInbox: ctx.getInboxUri() }),
    followers: ctx.getFollowersUri(slug),
    manuallyApprovesFollowers: settings.federationApproveFollows,
    discoverable: true,
    publicKey: keys[0]?.cryptographicKey ?? null,
    assertionMethods: keys.map((k) => k.multikey),
    attachments: [
      new PropertyValue({
        name: "Website",
        value: `<a href="${escapeHtml(site.href)}" rel="me">${escapeHtml(site.host)}</a>`,
      }),
    ],
  });
}
