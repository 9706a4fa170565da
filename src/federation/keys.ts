// The key pairs of the blog actor and of each writer's actor: one RSA pair (HTTP Signatures,
// which every server reads) and one Ed25519 pair (Object Integrity Proofs). Made on first need
// and kept (federation_keys for the blog, federation_writer_keys for writers); replaced only by
// `cinelog federation rotate-keys`. Two instances starting together keep
// whichever pair was stored first.
import { webcrypto } from "node:crypto";
import { exportJwk, generateCryptoKeyPair, importJwk } from "@fedify/fedify";
import type { Db } from "../db/connect.ts";
import type { FederationKeyAlgorithm } from "../db/schema.ts";
import { nowIso } from "../domain/time.ts";

type KeyPair = webcrypto.CryptoKeyPair;
type Jwk = webcrypto.JsonWebKey;

const keyAlgorithms: FederationKeyAlgorithm[] = ["RSASSA-PKCS1-v1_5", "Ed25519"];

async function newRow(algorithm: FederationKeyAlgorithm) {
  // Fedify types keys with the DOM's Web Crypto names, which src/ does not load: they read
  // as unresolved here, though they are Node's own Web Crypto objects.
  /* eslint-disable @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-member-access */
  const pair = await generateCryptoKeyPair(algorithm);
  return {
    algorithm,
    private_jwk: JSON.stringify(await exportJwk(pair.privateKey)),
    public_jwk: JSON.stringify(await exportJwk(pair.publicKey)),
    created_at: nowIso(),
  };
  /* eslint-enable @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-member-access */
}

/** A stored pair: the blog's (no writer) or a writer's (by user id). */
async function storedRow(db: Db, algorithm: FederationKeyAlgorithm, writerId?: number) {
  if (writerId === undefined) {
    return db.kysely
      .selectFrom("federation_keys")
      .selectAll()
      .where("algorithm", "=", algorithm)
      .executeTakeFirst();
  }
  return db.kysely
    .selectFrom("federation_writer_keys")
    .selectAll()
    .where("user_id", "=", writerId)
    .where("algorithm", "=", algorithm)
    .executeTakeFirst();
}

/** Stores a new pair; `replace` overwrites one already there, else the first stored stays. */
function storeRow(db: Db, row: Awaited<ReturnType<typeof newRow>>, writerId?: number) {
  const replace = {
    private_jwk: row.private_jwk,
    public_jwk: row.public_jwk,
    created_at: row.created_at,
  };
  return {
    keep: async () => {
      if (writerId === undefined) {
        await db.kysely
          .insertInto("federation_keys")
          .values(row)
          .onConflict((oc) => oc.column("algorithm").doNothing())
          .execute();
      } else {
        await db.kysely
          .insertInto("federation_writer_keys")
          .values({ ...row, user_id: writerId })
          .onConflict((oc) => oc.columns(["user_id", "algorithm"]).doNothing())
          .execute();
      }
    },
    replace: async () => {
      if (writerId === undefined) {
        await db.kysely
          .insertInto("federation_keys")
          .values(row)
          .onConflict((oc) => oc.column("algorithm").doUpdateSet(replace))
          .execute();
      } else {
        await db.kysely
          .insertInto("federation_writer_keys")
          .values({ ...row, user_id: writerId })
          .onConflict((oc) => oc.columns(["user_id", "algorithm"]).doUpdateSet(replace))
          .execute();
      }
    },
  };
}

/**
 * The stored pairs of the blog (or, with `writerId`, of that writer's actor), made now if
 * missing; RSA first (Fedify signs HTTP requests with it).
 */
export async function loadKeyPairs(db: Db, writerId?: number): Promise<KeyPair[]> {
  const pairs: KeyPair[] = [];
  for (const algorithm of keyAlgorithms) {
    let row = await storedRow(db, algorithm, writerId);
    if (!row) {
      await storeRow(db, await newRow(algorithm), writerId).keep();
      row = await storedRow(db, algorithm, writerId);
      if (!row) throw new Error(`federation key ${algorithm} was not stored`);
    }
    pairs.push({
      privateKey: (await importJwk(
        JSON.parse(row.private_jwk) as Jwk,
        "private",
      )) as webcrypto.CryptoKey,
      publicKey: (await importJwk(
        JSON.parse(row.public_jwk) as Jwk,
        "public",
      )) as webcrypto.CryptoKey,
    });
  }
  return pairs;
}

/**
 * Replaces both pairs of the blog (or of the writer's actor); returns when they were made.
 * Remote servers refetch the actor.
 */
export async function rotateKeyPairs(db: Db, writerId?: number): Promise<string> {
  const rows = await Promise.all(keyAlgorithms.map(newRow));
  for (const row of rows) await storeRow(db, row, writerId).replace();
  return rows[0]!.created_at;
}
