// Bounded fuzzing of the WXR reader, the parser of uploaded WordPress exports: a real export
// with random bytes changed, inserted, removed or cut, and bytes of any kind, only ever end
// in the reader's own refusals (WxrError, ImportLimitError), each run before a deadline, with
// the heap back within a cap; and any well-formed export written the way WordPress writes
// one reads back to exactly what was written.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ImportLimitError } from "../../src/config/import-limits.ts";
import { readWxr } from "../../src/importers/wordpress/wxr-reader.ts";
import { WxrError, type WxrItem } from "../../src/importers/wordpress/wxr-types.ts";
import { wxrDocument, type WxrItemSpec } from "../support/wxr-writer.ts";
import { cleanWords, fuzzRuns, heapMb, mutated, withinDeadline } from "./fuzz-bounds.ts";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cinelog-wxr-fuzz-"));
let files = 0;
function saved(bytes: Buffer | string): string {
  const file = path.join(dir, `${files++}.xml`);
  fs.writeFileSync(file, bytes);
  return file;
}

const limits = { xmlText: 64 * 1024, xmlItem: 256 * 1024 };

/** The items read, or the error that ended the reading. */
async function readItems(file: string): Promise<WxrItem[] | Error> {
  const items: WxrItem[] = [];
  try {
    for await (const record of readWxr(file, undefined, limits)) {
      if (record.type === "item") items.push(record.item);
    }
  } catch (error) {
    return error as Error;
  }
  return items;
}

const sample = wxrDocument({ title: "Fuzzed journal" }, [
  {
    id: 1,
    title: "Heat (1995)",
    slug: "heat-1995",
    date: "2014-02-03 20:00:00",
    content: "Directed by Michael Mann\n\nTwo men & a <em>diner</em>.",
    tags: ["Crime"],
    comments: [
      {
        id: 4,
        author: "Reader",
        email: "r@example.net",
        date: "2014-02-04 10:00:00",
        content: "Yes.",
      },
    ],
  },
]);

function expectOwnRefusal(outcome: WxrItem[] | Error): void {
  if (!(outcome instanceof Error)) return;
  expect(
    outcome instanceof WxrError || outcome instanceof ImportLimitError,
    `${outcome.constructor.name}: ${outcome.message}`,
  ).toBe(true);
  expect(outcome.message.length).toBeGreaterThan(10);
}

describe("readWxr under fuzzing", () => {
  it("refuses damaged exports with its own errors, in time and memory", async () => {
    const heapBefore = heapMb();
    await fc.assert(
      fc.asyncProperty(mutated(Buffer.from(sample)), async (bytes) => {
        expectOwnRefusal(await withinDeadline(readItems(saved(bytes)), 5000, "readWxr"));
      }),
      fuzzRuns,
    );
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2000 }), async (bytes) => {
        expectOwnRefusal(
          await withinDeadline(readItems(saved(Buffer.from(bytes))), 5000, "readWxr"),
        );
      }),
      fuzzRuns,
    );
    expect(heapMb() - heapBefore).toBeLessThan(128);
  });

  it("refuses deep nesting and long texts within its limits", async () => {
    const deep = `<?xml version="1.0"?><rss><channel>${"<a>".repeat(20_000)}`;
    // Found by fuzzing: saxes slows with each level, and 20,000 levels took 5 s (a few MB of
    // them, hours). The reader now stops at 100.
    const nested = await withinDeadline(readItems(saved(deep)), 1000, "deep");
    expect((nested as Error).message).toMatch(
      /^Refused: elements nested more than 100 deep \(line 1/,
    );
    const long = `<?xml version="1.0"?><rss><channel><item><title>${"é".repeat(100_000)}`;
    const refused = await withinDeadline(readItems(saved(long)), 5000, "long");
    expect((refused as Error).message).toMatch(
      /^Refused: one text in the file is larger than 64 KB/,
    );
  });

  it("reads any well-formed export back to what was written", async () => {
    const post = fc.record({
      title: cleanWords,
      content: cleanWords,
      // A term's name is read trimmed, as WordPress stores it.
      tag: cleanWords.map((t) => t.trim()).filter((t) => t.length > 0),
      comment: cleanWords,
    });
    await fc.assert(
      fc.asyncProperty(fc.array(post, { minLength: 1, maxLength: 5 }), async (posts) => {
        const specs: WxrItemSpec[] = posts.map((p, i) => ({
          id: 10 + i,
          title: p.title,
          slug: `post-${i}`,
          date: "2015-06-07 08:09:10",
          content: p.content,
          tags: [p.tag],
          comments: [
            {
              id: 100 + i,
              author: "Reader",
              email: "r@example.net",
              date: "2015-06-08 00:00:00",
              content: p.comment,
            },
          ],
        }));
        const read = await withinDeadline(
          readItems(saved(wxrDocument({}, specs))),
          5000,
          "readWxr",
        );
        if (read instanceof Error) throw read;
        // A title's surrounding white space is not part of it (as in WordPress).
        expect(read.map((item) => item.title)).toEqual(posts.map((p) => p.title.trim()));
        expect(read.map((item) => item.content)).toEqual(posts.map((p) => p.content));
        expect(read.map((item) => item.terms.map((t) => t.name))).toEqual(
          posts.map((p) => [p.tag]),
        );
        expect(read.map((item) => item.comments.map((c) => c.content))).toEqual(
          posts.map((p) => [p.comment]),
        );
      }),
      fuzzRuns,
    );
  });
});
