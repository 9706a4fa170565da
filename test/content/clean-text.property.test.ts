// Bounded property tests of the text cleaner: whatever comes in, what goes out holds no
// control character but tab and newline and no lone surrogate, cleaning twice changes
// nothing, and text that needed no cleaning comes out exactly as it went in.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cleanText } from "../../src/content/clean-text.ts";

const forbidden = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/; // eslint-disable-line no-control-regex
const anyText = fc.string({ unit: "binary", maxLength: 200 });
const mixed = fc.oneof(
  anyText,
  fc.string({
    unit: fc.constantFrom("a", "\u0000", "\r", "\n", "\t", "\uD800", "\uDC00", "é", "😀"),
    maxLength: 50,
  }),
);

describe("cleanText", () => {
  it("leaves no control character and no lone surrogate, and is idempotent", () => {
    fc.assert(
      fc.property(mixed, (text) => {
        const cleaned = cleanText(text);
        expect(forbidden.test(cleaned)).toBe(false);
        expect(cleaned.includes("\r")).toBe(false);
        expect(
          /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(cleaned),
        ).toBe(false);
        expect(cleanText(cleaned)).toBe(cleaned);
      }),
      { numRuns: 2000 },
    );
  });

  it("keeps clean text exactly, and only ever removes or turns CR into LF", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 100 }), (text) => {
        const clean = text.replace(/\r/g, "").replace(forbidden, "");
        if (!forbidden.test(clean)) expect(cleanText(clean)).toBe(clean);
        const cleaned = cleanText(text);
        expect(cleaned.length).toBeLessThanOrEqual(text.length);
      }),
      { numRuns: 2000 },
    );
  });

  it("keeps the words around a NUL", () => {
    expect(cleanText("a\u0000b\r\nc\rd\te\u0085f\uD800g😀")).toBe("ab\nc\nd\tef" + "g😀");
  });
});
