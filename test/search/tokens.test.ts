// The database-free parts of search: folding, query words, snippets and review text.
import { describe, expect, it } from "vitest";
import { reviewText } from "../../src/search/review-plain-text.ts";
import { highlight, snippet, type Segment } from "../../src/search/snippet.ts";
import {
  fold,
  indexText,
  maxQueryTerms,
  maxTokenLength,
  queryTerms,
} from "../../src/search/tokens.ts";
import { parseSearchParams } from "../../src/web/search-params.ts";

const render = (segments: Segment[]) =>
  segments.map((s) => (s.marked ? `[${s.text}]` : s.text)).join("");

describe("folding", () => {
  it("lower-cases and removes accents, strokes and ligatures", () => {
    expect(fold("Amélie AMÉLIE Ame\u0301lie")).toBe("amelie amelie amelie");
    expect(fold("Søren Łódź Straße Æon œuvre ﬁlm")).toBe("soren lodz strasse aeon oeuvre film");
    expect(fold("İstanbul ＦＵＬＬ")).toBe("istanbul full");
  });

  it("indexes letters and digits only, one space apart", () => {
    expect(indexText("Le Fabuleux Destin d'Amélie Poulain (2001)!")).toBe(
      "le fabuleux destin d amelie poulain 2001",
    );
    expect(indexText("Jean-Pierre — «Jeunet» 🎬 <b>&amp;")).toBe("jean pierre jeunet b amp");
    expect(indexText("one two three", 2)).toBe("one two");
  });
});

describe("query words", () => {
  it("keeps words, drops every operator, and prefix-matches the last word", () => {
    expect(queryTerms('"amélie" AND NEAR(poul* -x) ^y:z')).toEqual([
      { token: "amelie", prefix: false },
      { token: "and", prefix: false },
      { token: "near", prefix: false },
      { token: "poul", prefix: false },
      { token: "x", prefix: false },
      { token: "y", prefix: false },
      { token: "z", prefix: false },
    ]);
    expect(queryTerms("las vegas")).toEqual([
      { token: "las", prefix: false },
      { token: "vegas", prefix: true },
    ]);
  });

  it("gives nothing for input without words", () => {
    for (const q of ["", "   ", "\u0000", "!?*\"'()", "🎬🍿", "\uD800", "\u200b\u202e"]) {
      expect(queryTerms(q), JSON.stringify(q)).toEqual([]);
    }
  });

  it("caps the number and the length of words, and drops repeats", () => {
    const many = Array.from({ length: 40 }, (_, i) => `w${i}`).join(" ");
    expect(queryTerms(many)).toHaveLength(maxQueryTerms);
    expect(queryTerms("x".repeat(10_000))[0]?.token).toHaveLength(maxTokenLength);
    expect(queryTerms("vegas Vegas VÉGAS").map((t) => t.token)).toEqual(["vegas"]);
  });
});

describe("snippets", () => {
  it("marks folded matches in the original text", () => {
    expect(render(highlight("Amélie, Jean-Pierre's AMELIE.", queryTerms("amelie pier")))).toBe(
      "[Amélie], Jean-[Pierre]'s [AMELIE].",
    );
  });

  it("picks the passage holding the most query words", () => {
    const text = [
      "alpha bravo charlie delta echo foxtrot golf hotel india juliet.",
      "kilo lima mike november oscar papa quebec romeo sierra tango.",
      "uniform victor whiskey xray yankee zulu one two three four.",
    ].join(" ");
    const segments = snippet(text, queryTerms("oscar whiskey"), 12);
    expect(render(segments)).toBe(
      "… lima mike november [oscar] papa quebec romeo sierra tango. uniform victor [whiskey] …",
    );
    expect(render(snippet(text, queryTerms("nothing"), 5))).toBe(
      "alpha bravo charlie delta echo …",
    );
  });

  it("returns nothing for an empty body", () => {
    expect(snippet("", queryTerms("x"))).toEqual([]);
  });
});

describe("review text", () => {
  it("is the text readers see, with and without spoilers", () => {
    const text = reviewText(
      "## Heading\n\nTom &amp; Jerry, `<b>`, <b>bold</b>.<script>alert(1)</script>\n\n" +
        '<span class="spoiler">He dies.</span> The end.',
    );
    expect(text.searchable).toBe("Heading Tom & Jerry, <b>, bold. He dies. The end.");
    expect(text.shown).toBe("Heading Tom & Jerry, <b>, bold. The end.");
  });
});

describe("query-string parsing", () => {
  it("cleans the query for display and reads any page number safely", () => {
    expect(parseSearchParams(" las\u0000vegas \uD800 ", "2")).toEqual({
      query: "las vegas \uFFFD",
      page: 2,
    });
    expect(parseSearchParams(undefined, undefined)).toEqual({ query: "", page: 1 });
    for (const page of ["abc", "0", "-1", "1.5", "1e9", ""]) {
      expect(parseSearchParams("x", page).page, page).toBe(1);
    }
    expect([...parseSearchParams("🎬".repeat(300), "1").query]).toHaveLength(200);
  });
});
