// Mail: the outbox every notice passes through, and e-mail subscriptions (double opt-in).
// PLACEHOLDER: filled in by the work that needs it; an empty migration changes nothing.
import type { Kysely } from "kysely";
import type { Dialect } from "../connect.ts";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(_db: Kysely<any>, _dialect: Dialect): Promise<void> {}
