// The owner's fediverse page at /admin/fediverse (views/fediverse-page.tsx): federation on or
// off, the handle, approval; followers accepted, refused, removed or blocked; blocks; who liked
// and boosted which review; and the mentions of the blog kept aside (loose-mentions.ts).
import type { Hono } from "hono";
import { actorImageChoices } from "../../domain/federation/actor-images.ts";
import { actorSlugPattern, alsoKnownAsList } from "../../domain/federation/federation-settings.ts";
import {
  addBlock,
  followerById,
  hostOf,
  listBlocks,
  listFollowers,
  removeBlock,
  removeFollowerById,
} from "../../domain/federation/followers.ts";
import { beginSendingKind } from "../../domain/federation/post-federation.ts";
import { writerIdByUsername, writerUsernames } from "../../domain/federation/writer-actors.ts";
import { recentReactions } from "../../domain/federation/reactions.ts";
import { listLooseMentions } from "../../domain/federation/loose-mentions.ts";
import { inTransaction } from "../../db/transaction.ts";
import { loadSettings, saveSetting } from "../../domain/settings.ts";
import type { AdminEnv } from "../auth/session.ts";
import type { Services } from "../services.ts";
import {
  currentCsrfToken,
  field,
  formExpired,
  renderAdmin,
  type AdminContext,
} from "./admin-page.ts";
import { adminRoute } from "../route-facts.ts";
import { FediversePage, type FediverseValues } from "./views/fediverse-page.tsx";
import {
  keptImageChoice,
  receiveActorImages,
  removeReplacedImages,
  uploadedImageChoices,
  type ImageErrors,
} from "./fediverse-images.ts";

const fediversePath = "/fediverse";

const notices: Record<string, string> = {
  saved: "Fediverse settings saved.",
  removed: "Follower removed.",
  approved: "Follower accepted.",
  blocked: "Blocked; their follows are gone.",
  unblocked: "Unblocked.",
  "not-blocked": "Give an account's address (https://…) or a server's host name.",
  moved: "The blog's account has moved: its followers are being told.",
  unmoved: "The move is undone: the blog's account no longer points elsewhere.",
};

/** "@name@host" of each writer with an actor (on or off), by user id. */
async function writerHandles(db: Services["db"], host: string): Promise<Map<number, string>> {
  const names = await writerUsernames(db);
  return new Map([...names].map(([id, name]) => [id, `@${name}@${host}`]));
}

