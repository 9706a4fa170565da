// Placeholder for imports run from the admin, with their progress: filled in this session.
import type { Kysely } from "kysely";
import type { Dialect } from "../connect.ts";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(_db: Kysely<any>, _dialect: Dialect): Promise<void> {}
