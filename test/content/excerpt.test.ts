import { describe, expect, it } from "vitest";
import { excerptFrom } from "../../src/content/markdown.ts";

describe("excerptFrom", () => {
  it("leaves headings out instead of running them into the text", () => {
    const body = [
      "Everyone in this film talks faster than you can think.",
      "## Overlapping dialogue",
      "Hawks lets the lines collide on purpose.",
    ].join("\n\n");
    expect(excerptFrom(body)).toBe(
      "Everyone in this film talks faster than you can think. Hawks lets the lines collide on purpose.",
    );
  });

  it("ends a paragraph without closing punctuation as a sentence", () => {
    expect(excerptFrom("A quiet opening\n\nThen the storm.")).toBe(
      "A quiet opening. Then the storm.",
    );
  });

  it("falls back to other blocks, each a sentence, when there is no paragraph", () => {
    expect(excerptFrom("## First thoughts\n\n- tense\n- long")).toBe(
      "First thoughts. tense. long.",
    );
  });

  it("cuts long text on a word boundary and decodes entities once", () => {
    const long = `Tom & Jerry &lt;3 ${"word ".repeat(100)}`;
    const excerpt = excerptFrom(long, 60);
    expect(excerpt.startsWith("Tom & Jerry <3 word")).toBe(true);
    expect(excerpt.endsWith("word…")).toBe(true);
    expect(excerpt.length).toBeLessThanOrEqual(61);
  });
});
