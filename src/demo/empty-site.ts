// Whether the site has no content yet: `cinelog serve` asks on every start, but loads the demo
// (src/demo/load-demo.ts, with its texts, drawings and the writing side of the domain) only
// when the answer is yes, so a serving process does not keep that code for its lifetime.
import type { Db } from "../db/connect.ts";

export async function isEmptySite(db: Db): Promise<boolean> {
  const row = await db.kysely
    .selectFrom("films")
    .select((eb) => eb.fn.countAll().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n) === 0;
}
