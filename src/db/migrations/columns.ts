// Column shapes that differ between SQLite and PostgreSQL live here and nowhere else.
import type { ColumnDefinitionBuilder } from "kysely";
import type { Dialect } from "../connect.ts";

export function idColumn(dialect: Dialect): {
  type: "integer";
  build: (c: ColumnDefinitionBuilder) => ColumnDefinitionBuilder;
} {
  return dialect === "postgres"
    ? { type: "integer", build: (c) => c.primaryKey().generatedByDefaultAsIdentity() }
    : { type: "integer", build: (c) => c.primaryKey().autoIncrement() };
}
