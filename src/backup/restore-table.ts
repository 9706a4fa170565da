// Writes one table's rows from the backup, in batches, keeping every id as it was.
import type { Kysely } from "kysely";
import type { Db } from "../db/connect.ts";
import { BackupError, decodeValue } from "./backup-format.ts";
import type { TablePlan } from "./backup-plan.ts";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyKysely = Kysely<any>;

/** A reference set once the row it points at exists (a reply to a later comment, say). */
export interface Fixup {
  table: string;
  key: string;
  id: unknown;
  column: string;
  value: unknown;
}

// SQLite allows 32,766 bound values a statement, PostgreSQL 65,535: stay under both.
const maxValuesPerStatement = 30_000;

export async function restoreTable(
  db: Db,
  plan: TablePlan,
  columns: string[],
  lines: AsyncIterable<string>,
  fixups: Fixup[],
  onRows: (n: number) => void,
): Promise<number> {
  const k = db.kysely as unknown as AnyKysely;
  const name = plan.table.name;
  const types = new Map(plan.table.columns.map((c) => [c.name, c.type]));
  const key = plan.table.primaryKey.length === 1 ? plan.table.primaryKey[0] : undefined;
  const selfReferencing = plan.deferred.some((d) => d.table === name);
  // Keys written so far, for references within the table (comment replies to comments).
  const written = selfReferencing ? new Set<string>() : undefined;
  const batchSize = Math.max(1, Math.min(500, Math.floor(maxValuesPerStatement / columns.length)));
  let batch: Record<string, unknown>[] = [];
  let count = 0;

  const flush = async () => {
    if (batch.length === 0) return;
    try {
      await k.insertInto(name).values(batch).execute();
    } catch (error) {
      throw new BackupError(`Could not restore the ${name} table: ${(error as Error).message}`);
    }
    onRows(batch.length);
    batch = [];
  };

  for await (const line of lines) {
    if (line.trim() === "") continue;
    const source = parseRow(line, name, count + 1);
    const row: Record<string, unknown> = {};
    for (const column of columns)
      row[column] = decodeValue(source[column] ?? null, types.get(column)!);
    for (const ref of plan.deferred) {
      const value = row[ref.column];
      if (value === null || value === undefined) continue;
      if (ref.table === name && written?.has(keyOf(value))) continue;
      if (!ref.nullable || key === undefined) {
        throw new BackupError(
          `The ${name} table refers to rows restored after it in a way this restore cannot order.`,
        );
      }
      fixups.push({ table: name, key, id: row[key], column: ref.column, value });
      row[ref.column] = null;
    }
    if (written && key !== undefined) written.add(keyOf(row[key]));
    batch.push(row);
    count += 1;
    if (batch.length >= batchSize) await flush();
  }
  await flush();
  return count;
}

/** Keys are numbers or text in this schema; JSON tells 1 from "1" for anything else. */
function keyOf(value: unknown): string {
  return typeof value === "number" || typeof value === "string"
    ? String(value)
    : JSON.stringify(value);
}

function parseRow(line: string, table: string, n: number): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(line);
    if (value !== null && typeof value === "object" && !Array.isArray(value)) {
      return value as Record<string, unknown>;
    }
  } catch {
    // reported below
  }
  throw new BackupError(`The backup is damaged: row ${n} of the ${table} table is not a record.`);
}

export async function applyFixups(db: Db, fixups: Fixup[]): Promise<void> {
  const k = db.kysely as unknown as AnyKysely;
  for (const f of fixups) {
    await k
      .updateTable(f.table)
      .set({ [f.column]: f.value })
      .where(f.key, "=", f.id)
      .execute();
  }
}
