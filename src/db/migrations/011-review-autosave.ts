// Autosaved editor drafts: what the reviewer typed, kept on the server until saved for real.
// PLACEHOLDER: filled in by the work that needs it; an empty migration changes nothing.
import type { Kysely } from "kysely";
import type { Dialect } from "../connect.ts";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(_db: Kysely<any>, _dialect: Dialect): Promise<void> {}
