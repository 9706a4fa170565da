// The blog as an ActivityPub actor: a Person named after the site, with its description, a
// link to the site as a PropertyValue, its avatar and header (stills or uploads), its
// inboxes and keys, the accounts it was before (alsoKnownAs) and, once moved, where it went
// (movedTo). One actor, @SLUG@host, the slug from the settings ("blog" by default).
import type { Context } from "@fedify/fedify";
import {
  Endpoints,
  Image,
  Person,
  PropertyValue,
  type CryptographicKey,
  type Multikey,
} from "@fedify/vocab";
import { alsoKnownAsList } from "../domain/federation/federation-settings.ts";
import type { SiteSettings } from "../domain/settings.ts";
import { imageMediaType, mediaUrl } from "../feeds/site-urls.ts";
import { escapeHtml } from "./html.ts";

function siteImage(siteUrl: string, mediaPath: string): Image | null {
  if (!mediaPath) return null;
  return new Image({
    url: new URL(mediaUrl(siteUrl, mediaPath)),
    mediaType: imageMediaType(mediaPath),
  });
}

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
    icon: siteImage(siteUrl, settings.federationAvatar),
    image: siteImage(siteUrl, settings.federationHeader),
    aliases: alsoKnownAsList(settings.federationAlsoKnownAs),
    successor: URL.canParse(settings.federationMovedTo)
      ? new URL(settings.federationMovedTo)
      : null,
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
