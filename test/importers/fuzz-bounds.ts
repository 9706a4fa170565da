// What every parser fuzz test holds its parser to: each run ends before a deadline (a hang
// fails the test rather than stalling it), the heap after all runs is within a cap of where
// it started, and hostile bytes are made from real files by a few random edits.
import fc from "fast-check";

/** The promise's outcome, or a failure naming `what` once `ms` have passed. */
export async function withinDeadline<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not end within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** Heap used now, in MB. */
export function heapMb(): number {
  return process.memoryUsage().heapUsed / 1024 / 1024;
}

/** Bounds shared by the parser properties: few runs, and an overall time limit. */
export const fuzzRuns = { numRuns: 60, interruptAfterTimeLimit: 20_000 } as const;

type Edit = { at: number; kind: "set" | "insert" | "delete" | "cut"; byte: number };

const edit: fc.Arbitrary<Edit> = fc.record({
  at: fc.nat(),
  kind: fc.constantFrom("set", "insert", "delete", "cut"),
  byte: fc.integer({ min: 0, max: 255 }),
});

/** A few random edits to `bytes`: bytes changed, inserted, removed, or the file cut short. */
export function mutated(bytes: Buffer): fc.Arbitrary<Buffer> {
  return fc.array(edit, { minLength: 1, maxLength: 8 }).map((edits) => {
    let out = Buffer.from(bytes);
    for (const { at, kind, byte } of edits) {
      const i = out.length === 0 ? 0 : at % out.length;
      if (kind === "set" && out.length > 0) out[i] = byte;
      else if (kind === "insert")
        out = Buffer.concat([out.subarray(0, i), Buffer.from([byte]), out.subarray(i)]);
      else if (kind === "delete") out = Buffer.concat([out.subarray(0, i), out.subarray(i + 1)]);
      else if (kind === "cut") out = out.subarray(0, i);
    }
    return out;
  });
}

/**
 * Text as a person or an old site might write it, already as the edge cleans it (no
 * control characters but tab and newline): letters, accents, emoji, XML and CSV specials.
 */
export const cleanWords = fc
  .string({
    unit: fc.oneof(
      fc.constantFrom(
        "a",
        "Z",
        " ",
        "\n",
        "\t",
        "é",
        "ß",
        "映",
        "😀",
        "<",
        "&",
        '"',
        "'",
        ",",
        "]]>",
        ">",
      ),
      fc.string({ unit: "grapheme-ascii", maxLength: 1 }),
    ),
    maxLength: 60,
  })
  .map((text) => text.replace(/[\u0000-\u0008\u000B-\u001F\u007F]/g, "")); // eslint-disable-line no-control-regex
