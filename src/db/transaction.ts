// Runs domain functions inside one database transaction: they take a Db, and a Db whose
// kysely is a transaction is still a Db. Nested calls join the outer transaction.
import type { Transaction } from "kysely";
import type { Db } from "./connect.ts";
import type { Database } from "./schema.ts";

export async function inTransaction<T>(db: Db, work: (trx: Db) => Promise<T>): Promise<T> {
  if (db.kysely.isTransaction) return work(db);
  return db.kysely
    .transaction()
    .execute((kysely: Transaction<Database>) => work({ ...db, kysely }));
}
