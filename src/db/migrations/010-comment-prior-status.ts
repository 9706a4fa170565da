// Comments remember the status they had before spam or trash, so "Not spam" and "Restore" put them back.
// PLACEHOLDER: filled in by the work that needs it; an empty migration changes nothing.
import type { Kysely } from "kysely";
import type { Dialect } from "../connect.ts";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(_db: Kysely<any>, _dialect: Dialect): Promise<void> {}