export function registerFediverseRoutes(admin: Hono<AdminEnv>, services: Services): void {
  // The owner's settings page and its actions: the declared capability is the guard.
  const ownerOnly = () => adminRoute({ capability: "manage_settings" });
  const { db } = services;

  const show = async (
    c: AdminContext,
    values: FediverseValues,
    extra: {
      slugError?: string;
      aliasError?: string;
      imageErrors?: ImageErrors;
      notice?: string;
      formError?: string;
      status?: 200 | 400 | 403;
    },
  ) => {
    const host = new URL(services.config.siteUrl).host;
    return renderAdmin(
      c,
      services,
      { title: "Fediverse", status: extra.status ?? 200 },
      <FediversePage
        values={values}
        handle={`@${values.federationSlug}@${host}`}
        followers={await listFollowers(db, { status: "accepted", limit: 500 })}
        pending={await listFollowers(db, { status: "pending", limit: 500 })}
        writerHandles={await writerHandles(db, host)}
        blocks={await listBlocks(db)}
        reactions={await recentReactions(db)}
        mentions={await listLooseMentions(db)}
        slugError={extra.slugError}
        aliasError={extra.aliasError}
        images={[...uploadedImageChoices(await loadSettings(db)), ...(await actorImageChoices(db))]}
        imageErrors={extra.imageErrors ?? {}}
        movedTo={(await loadSettings(db)).federationMovedTo}
        notice={extra.notice}
        formError={extra.formError}
        csrf={await currentCsrfToken(c, services)}
      />,
    );
  };

  admin.get(fediversePath, ownerOnly(), async (c) => {
    const s = await loadSettings(db);
    return show(
      c,
      {
        federationEnabled: s.federationEnabled,
        federationSlug: s.federationSlug,
        federationApproveFollows: s.federationApproveFollows,
        federationWriterActors: s.federationWriterActors,
        federationSendPosts: s.federationSendPosts,
        federationSendPages: s.federationSendPages,
        federationAvatar: s.federationAvatar,
        federationHeader: s.federationHeader,
        federationAlsoKnownAs: s.federationAlsoKnownAs,
      },
      { notice: notices[c.req.query("done") ?? ""] },
    );
  });

  admin.post(fediversePath, ownerOnly(), async (c) => {
    const body = await c.req.parseBody();
    const values: FediverseValues = {
      federationEnabled: field(body, "federationEnabled") !== "",
      federationSlug: field(body, "federationSlug").trim(),
      federationApproveFollows: field(body, "federationApproveFollows") !== "",
      federationWriterActors: field(body, "federationWriterActors") !== "",
      federationSendPosts: field(body, "federationSendPosts") !== "",
      federationSendPages: field(body, "federationSendPages") !== "",
      federationAvatar: field(body, "federationAvatar"),
      federationHeader: field(body, "federationHeader"),
      federationAlsoKnownAs: field(body, "federationAlsoKnownAs").trim(),
    };
    if (!c.get("csrfValid")) {
      return show(c, values, {
        status: 403,
        formError: "This form expired, so nothing was saved. Your choices are below: save again.",
      });
    }
    if (!actorSlugPattern.test(values.federationSlug)) {
      return show(c, values, {
        status: 400,
        slugError: "Use lower-case letters, digits and underscores, up to 30.",
      });
    }
    if ((await writerIdByUsername(db, values.federationSlug)) !== undefined) {
      return show(c, values, {
        status: 400,
        slugError: "A writer's fediverse account has this name; choose another.",
      });
    }
    const aliases = values.federationAlsoKnownAs.split(/\s+/).filter((a) => a !== "");
    if (aliases.length !== alsoKnownAsList(values.federationAlsoKnownAs).length) {
      return show(c, values, {
        status: 400,
        aliasError: "Give each earlier account's full address (https://…), one a line.",
      });
    }
    const before = await loadSettings(db);
    // Only stills of the site or the pictures uploaded: anything else becomes none.
    for (const key of ["federationAvatar", "federationHeader"] as const) {
      values[key] = await keptImageChoice(db, values[key], before);
    }
    const uploads = await receiveActorImages(body, services.config.mediaDir);
    if (Object.keys(uploads.errors).length > 0) {
      return show(c, values, { status: 400, imageErrors: uploads.errors });
    }
    Object.assign(values, uploads.stored);
    await inTransaction(db, async (trx) => {
      await saveSetting(trx, "federationEnabled", values.federationEnabled);
      await saveSetting(trx, "federationSlug", values.federationSlug);
      await saveSetting(trx, "federationApproveFollows", values.federationApproveFollows);
      await saveSetting(trx, "federationWriterActors", values.federationWriterActors);
      await saveSetting(trx, "federationSendPosts", values.federationSendPosts);
      await saveSetting(trx, "federationSendPages", values.federationSendPages);
      // Turned on now: only what goes public from now on is sent, not what already is.
      if (values.federationSendPosts && !before.federationSendPosts) {
        await beginSendingKind(trx, "post");
      }
      if (values.federationSendPages && !before.federationSendPages) {
        await beginSendingKind(trx, "page");
      }
      await saveSetting(trx, "federationAvatar", values.federationAvatar);
      await saveSetting(trx, "federationHeader", values.federationHeader);
      await saveSetting(trx, "federationAlsoKnownAs", aliases.join("\n"));
    });
    await removeReplacedImages(services.config.mediaDir, before, values);
    if (values.federationEnabled && services.loadFederation) {
      // Followers' servers keep a copy of the profile: told at once of a change.
      const { publishProfileUpdate } = await import("../../federation/profile-update.ts");
      await publishProfileUpdate(await services.loadFederation(), services.config.siteUrl, before);
    }
    return c.redirect(`/admin${fediversePath}?done=saved`, 303);
  });

  admin.post(`${fediversePath}/followers`, ownerOnly(), async (c) => {
    if (!c.get("csrfValid")) return formExpired(c, services);
    const body = await c.req.parseBody();
    const id = Number(field(body, "id"));
    const follower = Number.isInteger(id) ? await followerById(db, id) : undefined;
    const action = field(body, "action");
    let done = "removed";
    if (follower && action === "approve" && services.loadFederation) {
      // Accepting sends an Accept activity: the one admin action that needs Fedify loaded.
      const { approveFollower } = await import("../../federation/approve.ts");
      await approveFollower(await services.loadFederation(), follower);
      done = "approved";
    } else if (follower && action === "block-actor") {
      await addBlock(db, "actor", follower.actor_uri);
      done = "blocked";
    } else if (follower && action === "block-server") {
      await addBlock(db, "server", follower.host);
      done = "blocked";
    } else if (follower) {
      await removeFollowerById(db, follower.id);
    }
    return c.redirect(`/admin${fediversePath}?done=${done}`, 303);
  });

  admin.post(`${fediversePath}/blocks`, ownerOnly(), async (c) => {
    if (!c.get("csrfValid")) return formExpired(c, services);
    const body = await c.req.parseBody();
    const unblock = Number(field(body, "unblock"));
    if (field(body, "unblock") && Number.isInteger(unblock)) {
      await removeBlock(db, unblock);
      return c.redirect(`/admin${fediversePath}?done=unblocked`, 303);
    }
    const target = field(body, "block").trim();
    let done = "not-blocked";
    if (/^https?:\/\//i.test(target) && hostOf(target)) {
      await addBlock(db, "actor", target);
      done = "blocked";
    } else if (/^[a-z0-9.-]+\.[a-z]{2,}$|^[0-9.]+$/i.test(target)) {
      await addBlock(db, "server", target);
      done = "blocked";
    }
    return c.redirect(`/admin${fediversePath}?done=${done}`, 303);
  });
}
