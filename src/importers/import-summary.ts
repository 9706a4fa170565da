// What an import did, for the summary at the end: counts of each kind, and everything left
// out with the reason, grouped so a thousand skipped revisions read as one line.

export interface SkippedGroup {
  why: string;
  count: number;
  /** A few of the records, to recognise them by. */
  examples: string[];
}

/** How many items of one kind a report lists, so a broken file cannot fill the memory. */
const reportedLimit = 1000;

export class ImportSummary {
  readonly counts = new Map<string, number>();
  readonly #skipped = new Map<string, SkippedGroup>();
  readonly #reported = new Map<string, SkippedGroup>();
  /** The WordPress import's word-for-word check (fidelity-check.ts): posts whose words changed. */
  fidelity: { compared: number; changed: string[] } | undefined;

  count(what: string, by = 1): void {
    this.counts.set(what, (this.counts.get(what) ?? 0) + by);
  }

  skip(what: string, why: string): void {
    const group = this.#skipped.get(why) ?? { why, count: 0, examples: [] };
    group.count += 1;
    if (group.examples.length < 5) group.examples.push(what);
    this.#skipped.set(why, group);
  }

  /**
   * Something brought in, but not exactly as the source had it, for the owner to look at:
   * every item is listed (up to a bound), not just a few examples.
   */
  report(what: string, why: string): void {
    const group = this.#reported.get(why) ?? { why, count: 0, examples: [] };
    group.count += 1;
    // A copy of its own: a slice of an importer's input would keep the whole input alive.
    if (group.examples.length < reportedLimit) {
      group.examples.push(Buffer.from(what.slice(0, 300), "utf8").toString("utf8"));
    }
    this.#reported.set(why, group);
  }

  get reported(): SkippedGroup[] {
    return [...this.#reported.values()];
  }

  get skipped(): SkippedGroup[] {
    return [...this.#skipped.values()];
  }

  toText(): string {
    const lines = ["Imported:"];
    for (const [what, n] of this.counts) lines.push(`  ${what}: ${n}`);
    if (this.counts.size === 0) lines.push("  nothing");
    if (this.#skipped.size > 0) {
      lines.push("Skipped:");
      for (const group of this.#skipped.values()) {
        const more = group.count > group.examples.length ? ", …" : "";
        lines.push(`  ${group.count} × ${group.why} (${group.examples.join(", ")}${more})`);
      }
    }
    for (const group of this.#reported.values()) {
      lines.push(`Reported: ${group.count} × ${group.why}`);
      for (const what of group.examples) lines.push(`  - ${what}`);
      if (group.count > group.examples.length) {
        lines.push(`  - … and ${group.count - group.examples.length} more`);
      }
    }
    if (this.fidelity) {
      const { compared, changed } = this.fidelity;
      lines.push(
        `Fidelity check: ${changed.length} ${changed.length === 1 ? "post" : "posts"} changed (of ${compared} compared word for word)`,
      );
      for (const what of changed) lines.push(`  - ${what}`);
    }
    return lines.join("\n");
  }
}
