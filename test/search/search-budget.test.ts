// Searches per address: a burst, then one every two seconds; past that a 429 that keeps the
// words typed. The budget lives in memory (src/web/public/search-budget.ts), so the page is
// checked on SQLite only; the counting itself with a clock the test moves.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { budgetKey, SearchBudget } from "../../src/web/public/search-budget.ts";
import { appFor } from "../support/app.ts";
import { openTestDb, type TestDb } from "../support/databases.ts";
import { buildFixture } from "../support/fixture.ts";

describe("the search budget", () => {
  function clocked(options: { burst?: number; refillMs?: number; maxAddresses?: number } = {}) {
    let now = 1_000_000;
    const budget = new SearchBudget({ burst: 3, refillMs: 2000, ...options, now: () => now });
    return { budget, pass: (ms: number) => (now += ms) };
  }

  it("allows a burst, then one search each refill, and says how long to wait", () => {
    const { budget, pass } = clocked();
    expect([1, 2, 3].map(() => budget.spend("192.0.2.1"))).toEqual([0, 0, 0]);
    expect(budget.spend("192.0.2.1")).toBe(2);
    // A refused search costs nothing: after the wait it goes through.
    pass(1000);
    expect(budget.spend("192.0.2.1")).toBe(1);
    pass(1000);
    expect(budget.spend("192.0.2.1")).toBe(0);
    expect(budget.spend("192.0.2.1")).toBe(2);
    // Idle long enough, the whole burst is back, and never more than it.
    pass(60_000);
    expect([1, 2, 3, 4].map(() => budget.spend("192.0.2.1"))).toEqual([0, 0, 0, 2]);
  });

  it("counts each address apart, an IPv6 network by its /64", () => {
    const { budget } = clocked({ burst: 1 });
    expect(budget.spend("192.0.2.1")).toBe(0);
    expect(budget.spend("192.0.2.1")).toBeGreaterThan(0);
    expect(budget.spend("192.0.2.2")).toBe(0);
    expect(budget.spend("::ffff:192.0.2.2")).toBeGreaterThan(0);
    expect(budget.spend("2001:db8:1:2::1")).toBe(0);
    expect(budget.spend("2001:db8:1:2:ffff:ffff:ffff:ffff")).toBeGreaterThan(0);
    expect(budget.spend("2001:db8:1:3::1")).toBe(0);
  });

  it("forgets the longest idle addresses beyond its size", () => {
    const { budget } = clocked({ burst: 1, maxAddresses: 3 });
    for (const address of ["192.0.2.1", "192.0.2.2", "192.0.2.3"]) budget.spend(address);
    expect(budget.spend("192.0.2.1")).toBeGreaterThan(0); // still known: moved to the end
    budget.spend("192.0.2.4"); // the map is full: 192.0.2.2 is forgotten
    expect(budget.size).toBe(3);
    expect(budget.spend("192.0.2.2")).toBe(0);
  });

  it("keys any address string without throwing, one key per IPv6 /64", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 80 }), (junk) => {
        expect(typeof budgetKey(junk)).toBe("string");
      }),
      { numRuns: 300 },
    );
    const group = fc.integer({ min: 0, max: 0xffff }).map((n) => n.toString(16));
    const groups = (n: number) => fc.array(group, { minLength: n, maxLength: n });
    fc.assert(
      fc.property(groups(4), groups(4), groups(4), (net, a, b) => {
        const one = budgetKey([...net, ...a].join(":"));
        // The same network written short, upper case, with a zone.
        const short = `${net.join(":")}::${b[3]}%eth0`.toUpperCase();
        expect(budgetKey(short)).toBe(one);
        expect(budgetKey([...net, ...b].join(":"))).toBe(one);
        const other = [...net.slice(0, 3), ((parseInt(net[3]!, 16) + 1) % 0x10000).toString(16)];
        expect(budgetKey([...other, ...a].join(":"))).not.toBe(one);
      }),
      { numRuns: 200 },
    );
  });
});

describe("the search page past the budget", () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await openTestDb("sqlite");
    await buildFixture(db);
  });
  afterAll(async () => {
    await db.dispose();
  });

  const from = (address: string) => ({ headers: { "X-Forwarded-For": address } });

  it("answers 429 with the words kept after 20 searches from one address", async () => {
    const app = appFor(db, { trustedProxyHops: 1 });
    for (let i = 0; i < 20; i++) {
      const ok = await app.request(`/search?q=vegas+${i}`, from("203.0.113.7"));
      expect(ok.status).toBe(200);
    }
    const refused = await app.request("/search?q=leaving+las+vegas", from("203.0.113.7"));
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("2");
    const html = await refused.text();
    expect(html).toContain('value="leaving las vegas"');
    expect(html).toContain("Please wait 2 seconds and search again");
    expect(html).not.toContain("search-results");
    // The search box without a query spends nothing; another address has its own budget.
    expect((await app.request("/search", from("203.0.113.7"))).status).toBe(200);
    const other = await app.request("/search?q=leaving+las+vegas", from("203.0.113.8"));
    expect(other.status).toBe(200);
    expect(await other.text()).toContain("search-results");
  });

  it("is not applied when switched off (load benchmarks only)", async () => {
    const app = appFor(db, { trustedProxyHops: 1, searchRateLimits: false });
    for (let i = 0; i < 25; i++) {
      expect((await app.request(`/search?q=vegas+${i}`, from("203.0.113.9"))).status).toBe(200);
    }
  });
});
