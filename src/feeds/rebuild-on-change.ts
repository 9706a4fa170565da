// Feed readers poll the same feeds again and again while the reviews in them rarely change.
// Building an entry — its links made absolute, its HTML escaped into XML — was most of what
// an uncached feed cost (bench/README.md, issue 15), so each built part is kept per entry and
// reused only while everything it was built from is equal to what it was built from before.
// An edit therefore shows in the very next feed, with no invalidation to get wrong and no
// reliance on a timestamp being bumped.

interface Kept<V> {
  small: string;
  large: string;
  value: V;
}

export class RebuildOnChange<V> {
  readonly #kept = new Map<string, Kept<V>>();

  /** At most `limit` entries are kept, the least recently used dropped first. */
  constructor(private readonly limit: number) {}

  /**
   * The value built for `id` from these inputs: `small` is everything but the body, as one
   * string (JSON); `large` is the body, compared on its own so it is never copied into a key.
   */
  /** Whether a value built from these very inputs is kept (without counting as a use). */
  has(id: string, small: string, large: string): boolean {
    const kept = this.#kept.get(id);
    return kept !== undefined && kept.small === small && kept.large === large;
  }

  get(id: string, small: string, large: string, build: () => V): V {
    const kept = this.#kept.get(id);
    this.#kept.delete(id);
    if (kept && kept.small === small && kept.large === large) {
      this.#kept.set(id, kept);
      return kept.value;
    }
    const value = build();
    if (this.#kept.size >= this.limit) this.#kept.delete(this.#kept.keys().next().value!);
    this.#kept.set(id, { small, large, value });
    return value;
  }
}
