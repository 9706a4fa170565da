// The columns the one-statement reads (review-page-read.ts, feed-read.ts,
// indexes/summary-page-read.ts) nest as JSON, listed once so that the three cannot drift apart.
import type { Still } from "../db/schema.ts";

export const stillColumns = [
  "id",
  "review_id",
  "path",
  "width",
  "height",
  "alt",
  "caption",
  "position",
  "variants",
  "thumbhash",
] as const satisfies readonly (keyof Still)[];

// A column added to stills must be read here too: this fails to compile until it is.
const everyStillColumnRead: Exclude<keyof Still, (typeof stillColumns)[number]> extends never
  ? true
  : never = true;
void everyStillColumnRead;

/** `{ column: "alias.column" }` for jsonObject (src/db/nested-json.ts). */
export function columnsOf(alias: string, columns: readonly string[]): Record<string, string> {
  return Object.fromEntries(columns.map((c) => [c, `${alias}.${c}`]));
}
