// Kysely's driver for our SQLite file, with two connections instead of one: reads outside a
// transaction go to a read connection at once, never queuing behind writes (WAL lets a reader
// see the last commit while a writer writes), and writes and transactions take the write
// connection in strict arrival order (first come, first served). Kysely's own driver puts
// every statement, reads included, behind one lock that wakes all its waiters at each release
// and lets newcomers overtake them, which made the slowest requests wait seconds under load.
// Transactions begin IMMEDIATE, taking the write lock at once: with several processes on one
// file (`serve --workers N`) a deferred one could fail at its first write instead of waiting.
import type BetterSqlite3 from "better-sqlite3";
import {
  CompiledQuery,
  SelectQueryNode,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryCompiler,
  type QueryResult,
} from "kysely";
import { FifoLock } from "./fifo-lock.ts";

export class SplitSqliteDialect implements Dialect {
  constructor(
    private readonly writer: BetterSqlite3.Database,
    /** Undefined for a database in memory, which a second connection would not see. */
    private readonly reader: BetterSqlite3.Database | undefined,
  ) {}

  createAdapter() {
    return new SqliteAdapter();
  }

  createDriver(): Driver {
    return new SplitSqliteDriver(this.writer, this.reader);
  }

  createQueryCompiler(): QueryCompiler {
    return new SqliteQueryCompiler();
  }

  createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new SqliteIntrospector(db);
  }
}

/** What Kysely holds for one query, or for the length of a transaction. */
class Lease implements DatabaseConnection {
  /** True between BEGIN and COMMIT/ROLLBACK: this lease holds the write connection. */
  inTransaction = false;

  constructor(private readonly driver: SplitSqliteDriver) {}

  executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    return this.driver.execute<R>(this, query);
  }

  async *streamQuery<R>(query: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    if (!SelectQueryNode.is(query.query)) {
      throw new Error("Only select queries can be streamed from SQLite");
    }
    yield* this.driver.stream<R>(this, query);
  }
}

class SplitSqliteDriver implements Driver {
  readonly #writeLock = new FifoLock();

  constructor(
    private readonly writer: BetterSqlite3.Database,
    private readonly reader: BetterSqlite3.Database | undefined,
  ) {}

  async init(): Promise<void> {}

  acquireConnection(): Promise<DatabaseConnection> {
    return Promise.resolve(new Lease(this));
  }

  async execute<R>(lease: Lease, query: CompiledQuery): Promise<QueryResult<R>> {
    if (lease.inTransaction) return run<R>(this.writer, query);
    if (this.reader && SelectQueryNode.is(query.query)) return run<R>(this.reader, query);
    await this.#writeLock.lock();
    try {
      return run<R>(this.writer, query);
    } finally {
      this.#writeLock.unlock();
    }
  }

  async *stream<R>(lease: Lease, query: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    const useReader = !lease.inTransaction && this.reader;
    if (!useReader && !lease.inTransaction) await this.#writeLock.lock();
    try {
      const statement = (useReader || this.writer).prepare(query.sql);
      for (const row of statement.iterate(query.parameters)) yield { rows: [row as R] };
    } finally {
      if (!useReader && !lease.inTransaction) this.#writeLock.unlock();
    }
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    const lease = connection as Lease;
    await this.#writeLock.lock();
    try {
      run(this.writer, CompiledQuery.raw("begin immediate"));
      lease.inTransaction = true;
    } catch (error) {
      this.#writeLock.unlock();
      throw error;
    }
  }

  commitTransaction(connection: DatabaseConnection): Promise<void> {
    return this.#end(connection as Lease, "commit");
  }

  rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    return this.#end(connection as Lease, "rollback");
  }

  #end(lease: Lease, statement: "commit" | "rollback"): Promise<void> {
    try {
      run(this.writer, CompiledQuery.raw(statement));
    } finally {
      lease.inTransaction = false;
      this.#writeLock.unlock();
    }
    return Promise.resolve();
  }

  async savepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`savepoint ${quoted(name)}`));
  }

  async rollbackToSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`rollback to ${quoted(name)}`));
  }

  async releaseSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`release ${quoted(name)}`));
  }

  async releaseConnection(): Promise<void> {}

  destroy(): Promise<void> {
    this.reader?.close();
    this.writer.close();
    return Promise.resolve();
  }
}

function quoted(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** One statement on one connection, as Kysely's own SQLite driver runs it. */
function run<R>(db: BetterSqlite3.Database, query: CompiledQuery): QueryResult<R> {
  const statement = db.prepare(query.sql);
  const parameters = query.parameters as unknown[];
  if (statement.reader) return { rows: statement.all(parameters) as R[] };
  const { changes, lastInsertRowid } = statement.run(parameters);
  return { numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] };
}
