// The blog actor's key pairs: one RSA pair (HTTP Signatures, which every server reads) and one
// Ed25519 pair (Object Integrity Proofs). Made on first need and kept in federation_keys;
// replaced only by `cinelog federation rotate-keys`. Two instances starting together keep
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

/** The stored pairs, made now if missing; RSA first (Fedify signs HTTP requests with it). */
export async function loadKeyPairs(db: Db): Promise<KeyPair[]> {
  const pairs: KeyPair[] = [];
  for (const algorithm of keyAlgorithms) {
    let row = await db.kysely
      .selectFrom("federation_keys")
      .selectAll()
      .where("algorithm", "=", algorithm)
      .executeTakeFirst();
    if (!row) {
      await db.kysely
        .insertInto("federation_keys")
        .values(await newRow(algorithm))
        .onConflict((oc) => oc.column("algorithm").doNothing())
        .execute();
      row = await db.kysely
        .selectFrom("federation_keys")
        .selectAll()
        .where("algorithm", "=", algorithm)
        .executeTakeFirstOrThrow();
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

/** Replaces both pairs; returns when they were made. Remote servers refetch the actor. */
export async function rotateKeyPairs(db: Db): Promise<string> {
  const rows = await Promise.all(keyAlgorithms.map(newRow));
  for (const row of rows) {
    await db.kysely
      .insertInto("federation_keys")
      .values(row)
      .onConflict((oc) =>
        oc.column("algorithm").doUpdateSet({
          private_jwk: row.private_jwk,
          public_jwk: row.public_jwk,
          created_at: row.created_at,
        }),
      )
      .execute();
  }
  return rows[0]!.created_at;
}
