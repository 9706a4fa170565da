// A budget of searches per client address. A search that misses the page cache is the
// dearest page a reader can ask for: twelve common words cost 18–19 ms on either database
// (ten review pages' worth and more; bench/README.md, "A budget of searches per address" and
// "Search on its own index"), and every new wording of a query misses the cache. So one
// address may run a burst of searches and then one every few seconds; past that it is asked
// to wait, with what it typed kept in the box. Readers never meet it: paging through results
// and rewording a query stay far inside it. Kept in memory, per process: the budget bounds
// what one client costs each process, and costs the search nothing to check (a row per
// search in the database would).
import { isIPv6 } from "node:net";
import { v6Bytes } from "../../net/address-class.ts";

const defaultBurst = 20;
const defaultRefillMs = 2000;
// Beyond this many addresses the longest-idle ones are forgotten (a forgotten address starts
// with a full budget again), so a flood from many addresses cannot grow the map without end.
const defaultMaxAddresses = 10_000;

interface SearchBudgetOptions {
  /** Searches an address may run at once before it has to wait. */
  burst?: number;
  /** How long an address waits for each further search. */
  refillMs?: number;
  maxAddresses?: number;
  now?: () => number;
}

interface Allowance {
  /** Searches left, fractional between refills. */
  left: number;
  /** When `left` was last worked out. */
  at: number;
}

export class SearchBudget {
  readonly #burst: number;
  readonly #refillMs: number;
  readonly #maxAddresses: number;
  readonly #now: () => number;
  // Map keeps insertion order: each spend moves its address to the end, so the first entry
  // is always the one idle longest.
  readonly #allowances = new Map<string, Allowance>();

  constructor(options: SearchBudgetOptions = {}) {
    this.#burst = options.burst ?? defaultBurst;
    this.#refillMs = options.refillMs ?? defaultRefillMs;
    this.#maxAddresses = options.maxAddresses ?? defaultMaxAddresses;
    this.#now = options.now ?? Date.now;
  }

  /**
   * Counts one search for `address` and returns 0, or, when its budget is spent, the whole
   * seconds until it may search again (nothing is counted then).
   */
  spend(address: string): number {
    const key = budgetKey(address);
    const now = this.#now();
    const known = this.#allowances.get(key);
    const left = known
      ? Math.min(this.#burst, known.left + (now - known.at) / this.#refillMs)
      : this.#burst;
    if (known) this.#allowances.delete(key);
    else if (this.#allowances.size >= this.#maxAddresses) {
      this.#allowances.delete(this.#allowances.keys().next().value!);
    }
    if (left < 1) {
      this.#allowances.set(key, { left, at: now });
      return Math.max(1, Math.ceil(((1 - left) * this.#refillMs) / 1000));
    }
    this.#allowances.set(key, { left: left - 1, at: now });
    return 0;
  }

  /** Addresses remembered now (for tests and metrics). */
  get size(): number {
    return this.#allowances.size;
  }
}

/**
 * Whose budget a search spends: an IPv4 address itself; an IPv6 address by its /64, since
 * one home or server is handed a whole /64 and could otherwise take a fresh budget for every
 * search. An IPv4 address written in IPv6 form ("::ffff:192.0.2.1") is the IPv4 one. Anything
 * else (no socket should give it) is its own key.
 */
export function budgetKey(address: string): string {
  if (!isIPv6(address)) return address;
  const bytes = v6Bytes(address);
  const mapped = bytes.slice(0, 12).join(",") === "0,0,0,0,0,0,0,0,0,0,255,255";
  if (mapped) return bytes.slice(12).join(".");
  const hex = (at: number) => ((bytes[at]! << 8) | bytes[at + 1]!).toString(16);
  return `${[0, 2, 4, 6].map(hex).join(":")}::/64`;
}
