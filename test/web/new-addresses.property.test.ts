// The addresses this round added read a segment from the outside: a listing's page number, a
// stats year, the share card's year, a search page, a reader's comment token, a password-reset
// token. Whatever a client puts there (digits of any length, signs, dots, percent-escapes,
// control characters, other scripts) the answer is an ordinary page, redirect or refusal —
// never a server error. Bounded property runs on both databases.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appFor } from "../support/app.ts";
import { dialects, openTestDb, type TestDb } from "../support/databases.ts";
import { buildFixture } from "../support/fixture.ts";

/** A path segment as a hostile client might send it, percent-encoded where it must be. */
const segment = fc
  .oneof(
    fc.constantFrom("0", "00", "01", "-1", "1e3", "1.5", "9".repeat(40), "2026", "..", "%00"),
    fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }).map(String),
    fc.string({ maxLength: 30 }),
    fc.string({ unit: "binary", maxLength: 30 }),
  )
  .map((raw) => (raw === "" ? "x" : encodeURIComponent(raw)));

const addresses = (s: string) => [
  `/page/${s}`,
  `/tag/neo-noir/page/${s}`,
  `/years/1995/page/${s}`,
  `/person/mike-figgis/page/${s}`,
  `/stats/${s}`,
  `/stats/${s}/card.png`,
  `/search?q=vegas&page=${s}`,
  `/review/${s}/comments/token`,
  `/admin/sign-in/reset/${s}`,
];

describe.each(dialects)("new addresses under hostile segments on %s", (dialect) => {
  let db: TestDb;
  let app: ReturnType<typeof appFor>;
  beforeAll(async () => {
    db = await openTestDb(dialect);
    await buildFixture(db);
    app = appFor(db);
  });
  afterAll(() => db.dispose());

  it("answers each with a page, a redirect or a refusal, never a 5xx", async () => {
    await fc.assert(
      fc.asyncProperty(segment, async (s) => {
        for (const path of addresses(s)) {
          const response = await app.request(path);
          await response.arrayBuffer();
          expect(response.status, path).toBeLessThan(500);
        }
      }),
      { numRuns: 40 },
    );
  });
});
