// Fedify's key-value store over our own database (table federation_kv, migration 028), on
// SQLite and PostgreSQL alike: Fedify caches remote documents and public keys here, and keeps
// its idempotence marks for activities already handled, so they outlive a restart.
import { isDeepStrictEqual } from "node:util";
import type { KvKey, KvStore, KvStoreListEntry, KvStoreSetOptions } from "@fedify/fedify";
import type { Db } from "../db/connect.ts";
import { inTransaction } from "../db/transaction.ts";
import { durationMs } from "./duration.ts";

/** The stored form of a key: its parts as a JSON array, so a prefix is a leading substring. */
function encodeKey(key: KvKey): string {
  return JSON.stringify(key);
}

function expiry(options: KvStoreSetOptions | undefined, now: number): string | null {
  if (!options?.ttl) return null;
  return new Date(now + durationMs(options.ttl)).toISOString();
}

export class DatabaseKvStore implements KvStore {
  constructor(
    private readonly db: Db,
    private readonly clock: () => number = Date.now,
  ) {}

  private nowIso(): string {
    return new Date(this.clock()).toISOString();
  }

  async get<T = unknown>(key: KvKey): Promise<T | undefined> {
    const row = await this.db.kysely
      .selectFrom("federation_kv")
      .select(["value", "expires_at"])
      .where("key", "=", encodeKey(key))
      .executeTakeFirst();
    if (!row || (row.expires_at !== null && row.expires_at <= this.nowIso())) return undefined;
    return JSON.parse(row.value) as T;
  }

  async set(key: KvKey, value: unknown, options?: KvStoreSetOptions): Promise<void> {
    const text = JSON.stringify(value ?? null);
    const expires_at = expiry(options, this.clock());
    await this.db.kysely
      .insertInto("federation_kv")
      .values({ key: encodeKey(key), value: text, expires_at })
      .onConflict((oc) => oc.column("key").doUpdateSet({ value: text, expires_at }))
      .execute();
  }

  async delete(key: KvKey): Promise<void> {
    await this.db.kysely.deleteFrom("federation_kv").where("key", "=", encodeKey(key)).execute();
  }

  /** Sets `newValue` only if the key holds `expectedValue` now (undefined: is absent). */
  async cas(
    key: KvKey,
    expectedValue: unknown,
    newValue: unknown,
    options?: KvStoreSetOptions,
  ): Promise<boolean> {
    const encoded = encodeKey(key);
    const text = JSON.stringify(newValue ?? null);
    const expires_at = expiry(options, this.clock());
    return inTransaction(this.db, async (trx) => {
      let read = trx.kysely
        .selectFrom("federation_kv")
        .select(["value", "expires_at"])
        .where("key", "=", encoded);
      if (trx.dialect === "postgres") read = read.forUpdate();
      const row = await read.executeTakeFirst();
      const live = row && (row.expires_at === null || row.expires_at > this.nowIso());
      const current: unknown = live ? JSON.parse(row.value) : undefined;
      if (!isDeepStrictEqual(current, expectedValue)) return false;
      if (row) {
        await trx.kysely
          .updateTable("federation_kv")
          .set({ value: text, expires_at })
          .where("key", "=", encoded)
          .execute();
        return true;
      }
      // Absent: whoever inserts first wins; the other sees no row inserted.
      const inserted = await trx.kysely
        .insertInto("federation_kv")
        .values({ key: encoded, value: text, expires_at })
        .onConflict((oc) => oc.column("key").doNothing())
        .executeTakeFirst();
      return Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0;
    });
  }

  async *list(prefix?: KvKey): AsyncIterable<KvStoreListEntry> {
    let query = this.db.kysely
      .selectFrom("federation_kv")
      .select(["key", "value"])
      .where((eb) => eb.or([eb("expires_at", "is", null), eb("expires_at", ">", this.nowIso())]))
      .orderBy("key");
    if (prefix) {
      const exact = encodeKey(prefix);
      // '["a","b"' followed by ',' (a longer key) — or the key itself.
      const open = `${exact.slice(0, -1)},`;
      query = query.where((eb) =>
        eb.or([
          eb("key", "=", exact),
          eb(eb.fn("substr", ["key", eb.val(1), eb.val(open.length)]), "=", open),
        ]),
      );
    }
    for (const row of await query.execute()) {
      yield { key: JSON.parse(row.key) as KvKey, value: JSON.parse(row.value) as unknown };
    }
  }

  /** Forgets expired entries; the queue worker calls it now and then. */
  async sweep(): Promise<void> {
    await this.db.kysely
      .deleteFrom("federation_kv")
      .where("expires_at", "<=", this.nowIso())
      .execute();
  }
}
