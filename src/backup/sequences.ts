// Where each table's ids carry on. Restored rows keep their ids; the next id handed out must
// come after them, and after the ids of rows deleted before the backup too (SQLite's
// AUTOINCREMENT and PostgreSQL's identity sequences never reuse one): an old link or an
// import record naming a deleted film must never start pointing at a new one.
import { sql, type Kysely } from "kysely";
import type { Db } from "../db/connect.ts";
import type { TablePlan } from "./backup-plan.ts";
import type { TableInfo } from "./catalogue.ts";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyKysely = Kysely<any>;

/** The table's single id column, when the database fills it (identity or AUTOINCREMENT). */
function idColumnOf(db: Db, table: TableInfo): string | undefined {
  if (db.dialect === "postgres") return table.columns.find((c) => c.identity)?.name;
  const [key] = table.primaryKey;
  const column = table.columns.find((c) => c.name === key);
  return table.primaryKey.length === 1 && column?.type === "integer" ? key : undefined;
}

/** The next id each table would hand out, as far as the database remembers one. */
export async function nextIds(db: Db, tables: TableInfo[]): Promise<Map<string, number>> {
  const k = db.kysely as unknown as AnyKysely;
  const result = new Map<string, number>();
  if (db.dialect === "sqlite") {
    const hasSequences = await sql<{ n: number }>`
      select count(*) as n from sqlite_master where name = 'sqlite_sequence'`.execute(k);
    if (Number(hasSequences.rows[0]?.n) === 0) return result;
    const rows = await sql<{ name: string; seq: number }>`
      select name, seq from sqlite_sequence`.execute(k);
    const wanted = new Set(tables.map((t) => t.name));
    for (const row of rows.rows) {
      if (wanted.has(row.name)) result.set(row.name, Number(row.seq) + 1);
    }
    return result;
  }
  for (const table of tables) {
    const column = idColumnOf(db, table);
    if (!column) continue;
    const row = await sql<{ last: string | null }>`
      select pg_sequence_last_value(pg_get_serial_sequence(${table.name}, ${column})::regclass)
        as last`.execute(k);
    const last = row.rows[0]?.last;
    if (last != null) result.set(table.name, Number(last) + 1);
  }
  return result;
}

/** Moves each table's id counter past its restored ids and past the backup's `nextId`. */
export async function advanceIds(
  db: Db,
  plans: TablePlan[],
  next: Map<string, number>,
): Promise<void> {
  const k = db.kysely as unknown as AnyKysely;
  for (const { table } of plans) {
    const column = idColumnOf(db, table);
    if (!column) continue;
    const floor = next.get(table.name) ?? 1;
    if (db.dialect === "postgres") {
      await sql`select setval(
          pg_get_serial_sequence(${table.name}, ${column}),
          greatest(coalesce((select max(${sql.ref(column)}) from ${sql.table(table.name)}), 0) + 1,
            ${floor}::bigint),
          false)`.execute(k);
      continue;
    }
    // SQLite follows restored ids by itself; only AUTOINCREMENT tables remember deleted ones.
    const definition = await sql<{ sql: string | null }>`
      select sql from sqlite_master where type = 'table' and name = ${table.name}`.execute(k);
    if (!/autoincrement/i.test(definition.rows[0]?.sql ?? "") || floor <= 1) continue;
    const updated = await sql`
      update sqlite_sequence set seq = max(seq, ${floor - 1}) where name = ${table.name}`.execute(
      k,
    );
    if (Number(updated.numAffectedRows ?? 0) === 0) {
      await sql`insert into sqlite_sequence (name, seq) values (${table.name}, ${floor - 1})`.execute(
        k,
      );
    }
  }
}
