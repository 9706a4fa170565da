// Runs domain functions inside one database transaction: they take a Db, and a Db whose
// kysely is a transaction is still a Db. Nested calls join the outer transaction.
// Change notices raised inside are announced only once the transaction has committed, so
// no cache can keep a page rendered from the data as it was before.
import type { Transaction } from "kysely";
import type { Db } from "./connect.ts";
import type { Database } from "./schema.ts";

export async function inTransaction<T>(db: Db, work: (trx: Db) => Promise<T>): Promise<T> {
  if (db.kysely.isTransaction) return work(db);
  const pendingChanges: string[][] = [];
  const result = await db.kysely
    .transaction()
    .execute((kysely: Transaction<Database>) => work({ ...db, kysely, pendingChanges }));
  for (const tags of pendingChanges) db.changes.emit(tags);
  return result;
}
