// What tables the database holds, read from the database itself (not from a hand-kept list),
// so that a backup includes a table added by a later migration without anyone editing it.
import { DEFAULT_MIGRATION_TABLE, sql, type Kysely } from "kysely";
import type { Db } from "../db/connect.ts";

interface ColumnInfo {
  name: string;
  /** The database's own type name, lower case ("integer", "text", "bigint", "boolean"). */
  type: string;
  nullable: boolean;
  /** Filled by the database from a sequence (PostgreSQL identity or serial columns). */
  identity: boolean;
  /** Computed by the database (generated columns): never copied, never inserted. */
  generated: boolean;
}

interface ForeignKey {
  column: string;
  table: string;
  refColumn: string;
}

export interface TableInfo {
  name: string;
  /** SQLite virtual tables (FTS5) cannot be copied row by row like ordinary ones. */
  virtual: boolean;
  columns: ColumnInfo[];
  primaryKey: string[];
  foreignKeys: ForeignKey[];
}

// The catalogue is read on any connection or transaction, whatever its table types.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyKysely = Kysely<any>;

/** Every table of the site's schema, Kysely's own bookkeeping left out. */
export function readCatalogue(db: Db): Promise<TableInfo[]> {
  const k = db.kysely as unknown as AnyKysely;
  return db.dialect === "postgres" ? postgresCatalogue(k) : sqliteCatalogue(k);
}

function isBookkeeping(name: string): boolean {
  return name.startsWith(DEFAULT_MIGRATION_TABLE);
}

async function sqliteCatalogue(k: AnyKysely): Promise<TableInfo[]> {
  // table_list marks FTS5 tables "virtual" and their storage "shadow"; shadows are skipped.
  const tables = await sql<{ name: string; type: string }>`
    select name, type from pragma_table_list
    where schema = 'main' and type in ('table', 'virtual') and name not like 'sqlite_%'
    order by name`.execute(k);
  const result: TableInfo[] = [];
  for (const { name, type } of tables.rows) {
    if (isBookkeeping(name)) continue;
    const columns = await sql<{
      name: string;
      type: string;
      notnull: number;
      pk: number;
      hidden: number;
    }>`select name, type, "notnull", pk, hidden from pragma_table_xinfo(${name}) order by cid`.execute(
      k,
    );
    const keys = await sql<{ from: string; table: string; to: string | null }>`
      select "from", "table", "to" from pragma_foreign_key_list(${name})`.execute(k);
    const primaryKey = columns.rows
      .filter((c) => c.pk > 0)
      .sort((a, b) => a.pk - b.pk)
      .map((c) => c.name);
    result.push({
      name,
      virtual: type === "virtual",
      // hidden 1 is a virtual table's own column; 2 and 3 are generated columns.
      columns: columns.rows
        .filter((c) => c.hidden !== 1)
        .map((c) => ({
          name: c.name,
          type: c.type.toLowerCase(),
          nullable: c.notnull === 0 && c.pk === 0,
          identity: false,
          generated: c.hidden === 2 || c.hidden === 3,
        })),
      primaryKey,
      foreignKeys: keys.rows.map((f) => ({
        column: f.from,
        table: f.table,
        // A reference without a column names the other table's primary key: "id" here.
        refColumn: f.to ?? "id",
      })),
    });
  }
  return result;
}

async function postgresCatalogue(k: AnyKysely): Promise<TableInfo[]> {
  const tables = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
    where table_schema = current_schema() and table_type = 'BASE TABLE'
    order by table_name`.execute(k);
  const columns = await sql<{
    table: string;
    name: string;
    type: string;
    nullable: string;
    identity: string;
    generated: string;
    default: string | null;
  }>`
    select table_name as "table", column_name as name, data_type as type,
      is_nullable as nullable, is_identity as identity, is_generated as generated,
      column_default as "default"
    from information_schema.columns
    where table_schema = current_schema()
    order by table_name, ordinal_position`.execute(k);
  const primaryKeys = await sql<{ table: string; column: string }>`
    select cl.relname as "table", att.attname as "column"
    from pg_constraint c
    join pg_class cl on cl.oid = c.conrelid
    join pg_namespace n on n.oid = cl.relnamespace
    cross join lateral unnest(c.conkey) with ordinality as k(attnum, n)
    join pg_attribute att on att.attrelid = c.conrelid and att.attnum = k.attnum
    where c.contype = 'p' and n.nspname = current_schema()
    order by cl.relname, k.n`.execute(k);
  const foreignKeys = await sql<{ table: string; column: string; ref: string; refColumn: string }>`
    select cl.relname as "table", att.attname as "column",
      fcl.relname as ref, fatt.attname as "refColumn"
    from pg_constraint c
    join pg_class cl on cl.oid = c.conrelid
    join pg_namespace n on n.oid = cl.relnamespace
    join pg_class fcl on fcl.oid = c.confrelid
    cross join lateral unnest(c.conkey, c.confkey) as k(attnum, fattnum)
    join pg_attribute att on att.attrelid = c.conrelid and att.attnum = k.attnum
    join pg_attribute fatt on fatt.attrelid = c.confrelid and fatt.attnum = k.fattnum
    where c.contype = 'f' and n.nspname = current_schema()`.execute(k);

  return tables.rows
    .filter((t) => !isBookkeeping(t.name))
    .map((t) => ({
      name: t.name,
      virtual: false,
      columns: columns.rows
        .filter((c) => c.table === t.name)
        .map((c) => ({
          name: c.name,
          type: c.type.toLowerCase(),
          nullable: c.nullable === "YES",
          identity: c.identity === "YES" || (c.default ?? "").startsWith("nextval("),
          generated: c.generated === "ALWAYS",
        })),
      primaryKey: primaryKeys.rows.filter((p) => p.table === t.name).map((p) => p.column),
      foreignKeys: foreignKeys.rows
        .filter((f) => f.table === t.name)
        .map((f) => ({ column: f.column, table: f.ref, refColumn: f.refColumn })),
    }));
}

/** The names of the schema migrations this database has run, in order: its schema level. */
export async function migrationLevel(db: Db): Promise<string[]> {
  const k = db.kysely as unknown as AnyKysely;
  const rows = await k.selectFrom(DEFAULT_MIGRATION_TABLE).select("name").orderBy("name").execute();
  return rows.map((r: { name: string }) => r.name);
}
