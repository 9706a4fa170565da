// A small stand-in for a Mastodon account on a loopback address: it serves its actor document
// in Mastodon's shape (test/fixtures/mastodon/actor.json) with a key of its own, signs the
// activities it sends with Fedify's HTTP Signatures (as Mastodon signs them: draft-cavage,
// RSA-SHA256), serves its avatar picture, and records what arrives at its inboxes. Its inbox can be made to answer with
// an error for a while, like a server that is down.
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { resolve } from "node:path";
import { generateCryptoKeyPair, signRequest } from "@fedify/fedify";
import { exportSpki } from "@fedify/vocab-runtime";
import sharp from "sharp";

const fixtures = resolve(import.meta.dirname, "../fixtures/mastodon");
const avatarPath = "/system/accounts/avatars/original/avatar.png";

export interface MastodonActor {
  origin: string;
  actorUri: string;
  /** Bodies received at the personal and shared inboxes, parsed. */
  received: Record<string, unknown>[];
  /** While set, inboxes answer with this status and record nothing. */
  inboxStatus: number | null;
  /** The account's aliases (alsoKnownAs), as Mastodon lists them once set: a move target's. */
  alsoKnownAs: string[];
  /** Fills a fixture with this actor's values and posts it, signed, to `inbox`. */
  send(fixture: string, inbox: string, values: Record<string, string>): Promise<Response>;
  close(): Promise<void>;
}

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{\{([A-Z_]+)\}\}/g, (_m, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`fixture value ${name} missing`);
    // Values land inside JSON strings.
    return JSON.stringify(value).slice(1, -1);
  });
}

// Making an RSA pair (4096 bits, as Fedify makes them) takes 50–600 ms of CPU. An account keeps
// its key, so a worker process makes one per account (host and user) and each of its test files
// reuses it; two different accounts never share one, so a signature by one cannot pass for the
// other's.
const accountKeys = new Map<string, ReturnType<typeof generateCryptoKeyPair>>();

function keysOf(host: string, user: string): ReturnType<typeof generateCryptoKeyPair> {
  const account = `${user}@${host}`;
  let keys = accountKeys.get(account);
  if (keys === undefined) {
    keys = generateCryptoKeyPair("RSASSA-PKCS1-v1_5");
    accountKeys.set(account, keys);
  }
  return keys;
}

export async function startMastodonActor(
  host: string,
  user = "marguerite",
): Promise<MastodonActor> {
  const keys = await keysOf(host, user);
  const pem = await exportSpki(keys.publicKey);
  const received: Record<string, unknown>[] = [];
  // The picture actor.json names, so that copying a remote author's avatar can be seen.
  const avatar = await sharp({
    create: { width: 64, height: 64, channels: 3, background: { r: 200, g: 40, b: 40 } },
  })
    .png()
    .toBuffer();
  let origin = "";
  const state = { inboxStatus: null as number | null, alsoKnownAs: [] as string[] };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const path = req.url ?? "/";
      if (req.method === "GET" && path === `/users/${user}`) {
        const body = fill(readFileSync(resolve(fixtures, "actor.json"), "utf8"), {
          ORIGIN: origin,
          USER: user,
          PUBLIC_KEY_PEM: pem,
        });
        const doc = JSON.parse(body) as Record<string, unknown>;
        if (state.alsoKnownAs.length > 0) doc.alsoKnownAs = state.alsoKnownAs;
        res.writeHead(200, { "content-type": "application/activity+json" });
        res.end(JSON.stringify(doc));
        return;
      }
      if (req.method === "GET" && path === avatarPath) {
        res.writeHead(200, { "content-type": "image/png" });
        res.end(avatar);
        return;
      }
      if (req.method === "POST" && (path === `/users/${user}/inbox` || path === "/inbox")) {
        if (state.inboxStatus !== null) {
          res.writeHead(state.inboxStatus);
          res.end();
          return;
        }
        received.push(
          JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown>,
        );
        res.writeHead(202);
        res.end();
        return;
      }
      res.writeHead(404);
      res.end();
    });
  });
  await new Promise<void>((done) => server.listen(0, host, done));
  origin = `http://${host}:${(server.address() as AddressInfo).port}`;
  const actorUri = `${origin}/users/${user}`;
  return {
    origin,
    actorUri,
    received,
    get inboxStatus() {
      return state.inboxStatus;
    },
    set inboxStatus(value: number | null) {
      state.inboxStatus = value;
    },
    get alsoKnownAs() {
      return state.alsoKnownAs;
    },
    set alsoKnownAs(value: string[]) {
      state.alsoKnownAs = value;
    },
    async send(fixture, inbox, values) {
      const body = fill(readFileSync(resolve(fixtures, fixture), "utf8"), {
        ORIGIN: origin,
        USER: user,
        ...values,
      });
      const request = new Request(inbox, {
        method: "POST",
        headers: {
          "content-type": "application/activity+json",
          accept: "application/activity+json",
        },
        body,
      });
      const signed = await signRequest(request, keys.privateKey, new URL(`${actorUri}#main-key`));
      return fetch(signed);
    },
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
