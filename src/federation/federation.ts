// Builds the Fedify federation for one app: storage in our own database (kv-store.ts,
// message-queue.ts), the blog actor and writers' actors (local-actors.ts) and their keys, WebFinger (Fedify answers it from the actor
// dispatcher), NodeInfo, the followers collection used for delivery, and the inbox listeners.
// Every remote fetch Fedify makes goes through a loader with a timeout; private addresses are
// refused unless a test asks otherwise (never in production: see config's checks).
import {
  createFederation,
  getAuthenticatedDocumentLoader,
  type ActorKeyPairsDispatcher,
  type Context,
  type Federation,
  type KvStore,
  type MessageQueue,
} from "@fedify/fedify";
import {
  getDocumentLoader,
  type DocumentLoaderFactoryOptions,
  type RemoteDocument,
} from "@fedify/vocab-runtime";
import type { Logger } from "pino";
import type { Db } from "../db/connect.ts";
import {
  acceptedFollowerInboxes,
  followerCounts,
  removeFollowersAtInboxes,
} from "../domain/federation/followers.ts";
import { loadSettings, type SiteSettings } from "../domain/settings.ts";
import { blogActor } from "./actor.ts";
import { registerInboxListeners } from "./inbox/listeners.ts";
import { loadKeyPairs } from "./keys.ts";
import { localActor } from "./local-actors.ts";
import { registerObjectDispatchers } from "./objects.ts";
import { DatabaseKvStore } from "./kv-store.ts";
import { DatabaseMessageQueue } from "./message-queue.ts";
import { writerActor } from "./writer-actor.ts";

/** No remote document may keep us waiting longer than this. */
const fetchTimeoutMs = 10_000;

export interface FederationOptions {
  db: Db;
  siteUrl: string;
  logger: Logger;
  /** Tests on loopback only: lets Fedify fetch 127.0.0.x. */
  allowPrivateAddress?: boolean;
  queue?: MessageQueue;
  kv?: KvStore;
  /** Where remote authors' pictures are copied. */
  mediaDir?: string;
}

export interface BlogFederation {
  db: Db;
  federation: Federation<void>;
  queue: MessageQueue;
  /** A context for work outside a request (publishing, admin actions). */
  context(): Context<void>;
  settings(): Promise<SiteSettings>;
}

type Loader = (url: string, options?: { signal?: AbortSignal }) => Promise<RemoteDocument>;

/** The loader, with a deadline added to whatever signal its caller gives. */
function withTimeout(load: Loader): Loader {
  return (url, opts) =>
    load(url, {
      signal: opts?.signal
        ? AbortSignal.any([opts.signal, AbortSignal.timeout(fetchTimeoutMs)])
        : AbortSignal.timeout(fetchTimeoutMs),
    });
}

function loaderOptions(siteUrl: string, allowPrivateAddress: boolean) {
  return { allowPrivateAddress, userAgent: { software: "Cinelog", url: new URL(siteUrl) } };
}

export function buildFederation(options: FederationOptions): BlogFederation {
  const { db, siteUrl, logger } = options;
  const allowPrivateAddress = options.allowPrivateAddress ?? false;
  const queue =
    options.queue ??
    new DatabaseMessageQueue(db, {
      onError: (row, error) =>
        logger.warn({ err: error, queueId: row.id }, "federation queue message failed"),
    });
  const federation = createFederation<void>({
    kv: options.kv ?? new DatabaseKvStore(db),
    queue,
    manuallyStartQueue: true,
    origin: siteUrl,
    documentLoaderFactory: (opts?: DocumentLoaderFactoryOptions) =>
      withTimeout(getDocumentLoader({ ...opts, ...loaderOptions(siteUrl, allowPrivateAddress) })),
    contextLoaderFactory: (opts?: DocumentLoaderFactoryOptions) =>
      withTimeout(getDocumentLoader({ ...opts, ...loaderOptions(siteUrl, allowPrivateAddress) })),
    authenticatedDocumentLoaderFactory: (identity, opts?: DocumentLoaderFactoryOptions) =>
      withTimeout(
        getAuthenticatedDocumentLoader(identity, {
          ...opts,
          ...loaderOptions(siteUrl, allowPrivateAddress),
        }),
      ),
  });
  const settings = () => loadSettings(db);

  federation
    .setActorDispatcher("/@{identifier}", async (ctx, identifier) => {
      const current = await settings();
      const actor = await localActor(db, current, identifier);
      if (!actor) return null;
      const keys = await ctx.getActorKeyPairs(identifier);
      return actor.kind === "blog"
        ? blogActor(ctx, current, siteUrl, keys)
        : writerActor(ctx, actor, current, siteUrl, keys);
    })
    .setKeyPairsDispatcher(async (_ctx, identifier) => {
      const actor = await localActor(db, await settings(), identifier);
      if (!actor) return [];
      // Node's Web Crypto keys, under the DOM's type names Fedify uses (unresolved without
      // the DOM library, hence the rule off here).
      // eslint-disable-next-line @typescript-eslint/no-unsafe-return, @typescript-eslint/no-unnecessary-type-assertion
      return (await loadKeyPairs(
        db,
        actor.kind === "writer" ? actor.writerId : undefined,
      )) as unknown as Awaited<ReturnType<ActorKeyPairsDispatcher<void>>>;
    });

  federation
    .setFollowersDispatcher("/ap/followers/{identifier}", async (_ctx, identifier) => {
      const actor = await localActor(db, await settings(), identifier);
      if (!actor) return null;
      const followers = await acceptedFollowerInboxes(db, actor.writerId);
      return {
        items: followers.map((f) => ({
          id: new URL(f.actorUri),
          inboxId: new URL(f.inbox),
          endpoints: f.sharedInbox ? { sharedInbox: new URL(f.sharedInbox) } : null,
        })),
      };
    })
    .setCounter(async (_ctx, identifier) => {
      const actor = await localActor(db, await settings(), identifier);
      return actor ? (await followerCounts(db, actor.writerId)).accepted : null;
    });

  // An empty outbox: servers look for one; the reviews themselves are on the site.
  federation
    .setOutboxDispatcher("/ap/outbox/{identifier}", () => ({ items: [] }))
    .setCounter(() => 0);

  federation.setNodeInfoDispatcher("/nodeinfo/2.1", () => ({
    software: { name: "cinelog", version: "0.1.0" },
    protocols: ["activitypub"],
    usage: { users: { total: 1 }, localPosts: 0, localComments: 0 },
  }));

  // A server that answers 410 Gone (or 404) for an inbox: its followers there are gone.
  federation.setOutboxPermanentFailureHandler(async (_ctx, values) => {
    if (values.statusCode !== 410) return;
    const removed = await removeFollowersAtInboxes(db, [values.inbox.href]);
    logger.info({ inbox: values.inbox.href, removed }, "inbox gone: followers removed");
  });

  registerInboxListeners(federation, {
    db,
    logger,
    settings,
    mediaDir: options.mediaDir,
    allowPrivateAddress,
  });
  registerObjectDispatchers(federation, { db, siteUrl, settings });

  return {
    db,
    federation,
    queue,
    context: () => federation.createContext(new URL(siteUrl), undefined),
    settings,
  };
}
